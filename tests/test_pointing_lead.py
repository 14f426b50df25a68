"""A lead that names what the question asks for only by pointing back ("That process still
exists, …" for "Which process still exists …?") is quoted after the sentence it points to, which
leads; a lead of the same form that answers by itself stays first (docs/tuning.md, session 35,
"A lead that points back")."""

from __future__ import annotations

from typing import Any

import pytest

from service.sentences import asks_what_it_points_to

from .support.answers import answer_opening


@pytest.mark.parametrize(
    ("question", "text", "points"),
    [
        ("Which process still exists?", "That process still exists, but it faces new challenges.", True),
        ("What assistance helped sustain them?", "This assistance helped sustain them.", True),
        ("What risks would increase?", "Those risks would increase even further.", True),
        ("What is their stance on a takeover?", '"This is our stance in principle", the minister said.', True),
        ("Who nurtured the fighters?", "It nurtured the fighters.", True),
        ("Which group will be inspired to attack?", "It will be inspired to step up attacks.", True),
        ("Why might they refuse?", "For this reason, they may refuse.", True),
        ("What might they refuse?", "For this reason, they may refuse.", False),
        ("What did this assistance do?", "This assistance helped sustain them.", False),
        ("What will the group be inspired to do?", "It will be inspired to step up attacks.", False),
        ("Who said this was their stance?", '"This is our stance in principle", the minister said.', False),
        (
            "Why has that influence not dissipated?",
            "That influence has not dissipated, since the shura is there.",
            False,
        ),
    ],
)
def test_a_question_asks_what_a_lead_points_to(question: str, text: str, points: bool) -> None:
    assert asks_what_it_points_to(question, text) is points


def test_the_sentence_a_pointing_lead_names_leads_it(engine: Any) -> None:
    answer_opening(
        engine,
        "Which process still exists, with U.S. and Pakistani efforts to energise it continuing?",
        "Hoping to salvage progress made",
        "That process still exists",
    )


def test_a_pointing_lead_that_answers_stays_first(engine: Any) -> None:
    answer_opening(
        engine,
        "What does the Doha process face now, despite U.S. and Pakistani efforts to energise it?",
        "That process still exists",
    )
