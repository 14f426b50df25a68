"""A lead that restates the question but supplies none of what it asks for hands the lead to the
next sentence of its unit when that one supplies it: a date or quantity question's lead holding
part of its words and no value of the asked type (`lead._partly_restates_without_value`), a
"Who …?" question's lead naming no one at all (`lead._names_what_the_lead_does_not`); a lead
that names a doer itself keeps the lead (docs/tuning.md, session 44)."""

from __future__ import annotations

from typing import Any

import pytest

from service.sentences import subject_word

from .support.answers import answer_lead_holding, answer_opening


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Baradar, for instance, was detained for several years before his 2018 release.", "Baradar"),
        ("Yet the pledges, such as after the Soviet withdrawal, were mere rhetoric.", "the"),
        ("Pledging support for an Afghan-led peace process, they have also repeatedly denied it.", "they"),
        ("Perhaps most important, several top leaders did not get top posts.", "Perhaps"),
    ],
)
def test_the_subject_is_read_as_written(text: str, subject: str) -> None:
    assert subject_word(text) == subject


def test_a_date_question_s_partly_restating_lead_without_a_date_gives_way_to_the_next_sentence(engine: Any) -> None:
    # d2685's shape: the lead holds part of the question and no date; the next sentence dates the release.
    answer_opening(
        engine,
        "When was the Taliban leader who resisted Pakistan's preferences released from detention?",
        "Baradar, for instance, was detained for several years before his 2018 release.",
        "Taliban leaders who attempted to resist Pakistani preferences",
    )


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # The lead names a country and a body: it supplies who, though the next sentence names people.
        ("Who has Pakistan accused of backing Pakistani militants?", "Afghan intelligence and India"),
        # The lead's subject is a name written alone at its start.
        ("Who else did Pakistan detain for several years?", "Baradar, for instance"),
    ],
)
def test_a_who_question_s_lead_that_names_a_doer_keeps_the_lead(engine: Any, question: str, words: str) -> None:
    answer_lead_holding(engine, question, words)
