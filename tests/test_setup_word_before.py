"""A lead that restates part of the question hands the lead to the sentence after it only by a
question word that sentence adds: not by one its paragraph wrote before the lead, which the
lead carries on as "they" or "such support" (docs/tuning.md, "A set-up's hand-off by a word the
paragraph wrote before the lead", session 34)."""

from __future__ import annotations

from typing import Any

import pytest

from service.evaluate.questions import contains_gold

LEAD_KEPT = [
    (
        "What have Pakistan's military leadership and government repeatedly denied while pledging support "
        "for an Afghan-led peace process?",
        "repeatedly denied backing any party to the conflict",
    ),
    (
        "What did a former senior Pakistani diplomat say Pakistan pleaded with the U.S. to do at Bonn about "
        "bringing the Taliban into politics?",
        "pleaded with the U.S. to include the Taliban in Bonn",
    ),
]

HANDED_OVER = [
    (
        "What did Zalmay Khalilzad tell the Senate Foreign Relations Committee about Pakistan's responsibility?",
        "Pakistan has a special responsibility given its influence over the Taliban",
    ),
    (
        "The high command's preferred option for Afghanistan is in complete alignment with Khan's; what deal "
        "do both support?",
        "Both support a deal that would protect Pakistan's interests",
    ),
]


@pytest.mark.parametrize(("question", "gold"), LEAD_KEPT)
def test_a_word_the_paragraph_wrote_before_the_lead_hands_nothing_over(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences
    assert contains_gold(answer.sentences[0].text, (gold,))


@pytest.mark.parametrize(("question", "gold"), HANDED_OVER)
def test_a_word_new_to_the_paragraph_still_hands_the_lead_over(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences
    assert contains_gold(answer.sentences[0].text, (gold,))
