"""benchmarks/signals.py: where each retrieval signal ranks a question's gold unit, checked
against the signals computed here by brute force over the session index (every window and
sentence vector, BM25 over every unit) and against the engine's own ranking and answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.bm25 import bm25_scores
from service.retrieve import encode, rank

from .conftest import REPO
from .support.benchmarks import load_benchmark

signals = load_benchmark("signals")

# A paraphrase: the answering sentence ("… many Afghans are mistrustful of Pakistan …") shares
# almost no word with it, so the signals disagree about its unit, which is what the tool shows.
PARAPHRASE = "Why might Kabul's new rulers be wary of looking too obliging toward their eastern neighbour?"
GOLD = ["many Afghans are mistrustful of Pakistan"]


def _brute_rank(scores: np.ndarray, gold: np.ndarray) -> int:
    """1 + the units scoring strictly higher than the best gold unit, counted one by one."""
    best = max(float(scores[g]) for g in gold)
    return 1 + sum(1 for s in scores if float(s) > best)


def test_rank_of_best_counts_units_strictly_higher_and_ties_share_the_better_rank() -> None:
    scores = np.array([0.9, 0.5, 0.9, 0.1])
    assert signals.rank_of_best(scores, np.array([1])) == 3
    assert signals.rank_of_best(scores, np.array([1, 3])) == 3  # the best of the gold units counts
    assert signals.rank_of_best(scores, np.array([2])) == 1  # tied with unit 0: both first
    assert signals.rank_of_best(scores, np.array([], dtype=int)) is None
    assert signals.position_of_first([4, 2, 7], np.array([7, 2])) == 2
    assert signals.position_of_first([4, 2, 7], np.array([9])) is None


def test_each_signal_ranks_the_gold_unit_as_computed_by_brute_force(engine: Any) -> None:
    files = engine.files
    gold = signals.gold_units(engine, GOLD)
    assert len(gold) == 1
    ranks = signals.signal_ranks(engine, PARAPHRASE, gold)

    vector = encode(engine.embedder, PARAPHRASE, (), "hybrid").vector[0]
    windows = files.dense.reconstruct_n(0, files.dense.ntotal) @ vector  # the session index is exact
    window = np.array([windows[files.window_units == u].max() for u in range(len(files.units))])
    sentence_cosines = np.asarray(files.sentences.vectors, dtype=np.float32) @ vector
    sentence = np.array(
        [sentence_cosines[list(files.sentences.of_unit(u))].max(initial=-1.0) for u in range(len(files.units))]
    )
    whole = bm25_scores(files.bm25, PARAPHRASE, len(files.units))
    assert ranks["window"] == _brute_rank(window, gold)
    assert ranks["sentence"] == _brute_rank(sentence, gold)
    assert ranks["bm25"] == _brute_rank(whole, gold)
    # The point of the tool: the dense side finds this unit, BM25 does not.
    assert ranks["window"] <= 10 < ranks["bm25"]


def test_the_ranked_and_answer_columns_are_the_engines_own_order(engine: Any) -> None:
    gold = signals.gold_units(engine, GOLD)
    ranks = signals.signal_ranks(engine, PARAPHRASE, gold)
    ranked = rank(engine.files, encode(engine.embedder, PARAPHRASE, (), "hybrid"), None, "hybrid", engine.settings)
    assert ranks["ranked"] == list(ranked.units).index(gold[0]) + 1
    answer = engine.ask(PARAPHRASE, top_k=20)
    ids = [r.hit.unit.id for r in answer.results]
    gold_id = engine.files.units[int(gold[0])].id
    assert ranks["answer"] == (ids.index(gold_id) + 1 if gold_id in ids else None)


def test_a_verbatim_sentence_is_first_on_the_sentence_and_lexical_signals(engine: Any) -> None:
    text = "According to TTP data, it carried out 32 attacks in August alone—the highest monthly figure this year."
    gold = signals.gold_units(engine, [text])
    ranks = signals.signal_ranks(engine, text, gold)
    assert ranks["sentence"] == 1 and ranks["bm25 sent"] == 1 and ranks["lexical"] == 1 and ranks["ranked"] == 1


@pytest.mark.parametrize("kinds", [["paraphrase"], []])
def test_single_questions_leave_out_conversations_and_unanswerable_ones(kinds: list[str]) -> None:
    questions = signals.single_questions([Path(REPO / "corpus" / "questions" / "dev.jsonl")], kinds, [])
    assert questions and all(q.answerable and q.conversation is None for q in questions)
    assert all(q.kind in kinds for q in questions) if kinds else len({q.kind for q in questions}) > 1
