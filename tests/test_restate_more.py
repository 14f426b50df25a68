"""A lead restating the question hands over to the sentence that answers it in two more cases:
the question embeds its premise as "What signs are there that P?", or the next sentence is an
aside in brackets and the one after it answers. A topic sentence that answers by itself stays
first (docs/tuning.md, session 38, "Restating leads measured one reading at a time")."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import embedded_premise

from .support.answers import answer_opening


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        ("What signs are there that the ties pay off for them?", "the ties pay off for them"),
        ("What indications are there that the talks will resume soon?", "the talks will resume soon"),
        ("What evidence is there that the group has regrouped?", "the group has regrouped"),
        ("What signs of a thaw are there?", None),
    ],
)
def test_signs_that_p_embed_a_premise(question: str, premise: str | None) -> None:
    read = embedded_premise(question)
    assert (read.premise if read else None) == premise


def test_what_signs_there_are_that_p_is_led_by_the_next_sentence(engine: Any) -> None:
    answer_opening(
        engine,
        "What signs are there that the recalibrated relationship is paying off for Pakistan?",
        "Taliban messaging in recent days has changed",
        "Already, there are indications",
    )


def test_a_restating_lead_hands_over_past_an_aside(engine: Any) -> None:
    answer_opening(
        engine,
        "Taliban leaders don't recognize the Afghanistan-Pakistan border; has that caused friction lately?",
        "Mujahid recently criticized a new Pakistani border fence",
        "Taliban leaders, like many Afghans",
    )


def test_a_topic_sentence_that_answers_stays_first(engine: Any) -> None:
    answer_opening(
        engine,
        "How have Afghans historically reacted to Pakistani attitudes toward their country?",
        "Afghans have historically bristled at these Pakistani attitudes",
    )
