"""What one loaded index version holds in memory: `IndexFiles`, and the sentence table that
ranking and composing an answer read (spans and vectors of every unit's sentences)."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import faiss
import numpy as np

from service.bm25 import term_share, tokenize
from service.headings import SectionHeadings
from service.records import Document, Unit
from service.store.layout import Manifest
from service.store.lexicon import StoredLexicon
from service.store.tokens import WindowTokens


@dataclass(frozen=True)
class SentenceTable:
    """Every sentence of every unit: spans into the unit's text and unit-length vectors."""

    unit_of: np.ndarray  # (n,) unit index of each sentence
    spans: np.ndarray  # (n, 2) start, end into the unit's text
    # (n, dim) as stored: float16, memory-mapped when loaded from a version (a question reads
    # only its candidates' rows; docs/scale.md, "Serving memory"). Products with a float32
    # query come out float32, and float16 -> float32 is exact, so scores do not change.
    vectors: np.ndarray
    first: np.ndarray  # (n_units + 1,) sentences of unit i are first[i]:first[i + 1]

    @classmethod
    def from_rows(cls, rows: np.ndarray, vectors: np.ndarray, n_units: int) -> SentenceTable:
        if len(rows) > 1 and bool((np.diff(rows[:, 0]) < 0).any()):
            # Builds write sentences unit by unit; only an out-of-order table is copied.
            order = np.argsort(rows[:, 0], kind="stable")
            rows, vectors = rows[order], vectors[order]
        first = np.searchsorted(rows[:, 0], np.arange(n_units + 1))
        return cls(rows[:, 0], rows[:, 1:3], vectors, first)

    def __len__(self) -> int:
        return len(self.unit_of)

    def of_unit(self, unit_index: int) -> range:
        return range(int(self.first[unit_index]), int(self.first[unit_index + 1]))

    def spans_of(self, unit_index: int) -> list[tuple[int, int]]:
        """The (start, end) of each sentence of a unit in its text, in reading order."""
        rows = self.of_unit(unit_index)
        return [(int(a), int(b)) for a, b in self.spans[rows.start : rows.stop]]

    def row_at(self, unit_index: int, span: tuple[int, int]) -> int | None:
        """The row of the unit's sentence spanning exactly `span`; None when none does (a quoted
        sentence from an earlier version of the unit, say)."""
        rows = self.of_unit(unit_index)
        spans = self.spans_of(unit_index)
        return rows[spans.index(span)] if span in spans else None

    def best_of_units(self, sentence_scores: np.ndarray) -> np.ndarray:
        """Per unit, the best score among its sentences (0 for a unit without sentences)."""
        best = np.zeros(len(self.first) - 1, dtype=np.float32)
        np.maximum.at(best, self.unit_of, sentence_scores)
        return best

    def best_cosine(self, units: np.ndarray, query: np.ndarray) -> np.ndarray:
        """Per listed unit, the cosine of its sentence closest to `query` (-1 if none)."""
        best = np.full(len(units), -1.0, dtype=np.float32)
        for position, unit in enumerate(units):
            start, stop = int(self.first[unit]), int(self.first[unit + 1])
            if stop > start:
                # Widened first, one unit at a time: float32 products summed as they always
                # were, so calibrated probabilities do not move in their last digits.
                best[position] = float((self.vectors[start:stop].astype(np.float32) @ query).max())
        return best


class SentenceTerms(Mapping[int, frozenset[str]]):
    """Each sentence's BM25 terms (what an answer's word overlap counts), by sentence row.

    Held as term ids, a few bytes a term: a Python set per sentence took about 1 KB each,
    over 300 MB at 100k units (docs/scale.md, "Serving memory"). A row's set is rebuilt
    when asked for, which costs microseconds for the few hundred rows a question reads.
    """

    CHUNK = 20_000  # sentences tokenized at a time: the token lists of one chunk in memory

    def __init__(self, words: list[str], ids: array[int], first: array[int]) -> None:
        # array.array, not numpy: a row is read with two index lookups and one slice, a few
        # hundred times a question, where numpy's per-call overhead would double the cost.
        self._words = words
        self._ids = ids
        self._first = first

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> SentenceTerms:
        vocabulary: dict[str, int] = {}
        ids, first = array("i"), array("q", [0])
        source = iter(texts)
        while chunk := list(islice(source, cls.CHUNK)):
            for terms in tokenize(chunk):
                ids.extend(vocabulary.setdefault(term, len(vocabulary)) for term in dict.fromkeys(terms))
                first.append(len(ids))
        return cls(list(vocabulary), ids, first)

    def __getitem__(self, row: int) -> frozenset[str]:
        if not 0 <= row < len(self._first) - 1:
            raise KeyError(row)
        words = self._words
        return frozenset([words[i] for i in self._ids[self._first[row] : self._first[row + 1]]])

    def __len__(self) -> int:
        return len(self._first) - 1

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self)))


@dataclass(frozen=True)
class IndexFiles:
    """The arrays of one index version, as loaded from disk (service.store.load)."""

    manifest: Manifest
    units: list[Unit]
    documents: list[Document]
    dense: faiss.Index
    window_units: np.ndarray
    sentences: SentenceTable
    sentence_terms: SentenceTerms
    bm25: Any  # bm25s.BM25 over units
    sentence_bm25: Any  # bm25s.BM25 over sentences
    lexicon: StoredLexicon  # the everyday words the off-topic reading compares (service.offtopic)
    tokens: WindowTokens | None = None  # window word-piece vectors, compressed
    window_spans: np.ndarray | None = None  # (n_windows, 2): each window's (start, end) in its unit's text
    # Per unit, its kind and its document's id: what retrieval filters read.
    unit_kinds: np.ndarray = field(init=False, repr=False, compare=False)
    unit_documents: np.ndarray = field(init=False, repr=False, compare=False)
    headings: SectionHeadings = field(init=False, repr=False, compare=False)  # what retrieval boosts

    def __post_init__(self) -> None:
        # Derived once per version (also for a copy made with dataclasses.replace).
        object.__setattr__(self, "unit_kinds", np.array([u.kind for u in self.units]))
        object.__setattr__(self, "unit_documents", np.array([u.document_id for u in self.units]))
        object.__setattr__(self, "headings", SectionHeadings(self.units, lambda t: term_share(self.sentence_bm25, t)))

    def unit_tokens(self, unit: int) -> np.ndarray:
        """The word-piece vectors of all of a unit's windows (windows are stored unit by unit),
        decoded to float32."""
        assert self.tokens is not None
        rows = self.unit_windows(unit)
        return self.tokens.windows(rows.start, rows.stop)

    def unit_pieces(self, unit: int) -> tuple[np.ndarray, np.ndarray] | None:
        """A unit's stored word-piece vectors (float32) and where each piece lies in the unit's
        text, as stored at build; None when this version stores no spans (built before they
        were). Overlapping windows repeat a sentence's pieces, which changes no maximum."""
        assert self.tokens is not None and self.window_spans is not None
        rows = self.unit_windows(unit)
        spans = self.tokens.window_piece_spans(rows.start, rows.stop, self.window_spans[rows.start : rows.stop, 0])
        if spans is None:
            return None
        return spans, self.tokens.windows(rows.start, rows.stop)

    def unit_windows(self, unit: int) -> range:
        """The rows of a unit's windows (windows are stored unit by unit)."""
        first, last = np.searchsorted(self.window_units, [unit, unit + 1])
        return range(int(first), int(last))
