"""Score fusion: one side alone, both sides weighted, and a follow-up's two dense readings."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from service.retrieve import (
    AGREED_DEPTH,
    CONTEXT_SHARE,
    Ranked,
    dense_evidence,
    fuse,
    late_reranked,
    lead_agreed,
    maxsim,
    rerank,
)

CANDIDATES = np.array([10, 20, 30], dtype=np.int64)
LEXICAL = np.array([3.0, 1.0, 2.0], dtype=np.float32)


def test_single_modes_rank_by_their_own_side() -> None:
    cosine = np.array([0.2, 0.9, 0.5], dtype=np.float32)
    assert fuse(CANDIDATES, cosine, LEXICAL, mode="dense", dense_weight=0.4).units.tolist() == [20, 30, 10]
    assert fuse(CANDIDATES, cosine, LEXICAL, mode="bm25", dense_weight=0.4).units.tolist() == [10, 30, 20]


def test_hybrid_is_the_weighted_sum_of_normalised_sides() -> None:
    cosine = np.array([0.2, 0.9, 0.5], dtype=np.float32)
    ranked = fuse(CANDIDATES, cosine, LEXICAL, mode="hybrid", dense_weight=0.4)
    # Worked by hand. Each side is rescaled between min(0, lowest) and its highest value, so
    # cosine (0.2, 0.9, 0.5) becomes (2/9, 1, 5/9) and BM25 (3, 1, 2) becomes (1, 1/3, 2/3).
    assert ranked.units.tolist() == [10, 30, 20]
    assert ranked.scores.tolist() == pytest.approx([0.4 * 2 / 9 + 0.6, 0.4 * 5 / 9 + 0.4, 0.4 + 0.2], abs=1e-6)


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


def _unit_rows(rows: list[list[float]]) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_maxsim_is_the_mean_best_match_of_each_question_piece() -> None:
    question = _unit_rows([[1, 0, 0], [0, 1, 0]])
    units = [_unit_rows([[1, 0, 0], [0, 0, 1]]), _unit_rows([[1, 1, 0]]), _unit_rows([[1, 0, 0], [0, 1, 0], [0, 0, 1]])]
    naive = [float((question @ u.T).max(axis=1).mean()) for u in units]
    assert maxsim(question, units) == pytest.approx(naive)
    assert naive == pytest.approx([0.5, np.sqrt(0.5), 1.0])
    assert maxsim(question, [units[0], np.zeros((0, 3), np.float32)]).tolist() == pytest.approx([0.5, 0.0])


def test_rerank_reorders_only_the_head_and_scores_still_fall_with_rank() -> None:
    ranked = Ranked(
        np.array([1, 2, 3, 4]),
        np.array([0.9, 0.8, 0.7, 0.1]),
        np.array([0.5, 0.4, 0.3, 0.2]),
        np.array([3.0, 2.0, 1.0, 0.5]),
    )
    late = np.array([0.1, 0.2, 0.9], dtype=np.float32)  # the third unit matches word for word
    reranked = rerank(ranked, late, weight=0.5)
    assert reranked.units.tolist() == [3, 2, 1, 4]
    assert reranked.dense.tolist() == [0.3, 0.4, 0.5, 0.2]  # evidence travels with its unit
    assert np.all(np.diff(reranked.scores) <= 0)
    assert reranked.scores[0] == pytest.approx(0.9) and reranked.scores[3] == pytest.approx(0.1)
    assert rerank(ranked, late, weight=0.0).units.tolist() == [1, 2, 3, 4]


def _five_ranked() -> Ranked:
    return Ranked(
        np.array([1, 2, 3, 4, 5]),
        np.array([0.9, 0.8, 0.7, 0.6, 0.1]),
        np.array([0.3, 0.4, 0.5, 0.8, 0.2]),
        np.array([9.0, 3.0, 2.0, 1.0, 0.5]),
    )


NOTHING_NAMED = np.zeros(6, dtype=bool)
# Unit 4 is first by its best window, its best sentence and late interaction (head: units 1–4);
# the lead (unit 1) is fourth by each.
WINDOWS = {1: 0.30, 2: 0.40, 3: 0.50, 4: 0.80, 5: 0.20}
SENTENCE = np.array([0.3, 0.4, 0.5, 0.8, 0.2], dtype=np.float32)
LATE = {1: 0.40, 2: 0.50, 3: 0.60, 4: 0.70}


def test_the_unit_every_dense_reading_ranks_first_leads_a_lead_none_of_them_backs() -> None:
    # The lead is held only by BM25: the paraphrase's case.
    ranked = _five_ranked()
    agreed = lead_agreed(ranked, WINDOWS, SENTENCE, LATE, NOTHING_NAMED)
    assert agreed.units.tolist() == [4, 1, 2, 3, 5]
    assert agreed.dense.tolist() == [0.8, 0.3, 0.4, 0.5, 0.2]  # evidence travels with its unit
    assert agreed.lexical.tolist() == [1.0, 9.0, 3.0, 2.0, 0.5]
    assert agreed.scores.tolist() == ranked.scores.tolist()  # the margins the calibration reads


def test_the_lead_stays_when_one_dense_reading_ranks_it_in_the_first_two() -> None:
    backed = {1: 0.65, 2: 0.50, 3: 0.60, 4: 0.70}  # late interaction ranks the lead second
    assert lead_agreed(_five_ranked(), WINDOWS, SENTENCE, backed, NOTHING_NAMED).units[0] == 1
    split = np.array([0.3, 0.4, 0.9, 0.8, 0.2], dtype=np.float32)  # the sentences' first is unit 3
    assert lead_agreed(_five_ranked(), WINDOWS, split, LATE, NOTHING_NAMED).units[0] == 1
    outside = {1: 0.40, 2: 0.50, 3: 0.60}  # unit 4 outside the re-ranked head
    assert lead_agreed(_five_ranked(), WINDOWS, SENTENCE, outside, NOTHING_NAMED).units[0] == 1


def test_a_lead_under_a_heading_the_question_names_stays() -> None:
    named = NOTHING_NAMED.copy()
    named[1] = True  # "What does the conclusion say about …?": unit 1 is under the conclusion
    assert lead_agreed(_five_ranked(), WINDOWS, SENTENCE, LATE, named).units[0] == 1
    named[4] = True
    assert lead_agreed(_five_ranked(), WINDOWS, SENTENCE, LATE, named).units[0] == 4


def _late_read(read: list[int]) -> tuple[Any, Any, Any]:
    """Index files, a first question and settings for late interaction over `_five_ranked`: a
    re-rank head of two; unit 5, fifth by the fused score, matches the question's one piece
    exactly, units 3 and 4 nearly. `read` gets every unit whose word pieces are read."""
    rows = {1: [0.0, 1.0], 2: [0.0, 1.0], 3: [0.8, 0.6], 4: [0.8, 0.6], 5: [1.0, 0.0]}
    pieces = {u: np.array([row], dtype=np.float32) for u, row in rows.items()}

    def unit_tokens(unit: int) -> np.ndarray:
        read.append(unit)
        return pieces[unit]

    files = SimpleNamespace(tokens=pieces, unit_tokens=unit_tokens)
    query = SimpleNamespace(tokens=np.array([[1.0, 0.0]], dtype=np.float32), alone=None, alone_tokens=None)
    settings = SimpleNamespace(rerank_depth=2, rerank_weight=0.3)
    return files, query, settings


def test_late_interaction_is_read_past_the_re_ranked_head_for_the_agreement() -> None:
    # The head alone is re-ordered by MaxSim; the agreement reads the units after it, up to
    # AGREED_DEPTH, in the fused order. With unit 5's MaxSim read, all three readings rank it
    # first against a lead none backs; its MaxSim unread, it could not lead.
    read: list[int] = []
    files, query, settings = _late_read(read)
    windows = {1: 0.3, 2: 0.4, 3: 0.5, 4: 0.6, 5: 0.8}
    ranked = late_reranked(files, _five_ranked(), query, settings, windows, dict(windows), NOTHING_NAMED)
    assert AGREED_DEPTH >= 5
    assert sorted(set(read)) == [1, 2, 3, 4, 5]
    assert ranked.units.tolist() == [5, 1, 2, 3, 4]  # the rest keep the fused order


def test_late_interaction_is_not_read_past_the_head_when_window_and_sentence_disagree() -> None:
    windows = {1: 0.3, 2: 0.4, 3: 0.5, 4: 0.8, 5: 0.2}
    split = {1: 0.3, 2: 0.4, 3: 0.9, 4: 0.8, 5: 0.2}  # the sentences' first is unit 3
    backing = {1: 0.9, 2: 0.4, 3: 0.5, 4: 0.8, 5: 0.2}  # both readings back the lead
    for windows_read, sentences in ((windows, split), ({**windows, 1: 0.9}, backing)):
        read: list[int] = []
        files, query, settings = _late_read(read)
        ranked = late_reranked(files, _five_ranked(), query, settings, windows_read, sentences, NOTHING_NAMED)
        assert sorted(set(read)) == [1, 2]  # the head only
        assert ranked.units.tolist()[2:] == [3, 4, 5]  # the tail keeps the fused order
