"""A lead whose subject points back by "such", a demonstrative or "the" and a noun, read past its
opening words ("But such leverage is unlikely to endure …"), is quoted after the sentence it points
to when the question asks for that noun ("What leverage …?") or for what made it, in a verb only
the sentence before writes ("What gave Islamabad leverage …?"); a lead of the same form that
answers by itself stays first (docs/tuning.md, session 36, "A lead that points back by such,
these or the and a noun")."""

from __future__ import annotations

from typing import Any

import pytest

from service.sentences import asks_for_its_noun, asks_what_it_points_to, subject_points_back

from .support.answers import answer_opening

_BEFORE = "Their dependence on the city gave leverage to its rulers."
_LEAD = "But such leverage is unlikely to endure now that they control the country."


@pytest.mark.parametrize(
    ("question", "text", "before", "points"),
    [
        ("What leverage is unlikely to endure?", _LEAD, "", True),
        ("What gave its rulers leverage?", _LEAD, _BEFORE, True),
        ("What dispute has marred relations?", "The dispute has marred relations.", "", True),
        ("What support will be in doubt?", "Even if they reach a settlement, such support will be in doubt.", "", True),
        ("What is unlikely to endure?", _LEAD, _BEFORE, False),
        ("What gave its rulers leverage?", _LEAD, "", False),
        ("What did the leverage give them?", _LEAD, _BEFORE, False),
        ("What reinforces mistrust?", "The sanctuary they give also reinforces mistrust.", "It is old.", False),
        ("What leverage is unlikely to endure?", "But Islamabad's leverage is unlikely to endure.", _BEFORE, False),
    ],
)
def test_a_question_asks_what_a_pointing_subject_names(question: str, text: str, before: str, points: bool) -> None:
    assert asks_what_it_points_to(question, text, before) is points


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("But such leverage is unlikely to endure.", True),
        ("Pledging support, they have also denied it.", True),
        ("Yet the pledges were mere rhetoric.", True),
        ("Trump said so.", False),
        ("But the U.S. did not.", False),
    ],
)
def test_the_subject_read_past_opening_words(text: str, points: bool) -> None:
    assert subject_points_back(text) is points


def test_what_made_the_pointed_noun_leads(engine: Any) -> None:
    answer_opening(
        engine,
        "What gave Islamabad leverage over the Taliban?",
        "The Taliban\u2019s dependence on Pakistan gave leverage",
        "But such leverage is unlikely to endure",
    )


def test_a_the_noun_lead_that_answers_stays_first(engine: Any) -> None:
    answer_opening(
        engine,
        "What reinforces mistrust of Pakistani intentions among Afghan governing and opposition circles?",
        "The sanctuary Pakistan gives the Taliban also reinforces mistrust",
    )


@pytest.mark.parametrize(
    ("question", "text", "asks"),
    [
        ("Which influence has far from dissipated?", "That influence has far from dissipated, however.", True),
        ("What dispute has marred relations?", "The dispute has marred relations.", True),
        ("What is unlikely to endure?", _LEAD, False),
        ("What pledges were rhetoric?", "Yet the pledges were mere rhetoric.", True),
        ("What leverage is unlikely to endure?", "But Islamabad's leverage is unlikely to endure.", False),
    ],
)
def test_a_question_asks_for_the_subjects_noun(question: str, text: str, asks: bool) -> None:
    assert asks_for_its_noun(question, text) is asks
