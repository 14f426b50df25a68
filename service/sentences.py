"""Sentences: every unit's sentences as spans and vectors (built with the index), and each
sentence scored against a question for highlights and the answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np


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
class ScoredSentence:
    unit_index: int
    start: int
    end: int
    score: float
    row: int = -1  # the sentence's row in the SentenceTable
    overlap: float = 0.0  # share of the query's terms the sentence holds


def sentence_query(in_context: np.ndarray, alone: np.ndarray | None, context_share: float) -> np.ndarray:
    """The vector a question's candidate sentences are scored with: for a follow-up, the mean
    of its two readings (with its history, and alone), unit length, as its ranking weighs
    them; read only in context, the sentence restating the earlier question wins over the
    one answering "Has he mediated political disputes before?"."""
    if alone is None:
        return in_context
    mixed = context_share * in_context + (1.0 - context_share) * alone
    return (mixed / max(float(np.linalg.norm(mixed)), 1e-12)).astype(np.float32)


def score_sentences(
    table: SentenceTable,
    unit_index: int,
    query: np.ndarray,
    query_terms: set[str],
    stems_of: Mapping[int, set[str]],
    lexical_weight: float,
) -> list[ScoredSentence]:
    """Each sentence of a unit scored by cosine to the question plus shared query terms."""
    rows = table.of_unit(unit_index)
    if not rows:
        return []
    sims = table.vectors[rows.start : rows.stop] @ query[0]
    scored = []
    for offset, row in enumerate(rows):
        overlap = len(query_terms & stems_of.get(row, set())) / max(len(query_terms), 1)
        start, end = (int(x) for x in table.spans[row])
        score = float(sims[offset]) + lexical_weight * overlap
        scored.append(ScoredSentence(unit_index, start, end, score, row, overlap))
    return scored


def pick_highlights(sentences: list[ScoredSentence], margin: float, limit: int) -> list[ScoredSentence]:
    """The best sentence, plus others nearly as good (within `margin`), in text order."""
    if not sentences:
        return []
    best = max(s.score for s in sentences)
    chosen = sorted((s for s in sentences if s.score >= best - margin), key=lambda s: -s.score)[:limit]
    return sorted(chosen, key=lambda s: s.start)
