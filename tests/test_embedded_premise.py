"""A question that embeds its premise in a subordinate clause ("What would happen if P?", "What
difference did it make that P?", "How did Pakistan respond as P?", "What effect did P have?") is
not answered by the sentence restating P: the sentence after it leads, the restating one second,
with the guards of a premise stated in a clause of its own (docs/tuning.md, "A premise the
question embeds, quoted after the sentence that answers it")."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import embedded_premise

from .support.answers import answer_lead_holding, answer_opening


@pytest.mark.parametrize(
    ("question", "premise", "asks"),
    [
        (
            "What would happen if Islamabad failed to persuade its Taliban allies to negotiate?",
            "Islamabad failed to persuade its Taliban allies to negotiate",
            "What would happen",
        ),
        (
            "What difference did it make that Baradar was allowed to join the political office?",
            "Baradar was allowed to join the political office",
            "What difference did it make",
        ),
        (
            "How did Pakistan respond as its tense relationship with Kabul worsened further?",
            "its tense relationship with Kabul worsened further",
            "How did Pakistan respond",
        ),
        (
            "What effect did the safe havens that Pakistan provided to Taliban leaders have?",
            "the safe havens that Pakistan provided to Taliban leaders",
            "What effect did  have?",
        ),
    ],
)
def test_an_embedded_clause_is_read_as_the_premise(question: str, premise: str, asks: str) -> None:
    read = embedded_premise(question)
    assert read is not None
    assert read.embedded
    assert (read.premise, read.asks) == (premise, asks)


@pytest.mark.parametrize(
    "question",
    [
        "When did the Taliban open a political office in Doha?",  # "When" asks; it embeds nothing
        "What role did Pakistan play as a mediator?",  # "as a …" names a role, not a clause
        "What happened after the talks?",  # too short to state anything
        "The shura is unlikely to relocate if pressed; why?",  # no wh-word first
    ],
)
def test_no_premise_without_a_clause_after_the_asking_part(question: str) -> None:
    assert embedded_premise(question) is None


def test_why_is_read_only_when_asked_for() -> None:
    assert embedded_premise("Why is Pakistan unlikely to oust the Taliban shura?") is None
    read = embedded_premise("Why is Pakistan unlikely to oust the Taliban shura?", why=True)
    assert read is not None
    assert read.why
    assert read.premise == "Pakistan unlikely to oust the Taliban shura"


def test_a_sentence_answering_around_the_embedded_clause_keeps_the_lead(engine: Any) -> None:
    answer_lead_holding(
        engine,
        "What would happen to Islamabad's relations with Kabul and Washington if the Afghan peace process failed?",
        "relations with Kabul and Washington would sour",
    )


def test_a_why_question_is_answered_after_the_sentence_restating_it(engine: Any) -> None:
    answer_opening(
        engine,
        "Why is Pakistan unlikely to oust the Taliban shura?",
        "A retired senior army officer said",
        "Pakistan is, however, unlikely to oust the Taliban shura",
    )


def test_a_why_lead_that_gives_the_reason_keeps_the_lead(engine: Any) -> None:
    answer_lead_holding(
        engine,
        "Why has Pakistan backed various Afghan Islamist factions since at least the 1970s?",
        "as an antidote to Pashtun nationalism",
    )


SAFE_HAVENS_DID = (
    "What did Pakistan's safe havens for Taliban leaders and medical care for wounded fighters do for the movement?"
)


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        (
            SAFE_HAVENS_DID,
            "Pakistan's safe havens for Taliban leaders and medical care for wounded fighters",
        ),
        (
            "What does Mujahid's remark that Pakistan must decide whether the TTP's war is legitimate imply?",
            "Mujahid's remark that Pakistan must decide whether the TTP's war is legitimate",
        ),
        ("What would talks that drag on without end mean for Pakistan?", "talks that drag on without end"),
        (
            "What could the Taliban's struggle to consolidate their power lead to for the relationship?",
            "the Taliban's struggle to consolidate their power",
        ),
    ],
)
def test_an_effect_asked_by_its_verb_is_read_as_the_premise(question: str, premise: str) -> None:
    read = embedded_premise(question)
    assert read is not None
    assert read.embedded
    assert read.premise == premise


@pytest.mark.parametrize(
    "question",
    [
        "What did Foreign Minister Qureshi call on outside powers to do for Afghanistan's reconstruction?",  # "to do"
        "What did Blinken say the Taliban must do to gain power?",  # a modal's complement
        "What does the conclusion recommend Pakistan do?",  # no one the effect falls on
        "What did he propose outside powers do for Afghanistan's reconstruction?",  # a doer's act
        "What did a tribal leader say about barriers meant to keep out people fleeing war?",  # "meant to"
        "What did the Taliban do to the TTP?",  # a doer too short to state anything
    ],
)
def test_a_verb_of_effect_that_asks_an_act_reads_no_premise(question: str) -> None:
    assert embedded_premise(question) is None


def test_an_effect_asked_by_do_is_answered_after_the_sentence_restating_its_cause(engine: Any) -> None:
    answer_opening(
        engine,
        SAFE_HAVENS_DID,
        "This assistance helped sustain the Taliban",
        "For nearly two decades, Pakistan provided safe havens",
    )


def test_what_a_remark_implies_is_answered_after_the_remark(engine: Any) -> None:
    answer_opening(
        engine,
        "What does Mujahid's remark that Pakistan must decide whether the TTP's war is legitimate imply?",
        "The implication is the Taliban won",
    )


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        (
            "What would violence in Afghanistan do to Pakistan's western border "
            "if the Taliban pushed for a military win?",
            "the Taliban pushed for a military win",
        ),
        (
            "What did Pakistan do for the movement after American troops toppled it in 2001?",
            "American troops toppled it in 2001",
        ),
    ],
)
def test_a_clause_embedded_after_if_or_after_stays_the_premise_of_an_effect_question(
    question: str, premise: str
) -> None:
    read = embedded_premise(question)
    assert read is not None
    assert read.premise == premise
