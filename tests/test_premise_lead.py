"""A question that states a premise before it asks ("…; what follows from that for Islamabad?") is
not answered by the sentence restating the premise: the sentence after it leads, the restating
one second; a premise sentence that goes on to name what is asked keeps the lead (docs/tuning.md,
"A premise the question states, quoted after the sentence that answers it")."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import stated_premise

from .support.answers import answer_lead_holding, answer_opening


@pytest.mark.parametrize(
    ("question", "premise", "asks"),
    [
        (
            "The shura is unlikely to relocate in the foreseeable future; what follows from that?",
            "The shura is unlikely to relocate in the foreseeable future",
            "what follows from that?",
        ),
        ("Policymakers should act now or it might be too late, the report says; act how?", None, "act how?"),
        ("Why is Pakistan unlikely to oust the shura?", None, None),
        ("What did he say; and when?", None, None),
        ("The talks stalled; the envoy left.", None, None),
    ],
)
def test_a_premise_is_a_statement_before_a_semicolon_or_so_and_a_question_after(
    question: str, premise: str | None, asks: str | None
) -> None:
    read = stated_premise(question)
    if asks is None:
        assert read is None
        return
    assert read is not None
    assert read.asks == asks
    if premise is not None:
        assert read.premise == premise


def test_so_why_splits_a_premise_too() -> None:
    read = stated_premise("Their clout has declined as they make gains, so why has that influence not dissipated?")
    assert read is not None
    assert read.premise == "Their clout has declined as they make gains"
    assert read.asks == "why has that influence not dissipated?"


@pytest.mark.parametrize(
    ("question", "lead", "second"),
    [
        (
            "The Taliban shura is unlikely to relocate to Afghanistan in the foreseeable future;"
            " what follows from that for Islamabad?",
            "So long as this council needs Pakistani sanctuaries and support",
            "The Taliban shura is unlikely to relocate to Afghanistan",
        ),
        (
            "Taliban leaders who tried to resist Pakistani preferences were imprisoned or disappeared;"
            " can you give an example?",
            "Baradar, for instance, was detained for several years",
            "Taliban leaders who attempted to resist Pakistani preferences",
        ),
        (
            "What would happen if Islamabad failed to persuade its Afghan Taliban allies to opt for a"
            " negotiated settlement?",
            "Its failure in that endeavour would strain its ties",
            "Islamabad has been trying to persuade its Afghan Taliban allies",
        ),
        (
            "What difference did it make that Baradar was allowed to join the Taliban's political office in Doha?",
            "Baradar's presence gave the political office gravitas",
            "Baradar was allowed to join the Taliban's political office in Doha",
        ),
    ],
)
def test_the_sentence_after_a_restated_premise_leads_whether_stated_or_embedded(
    engine: Any, question: str, lead: str, second: str
) -> None:
    answer_opening(engine, question, lead, second)


def test_a_premise_sentence_that_names_what_is_asked_keeps_the_lead(engine: Any) -> None:
    answer_lead_holding(
        engine,
        "Through the U.S.-Taliban deal, the Taliban had achieved a key goal; what was it?",
        "a firm date for the departure of foreign forces",
    )
