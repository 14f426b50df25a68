"""'How much <influence, leverage, sway, support, …>?' asks an extent the text states in words,
not an amount (docs/tuning.md, "'How much sway …?' asks an extent, not an amount", its session 38
follow-up and session 39): the verdict reads it as asking no type (service.answer_type.asks_extent),
while its answer is composed as a quantity question's, so no lead moves."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import AnswerType, asks_extent, expected_type


@pytest.mark.parametrize(
    ("question", "extent"),
    [
        ("How much sway does Pakistan hold with the Taliban leadership?", True),
        ("How much control does the ISI have over the Haqqani network?", True),
        ("How much support do the Taliban have in Pakistan?", True),
        ("How much money did donors pledge?", False),
        ("How much territory did the Haqqani network control in 2020?", False),
        ("How many troops did NATO pledge?", False),
    ],
)
def test_an_extent_is_told_from_an_amount(question: str, extent: bool) -> None:
    assert asks_extent(question) is extent


def test_an_extent_is_composed_as_a_quantity_question() -> None:
    """The sentences of a "How much sway …?" answer are chosen with the quantity's type bonus, as
    before: untyped, a sentence stating an incidental number lost the lead to its neighbour, and
    the set-up and restating hand-offs (read only for untyped questions) came into play
    (docs/tuning.md, session 39)."""
    assert expected_type("How much support do the Taliban have in Pakistan?") is AnswerType.QUANTITY
    assert expected_type("How much sway does Pakistan hold with the Taliban leadership?") is AnswerType.QUANTITY


def test_an_extent_the_text_states_in_words_is_answered(engine: Any) -> None:
    answer = engine.ask("How much control does the ISI have over the Haqqani network?")
    assert not answer.abstained
    assert "a veritable arm" in answer.sentences[0].text


def test_an_amount_the_corpus_never_states_still_abstains(engine: Any) -> None:
    assert engine.ask("How much money does Pakistan spend each year hosting Afghan refugees?").abstained
