"""A follow-up's lead taken by a lower result's sentence stating the turn's own words
(service.lead._states_more_of_the_turn; docs/tuning.md, session 33). Each conversation is
asked as the evaluation asks it: turn by turn, each read with the earlier ones and the
sentences their answers quoted (service.evaluate.ask.EngineAsker)."""

from __future__ import annotations

from typing import Any

import pytest

from service.composing import SCORE_TIE
from service.lead import highest_weighed
from service.sentences import ScoredSentence

from .support.answers import reply_lead_holding


def test_a_follow_up_asking_what_a_cited_note_states_is_led_by_the_note(engine: Any) -> None:
    # The history finds the passage of the former ambassador's words; its best sentence holds
    # none of "foreign minister" or "guarantors", note 73's sentence holds all three: it leads
    # (dev d1661; quoted third before, after two sentences of the passage).
    reply = reply_lead_holding(
        engine,
        (
            "What did a former Pakistani ambassador to Kabul say Pakistan has to dissuade the Taliban from?",
            "What can it not absolve itself of?",
            "What did its foreign minister say about being guarantors?",
        ),
        "We cannot be guarantors, we have only been facilitators",
    )
    assert reply.results[0].unit_id == reply.answer_units[0]


@pytest.mark.parametrize(
    ("turns", "lead"),
    [
        # "been" is the turn's one word beyond its lead; "In October 2018, during Zalmay
        # Khalilzad's visit to Islamabad, …" holds it, and is no earlier visit of the army chief
        # (dev d1361). Within the note, the next sentence ("In November 2020, Prime Minister Khan
        # visited Kabul …") weighs 0.002 above this one: a tie (service.composing.SCORE_TIE).
        (
            ("When did Bajwa and the ISI head meet President Ghani in Kabul?", "Had he been there before?"),
            "The army chief had also visited Kabul in 2020, 2018 and 2017",
        ),
        # "he" is Hameed, read from the history; a lower result's sentence of other talks with
        # Hameed holds a larger share of the turn's rarer words, not two words the lead lacks
        # (dev d1129).
        (
            ("Who is Faiz Hameed?", "Is it cold in Moscow in January?", "Who was he negotiating with in 2017?"),
            "he was involved in negotiations with Pakistani religious hard-liners",
        ),
    ],
)
def test_a_follow_up_keeps_the_lead_its_history_found_when_a_lower_sentence_adds_one_word(
    engine: Any, turns: tuple[str, ...], lead: str
) -> None:
    reply_lead_holding(engine, turns, lead)


def test_weighed_scores_within_the_tie_are_told_apart_by_the_sentences_own_scores() -> None:
    # The weighed scores of d1361's note, to four places: its second and third sentences differ
    # by 0.0023, its first trails by 0.05. The tie goes to the higher own score; a clear lead
    # of the weighed score stands whatever the own scores.
    first, second, third = (
        ScoredSentence(0, n, n + 1, score, row=n) for n, score in enumerate((0.6469, 0.5451, 0.5256))
    )
    assert highest_weighed([first, second, third], [1.2606, 1.3050, 1.3073]) is second
    assert highest_weighed([first, second, third], [1.2606, 1.3050, 1.3073 + SCORE_TIE]) is third
    assert highest_weighed([first, second, third], [1.3073 - SCORE_TIE / 2, 1.3050, 1.3073]) is first


def test_a_follow_up_answered_by_the_passage_just_quoted_keeps_its_lead(engine: Any) -> None:
    # The passage the first turn quoted says Pakistan's "ability to influence the outfit greater,
    # than any other regional or extra-regional actor"; it answers and keeps the lead (dev d2903,
    # a control of the new kind `chat-lower-states`).
    reply_lead_holding(
        engine,
        (
            "How often have top Taliban negotiators consulted Pakistani officials on the peace talks?",
            "Is its influence over them greater than any other regional actor's?",
        ),
        "than any other regional or extra-regional actor",
    )
