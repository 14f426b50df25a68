"""Why an answer abstained: the reason the engine gives each abstention (`Answer.abstain_reason`,
the response's `abstain_reason`), the evidence `Calibration.withheld_by` names under the cut, and
the evaluation's per-question field and per-reason counts (docs/retrieval.md, "Abstention")."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, get_args

import numpy as np
from rich.console import Console

from service.calibration import PENALTIES, Calibration
from service.evaluate.ask import Reply, Returned
from service.evaluate.questions import Question
from service.evaluate.report import print_report, write_json
from service.evaluate.run import EvalReport, Outcome, score_mode
from service.evidence import FEATURES, VETO
from service.records import Answer
from service.schemas import AskResponse
from service.verdict import ABSTAIN_REASONS, CUT_REASONS, Withdrawal

CUT = 0.2


def calibration() -> Calibration:
    """A map weighing the cosine for and two penalties against, as the fitted one does."""
    weights = {"cosine": 4.0, "relation_unstated": -3.0, "unknown_share": -1.0}
    return Calibration(tuple(weights.get(name, 0.0) for name in FEATURES), -2.0, CUT)


def row(**values: float) -> np.ndarray:
    out = np.zeros(len(FEATURES), dtype=np.float32)
    for name, value in values.items():
        out[FEATURES.index(name)] = value
    return out


def test_the_cut_names_the_penalty_without_which_the_first_result_would_have_answered() -> None:
    fitted = calibration()
    strong = row(cosine=0.8, relation_unstated=1.0)  # 4*0.8-2 = 1.2 without it, -1.8 with it
    assert fitted.probabilities(strong[None, :])[0] < CUT
    assert fitted.withheld_by(strong, CUT) == "relation-unstated"
    both = row(cosine=0.8, relation_unstated=1.0, unknown_share=0.5)  # the larger penalty is named
    assert fitted.withheld_by(both, CUT) == "relation-unstated"
    alone = row(cosine=0.8, unknown_share=3.0)
    assert fitted.withheld_by(alone, CUT) == "unknown-share"


def test_the_cut_reads_weak_evidence_and_the_veto_as_their_own_reasons() -> None:
    fitted = calibration()
    assert fitted.withheld_by(row(cosine=0.1), CUT) == "weak-evidence"  # no penalty at all
    # penalised, but too weak without the penalty too: the match is what is missing
    assert fitted.withheld_by(row(cosine=0.1, relation_unstated=1.0), CUT) == "weak-evidence"
    vetoed = row(cosine=0.9)
    vetoed[VETO] = 1.0
    assert fitted.withheld_by(vetoed, CUT) == "unreported"


def test_every_reason_is_listed_once_with_every_withdrawal_and_each_penalty() -> None:
    assert len(set(ABSTAIN_REASONS)) == len(ABSTAIN_REASONS)
    assert set(get_args(Withdrawal)) <= set(ABSTAIN_REASONS)
    assert {name.replace("_", "-") for name in PENALTIES} <= set(CUT_REASONS)


def test_the_response_carries_the_reason_only_when_it_abstained() -> None:
    withdrawn = AskResponse.from_answer(
        Answer("Q?", True, (), (), abstain_reason="not-in-kind"), conversation_id="c", ask_id="a"
    )
    assert withdrawn.abstain_reason == "not-in-kind"
    answered = AskResponse.from_answer(Answer("Q?", False, (), (), abstain_reason="x"), conversation_id="c", ask_id="a")
    assert answered.abstain_reason is None
    assert AskResponse.model_validate({**withdrawn.model_dump(), "abstain_reason": None}).abstain_reason is None


def outcome(qid: str, answerable: bool, abstained: bool, reason: str | None) -> Outcome:
    question = Question(qid, f"What about {qid}?", ("gold",) if answerable else (), "k", "set.jsonl", 1)
    reply = Reply(abstained, () if abstained else (Returned("u1", "gold text"),), abstain_reason=reason)
    return Outcome(question, reply, 1.0, frozenset({"u1"}) if answerable else frozenset())


def test_the_report_counts_each_reason_and_records_it_per_question(tmp_path: Path) -> None:
    outcomes = [
        outcome("a1", True, True, "relation-unstated"),
        outcome("a2", True, True, "relation-unstated"),
        outcome("a3", True, False, None),
        outcome("o1", False, True, "relation-unstated"),
        outcome("o2", False, True, "weak-evidence"),
        outcome("o3", False, True, None),  # an older service's answer carries none
    ]
    mode = score_mode("hybrid", outcomes, 10)
    assert mode.abstain_reasons == [("relation-unstated", 2, 1), ("unknown", 0, 1), ("weak-evidence", 0, 1)]
    report = EvalReport(("set.jsonl",), "in-process", 10, (mode,))
    path = tmp_path / "r.json"
    write_json(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))["modes"]["hybrid"]
    assert {q["id"]: q["abstain_reason"] for q in data["questions"]}["a1"] == "relation-unstated"
    assert data["abstain_reasons"][0] == {"reason": "relation-unstated", "answerable": 2, "unanswerable": 1}
    out = io.StringIO()
    print_report(report, Console(file=out, width=120), max_misses=0)
    assert "abstained by reason" in out.getvalue() and "relation-unstated" in out.getvalue()


def test_the_engine_says_why_it_abstained_and_nothing_when_it_answers(engine: Any) -> None:
    answered = engine.ask("How long is the Durand Line that Afghan leaders refuse to accept as the border?")
    assert not answered.abstained and answered.abstain_reason is None
    later = engine.ask("What did China's foreign minister tell the Taliban in Kabul in 2022?")
    assert later.abstained and later.abstain_reason == "unreported"
    far = engine.ask("What is the boiling point of water?")
    assert far.abstained and far.abstain_reason in ABSTAIN_REASONS
    note = engine.ask("What does footnote 9999 say?")
    assert note.abstained and note.abstain_reason == "no-note"
