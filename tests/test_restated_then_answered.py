"""A lead that restates the question but supplies none of what it asks for hands the lead to the
next sentence of its unit when that one supplies it: a date or quantity question's lead holding
part of its words and no value of the asked type (`lead._partly_restates_without_value`), a
"Who …?" question's lead naming no one at all (`lead._names_what_the_lead_does_not`); a lead
that names a doer itself keeps the lead (docs/tuning.md, session 44). The next sentence takes the
lead only for a rarer word of the question that the lead lacks: a who-question's next sentence
holding one, a date or a count stated within a few words of one (docs/tuning.md, session 45)."""

from __future__ import annotations

from typing import Any

import pytest

from service.sentences import subject_word

from .support.answers import answer_lead_holding, answer_opening, reply_lead_holding


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


def test_a_who_question_s_lead_naming_a_country_and_a_body_keeps_the_lead(engine: Any) -> None:
    # The lead supplies who ("Afghan intelligence and India"), though the next sentence names no one new.
    answer_lead_holding(
        engine, "Who has Pakistan accused of backing Pakistani militants?", "Afghan intelligence and India"
    )


def test_a_who_follow_up_s_lead_whose_subject_is_a_name_keeps_the_lead(engine: Any) -> None:
    # dev c106: the lead's subject is a name written alone at its start ("Baradar, for instance, …"),
    # and the next sentence names two others.
    reply_lead_holding(
        engine,
        [
            "Who was the former Taliban defence minister who reportedly died in Pakistani custody?",
            "Who else reportedly died in custody then?",
            "Who else did Pakistan detain for several years?",
        ],
        "Baradar, for instance",
    )


@pytest.mark.parametrize(
    ("question", "other"),
    [
        # dev d2698's shape: the lead writes the event and no date; the next sentence holds the
        # question's "plan" but dates a trip, far from it.
        (
            "When did the UN, Turkey and Qatar co-host the meeting on the Afghan peace plan?",
            "Khalilzad discussed the plan",
        ),
        # dev d4141's shape: the next sentence names who voiced the change, not who ordered it, and
        # holds no word of the question the lead lacks.
        ("Who ordered the recent change in Taliban messaging that is music to Islamabad's ears?", "Suhail Shaheen"),
    ],
)
def test_a_next_sentence_stating_another_thing_s_value_or_doer_does_not_take_the_lead(
    engine: Any, question: str, other: str
) -> None:
    answer = engine.ask(question)
    assert not answer.sentences or other not in answer.sentences[0].text, answer.sentences[0].text


@pytest.mark.parametrize(
    ("question", "other"),
    [
        # dev d4134's shape: the lead restates the question and dates nothing; the next sentence
        # dates protests at its end, another event than the one asked.
        (
            "When did many Afghans become mistrustful of Pakistan because of its sponsorship of the Taliban?",
            "Several hundred Afghans staged",
        ),
        # dev d4136's shape: the next sentence's years date a recognition and a break of ties.
        (
            "When did the anti-Soviet mujahideen fighters that Pakistan nurtured evolve into the Taliban?",
            "Islamabad was one of only three countries",
        ),
    ],
)
def test_a_restating_lead_s_next_sentence_dating_another_event_does_not_take_the_lead(
    engine: Any, question: str, other: str
) -> None:
    # The older hand-off of a lead holding most of the question (`lead.choose_lead`) reads the
    # next sentence's value as the asked one only beside a rarer word the lead lacks or in the
    # sentence's opening phrase of time (docs/tuning.md, session 45).
    answer = engine.ask(question)
    assert not answer.sentences or other not in answer.sentences[0].text, answer.sentences[0].text


def test_a_restating_lead_s_next_sentence_opening_on_its_date_takes_the_lead(engine: Any) -> None:
    # dev d2684's shape: "In 2017, he was involved in negotiations …" dates what the restating
    # lead ("Hameed has mediated delicate political disputes before, albeit at home.") speaks of,
    # in words of its own.
    answer_opening(
        engine,
        "When did Hameed mediate a political dispute at home?",
        "In 2017, he was involved in negotiations",
        "Hameed has mediated delicate political disputes before",
    )
