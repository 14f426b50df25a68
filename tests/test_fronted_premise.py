"""A question that fronts its premise, in an opening clause ("Besides P, what else …?", "If P,
what would …?") or after a wh-phrase asking in what way it holds ("In what way has P?", "On what
do X disagree?"), is not answered by the sentence restating P: the sentence after it leads, the
restating one second, with the guards of an embedded premise (docs/tuning.md, "A premise the
question fronts, quoted after the sentence that answers it")."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import fronted_premise

from .support.answers import answer_lead_holding, answer_opening


@pytest.mark.parametrize(
    ("question", "premise", "asks", "why", "excludes"),
    [
        (
            "Besides meeting officials in Islamabad in December, whom else did Baradar meet?",
            "meeting officials in Islamabad in December",
            "whom else did Baradar meet?",
            False,
            True,
        ),
        (
            "If a more lethal phase of the war sent Afghans to Pakistan, what would happen next?",
            "a more lethal phase of the war sent Afghans to Pakistan",
            "what would happen next?",
            False,
            False,
        ),
        (
            "In what way has Pakistan's relationship with the Taliban not been trouble-free?",
            "Pakistan's relationship with the Taliban not been trouble-free",
            "In what way",
            True,
            False,
        ),
        (
            "On what do the two sides, the Taliban and Islamabad, actually disagree?",
            "the two sides, the Taliban and Islamabad, actually disagree",
            "On what",
            True,
            False,
        ),
    ],
)
def test_a_fronted_clause_is_read_as_the_premise(
    question: str, premise: str, asks: str, why: bool, excludes: bool
) -> None:
    read = fronted_premise(question)
    assert read is not None
    assert (read.premise, read.asks, read.embedded, read.why, read.excludes) == (premise, asks, True, why, excludes)


@pytest.mark.parametrize(
    "question",
    [
        "When did the Taliban open a political office in Doha?",  # no clause before the asking part
        "If so, what did he say?",  # too short to state anything
        "Besides Pakistan, who recognised the Taliban?",  # too short to state anything
        "What did Pakistan do, if anything?",  # opens on its asking part
    ],
)
def test_no_premise_without_a_fronted_clause(question: str) -> None:
    assert fronted_premise(question) is None


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("In what way has Pakistan's relationship with the Taliban not been trouble-free?", "Taliban leaders who"),
        ("On what do the two sides, the Taliban and Islamabad, actually disagree?", "Taliban leaders, like many"),
    ],
)
def test_a_sentence_restating_the_fronted_premise_is_quoted_second(engine: Any, question: str, lead: str) -> None:
    answer = answer_opening(engine, question, lead)
    assert len(answer.sentences) >= 2


def test_a_sentence_answering_around_the_fronted_premise_keeps_the_lead(engine: Any) -> None:
    answer_lead_holding(
        engine,
        "If the peace process failed, what could it spark in Afghanistan?",
        "could spark all-out civil war in Afghanistan",
    )
