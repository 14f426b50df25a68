"""What one loaded index version holds in memory: `IndexFiles`, and the sentence table that
ranking and composing an answer read (spans and vectors of every unit's sentences)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import faiss
import numpy as np

from service.records import Document, Unit
from service.store.layout import Manifest
from service.store.tokens import WindowTokens


@dataclass(frozen=True)
class SentenceTable:
    """Every sentence of every unit: spans into the unit's text and unit-length vectors."""

    unit_of: np.ndarray  # (n,) unit index of each sentence
    spans: np.ndarray  # (n, 2) start, end into the unit's text
    vectors: np.ndarray  # (n, dim) float32
    first: np.ndarray  # (n_units + 1,) sentences of unit i are first[i]:first[i + 1]

    @classmethod
    def from_rows(cls, rows: np.ndarray, vectors: np.ndarray, n_units: int) -> SentenceTable:
        order = np.argsort(rows[:, 0], kind="stable")
        rows, vectors = rows[order], vectors[order]
        first = np.searchsorted(rows[:, 0], np.arange(n_units + 1))
        return cls(rows[:, 0], rows[:, 1:3], np.ascontiguousarray(vectors, dtype=np.float32), first)

    def __len__(self) -> int:
        return len(self.unit_of)

    def of_unit(self, unit_index: int) -> range:
        return range(int(self.first[unit_index]), int(self.first[unit_index + 1]))

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
                best[position] = float((self.vectors[start:stop] @ query).max())
        return best


@dataclass(frozen=True)
class IndexFiles:
    """The arrays of one index version, as loaded from disk (service.store.load)."""

    manifest: Manifest
    units: list[Unit]
    documents: list[Document]
    dense: faiss.Index
    window_units: np.ndarray
    sentences: SentenceTable
    sentence_terms: list[frozenset[str]]
    bm25: Any  # bm25s.BM25 over units
    sentence_bm25: Any  # bm25s.BM25 over sentences
    tokens: WindowTokens | None = None  # window word-piece vectors, compressed
    # Per unit, its kind and its document's id: what retrieval filters read.
    unit_kinds: np.ndarray = field(init=False, repr=False, compare=False)
    unit_documents: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Derived once per version (also for a copy made with dataclasses.replace).
        object.__setattr__(self, "unit_kinds", np.array([u.kind for u in self.units]))
        object.__setattr__(self, "unit_documents", np.array([u.document_id for u in self.units]))

    def unit_tokens(self, unit: int) -> np.ndarray:
        """The word-piece vectors of all of a unit's windows (windows are stored unit by unit),
        decoded to float32."""
        assert self.tokens is not None
        first, last = np.searchsorted(self.window_units, [unit, unit + 1])
        return self.tokens.windows(int(first), int(last))
