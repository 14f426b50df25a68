"""Hybrid retrieval: dense (FAISS over sentence windows) and BM25 rankings, fused.

Fusion is weighted reciprocal rank: score = w / (k + rank_dense) + (1 - w) / (k + rank_bm25),
with `w` and `k` settings tuned on the development question set (README, "Retrieval").
A unit's dense score is the cosine of its best window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import faiss
import numpy as np

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class Ranked:
    """Fused ranking of candidate units with each side's evidence."""

    units: np.ndarray  # unit indices, best first
    scores: np.ndarray  # fused score of each
    dense: np.ndarray  # best-window cosine of every unit (-1 where not scored)
    lexical: np.ndarray  # BM25 score of every unit


def dense_unit_scores(
    index: faiss.Index, window_units: np.ndarray, n_units: int, query: np.ndarray, k: int,
    allowed_windows: np.ndarray | None = None,
) -> np.ndarray:
    """Best-window cosine per unit among the `k` nearest windows (-1: not among them)."""
    k = min(k, index.ntotal)
    params = None
    if allowed_windows is not None:
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed_windows))
    sims, ids = index.search(query, k, params=params) if params else index.search(query, k)
    scores = np.full(n_units, -1.0, dtype=np.float32)
    found = ids[0] >= 0
    np.maximum.at(scores, window_units[ids[0][found]], sims[0][found])
    return scores


def ranks_of(scores: np.ndarray, admitted: np.ndarray, floor: float) -> np.ndarray:
    """1-based rank of each admitted unit with a score above `floor`; 0 for the others."""
    ranks = np.zeros(len(scores), dtype=np.int64)
    candidates = np.flatnonzero(admitted & (scores > floor))
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def fuse(
    dense: np.ndarray, lexical: np.ndarray, admitted: np.ndarray, *, mode: Mode,
    dense_weight: float, k: int, depth: int,
) -> Ranked:
    """Rank admitted units by one side or by weighted reciprocal-rank fusion of both."""
    dense_ranks = ranks_of(dense, admitted, -1.0)
    lexical_ranks = ranks_of(lexical, admitted, 0.0)
    dense_ranks[dense_ranks > depth] = 0
    lexical_ranks[lexical_ranks > depth] = 0
    weight = {"dense": 1.0, "bm25": 0.0}.get(mode, dense_weight)
    fused = np.zeros(len(dense), dtype=np.float64)
    has_dense, has_lexical = dense_ranks > 0, lexical_ranks > 0
    fused[has_dense] += weight / (k + dense_ranks[has_dense])
    fused[has_lexical] += (1.0 - weight) / (k + lexical_ranks[has_lexical])
    # Normalise so a unit ranked first by both sides scores 1.
    fused *= k + 1
    candidates = np.flatnonzero(fused > 0)
    order = candidates[np.lexsort((-dense[candidates], -fused[candidates]))]
    return Ranked(order, fused[order], dense, lexical)
