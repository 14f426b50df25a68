"""A date or quantity question's lead: of two sentences of one unit stating a value of the asked
type, the one holding clearly more of the question's rarer words (the name asked about) leads,
though the other, sharing the question's common words, scores a little higher
(service.lead._named_value; docs/tuning.md, session 58)."""

from __future__ import annotations

from typing import Any

import pytest

import service.lead as lead_module

from .support.answers import answer_lead_holding

EU_PLEDGE = "How much did the European Union pledge for Afghanistan?"


def test_the_sentence_naming_the_asked_donor_leads_a_money_question(engine: Any) -> None:
    answer_lead_holding(engine, EU_PLEDGE, "The European Union (EU) made the largest pledge at $1.4 billion")


def test_without_the_rarer_words_reading_the_sentence_sharing_common_words_leads(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rule is what moves the lead: with an unreachable margin of rarer words, the donors'
    sentence, which outscores it, leads again."""
    monkeypatch.setattr(lead_module, "TYPED_RARER_BY", 10.0)
    answer_lead_holding(engine, EU_PLEDGE, "donors pledged $12 billion")


def test_the_sentence_stating_the_asked_value_keeps_the_lead(engine: Any) -> None:
    """Control: asked for the donors' total, the donors' sentence leads; the European Union's holds
    none of the question's rarer words beyond it."""
    answer_lead_holding(
        engine,
        "How much did donors pledge in civilian assistance for Afghanistan in November 2020?",
        "donors pledged $12 billion in civilian assistance",
    )


def test_a_question_on_its_premise_names_the_donor_too(engine: Any) -> None:
    answer_lead_holding(
        engine,
        "The European Union made the largest pledge of civilian assistance for Afghanistan; how much was it?",
        "made the largest pledge at $1.4 billion",
    )
