"""An office's holder titled by a unit ranked below the first three: "Who is the president of
Afghanistan?" (service.relations.HOLDER_HEAD, UnitRelations.names_or_titles_holder,
Engine._holder_led_from_results; docs/tuning.md, session 58)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    "question", ["Who is the president of Afghanistan?", "Who is the current president of Afghanistan?"]
)
def test_the_holder_titled_lower_leads_the_answer(engine: Any, question: str) -> None:
    # Main abstained: notes on "President Biden … to support Afghanistan" ranked first, the unit
    # titling Ghani fourth or sixth, below the three the holder move read.
    answer = engine.ask(question)
    assert not answer.abstained
    assert "Ghani" in answer.sentences[0].text
    assert "Biden" not in answer.sentences[0].text


@pytest.mark.parametrize(
    "question",
    ["Who is the president of Uzbekistan?", "Who is Pakistan's Afghan envoy?", "Who was India's army chief in 2021?"],
)
def test_an_office_the_corpus_titles_no_one_with_still_abstains(engine: Any, question: str) -> None:
    # "chief Afghan peace envoy Abdullah Abdullah" is the Afghans' envoy, not Pakistan's.
    assert engine.ask(question).abstained
