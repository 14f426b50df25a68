"""benchmarks/lead_sentences.py: the candidate lead sentences it dumps are the ones the engine
chose among (its flagged lead is the answer's first sentence), labelled as the harness matches
golds, and the engine is left as it was found."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import service.answer as answer_module
import service.engine as engine_module
from service.evaluate.questions import contains_gold, load_questions

from .support.benchmarks import load_benchmark

lead_sentences = load_benchmark("lead_sentences")

QUESTIONS = [
    {"id": "x1", "question": "How long is the Durand Line?", "gold": ["2,430km line"], "kind": "passage"},
    {
        "id": "x2",
        "question": "Which faction did Pakistan first back among the mujahideen?",
        "gold": ["first included Gulbuddin Hekmatyar"],
        "kind": "chat",
        "conversation": "c1",
    },
    {
        "id": "x3",
        "question": "Who led it?",
        "gold": ["Gulbuddin Hekmatyar's predominantly Pashtun Hizb-e Islami"],
        "kind": "chat-followup",
        "conversation": "c1",
    },
    {"id": "x4", "question": "What does footnote 7 say?", "gold": [], "kind": "footnote-number"},
    {"id": "x5", "question": "How many calories are in an apple?", "gold": [], "kind": "out-of-domain"},
]


def test_the_dumped_lead_is_the_answers_first_sentence_and_labels_match_the_harness(
    engine: Any, tmp_path: Path
) -> None:
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    questions = load_questions([path])
    originals = (engine_module.compose, answer_module.demote, answer_module.chosen_sentences)
    records = list(lead_sentences.dump(engine, questions))
    assert (engine_module.compose, answer_module.demote, answer_module.chosen_sentences) == originals
    assert [r["id"] for r in records] == ["x1", "x2", "x3", "x4", "x5"]
    composed = [r for r in records if r["candidates"] and r["composed"]]
    assert {r["id"] for r in composed} >= {"x1", "x2", "x3"}
    for record, question in zip(records, questions, strict=True):
        for candidate in record["candidates"]:
            assert candidate["gold"] == contains_gold(candidate["text"], question.gold)
            assert tuple(candidate["features"]) == lead_sentences.FEATURE_NAMES
            assert all(math.isfinite(v) for v in candidate["features"].values())
    for record in composed:
        leads = [c for c in record["candidates"] if c["lead"]]
        assert len(leads) == 1
        assert leads[0]["text"] == record["answer"][0]
        assert record["answer_gold"][0] == leads[0]["gold"]
    # a note asked for by its number is answered from the notes: nothing is composed
    assert records[3]["candidates"] == []
    durand = records[0]
    assert durand["wanted"] and any(c["features"]["typed"] for c in durand["candidates"])
