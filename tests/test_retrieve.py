"""Score fusion: one side alone, both sides weighted, and a follow-up's two dense readings."""

from __future__ import annotations

import numpy as np
import pytest

from service.retrieve import CONTEXT_SHARE, dense_evidence, fuse, minmax

CANDIDATES = np.array([10, 20, 30], dtype=np.int64)
LEXICAL = np.array([3.0, 1.0, 2.0], dtype=np.float32)


def test_single_modes_rank_by_their_own_side() -> None:
    cosine = np.array([0.2, 0.9, 0.5], dtype=np.float32)
    assert fuse(CANDIDATES, cosine, LEXICAL, mode="dense", dense_weight=0.4).units.tolist() == [20, 30, 10]
    assert fuse(CANDIDATES, cosine, LEXICAL, mode="bm25", dense_weight=0.4).units.tolist() == [10, 30, 20]


def test_hybrid_is_the_weighted_sum_of_normalised_sides() -> None:
    cosine = np.array([0.2, 0.9, 0.5], dtype=np.float32)
    ranked = fuse(CANDIDATES, cosine, LEXICAL, mode="hybrid", dense_weight=0.4)
    expected = 0.4 * minmax(cosine) + 0.6 * minmax(LEXICAL)
    assert ranked.units.tolist() == CANDIDATES[np.argsort(-expected)].tolist()
    assert np.allclose(ranked.scores, np.sort(expected)[::-1])


def test_follow_up_ranks_by_both_readings_but_reports_the_in_context_cosine() -> None:
    in_context = np.array([0.9, 0.6, 0.1], dtype=np.float32)
    alone = np.array([0.1, 0.7, 0.2], dtype=np.float32)
    assert fuse(CANDIDATES, in_context, LEXICAL, mode="dense", dense_weight=0.4).units[0] == 10
    ranked = fuse(CANDIDATES, in_context, LEXICAL, mode="dense", dense_weight=0.4, alone=alone)
    assert ranked.units.tolist() == [20, 10, 30]
    assert ranked.dense.tolist() == pytest.approx([0.6, 0.9, 0.1])  # cosines, not the average
    assert ranked.best_dense == pytest.approx(0.9)  # what abstention reads


def test_dense_evidence_averages_only_a_follow_up() -> None:
    in_context = np.array([0.8, 0.4], dtype=np.float32)
    assert dense_evidence(in_context, None) is in_context
    alone = np.array([0.2, 0.6], dtype=np.float32)
    mixed = CONTEXT_SHARE * in_context + (1 - CONTEXT_SHARE) * alone
    assert np.allclose(dense_evidence(in_context, alone), mixed)
