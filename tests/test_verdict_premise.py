"""Questions that take something as given (service.verdict): "When did X become <office>?" is
answered only by a lead giving X the whole office, and "Why did X <verb> …?" only by a lead
writing the event; read on the real engine over the session index."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.withdrawals import stands_leading_with, withdrawn_for


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # The corpus makes Qureshi foreign minister and Sirajuddin Haqqani interior minister.
        ("When did Shah Mahmood Qureshi become interior minister?", "another-office"),
        # It names Haibatullah Akhunzada as Mansour's successor, never Sirajuddin as the leader.
        ("When did Sirajuddin Haqqani become the Taliban's supreme leader?", "another-office"),
        # Qatar "assumed a central role in assisting" the talks: nothing expelled.
        ("Why did Qatar expel the Taliban's political office?", "another-event"),
        # Khalilzad was appointed special representative; nothing says he quit: the closing role
        # ("as special representative") is who he was, not the event.
        ("Why did Zalmay Khalilzad quit as special representative?", "another-event"),
        # The notes cite Anwar Iqbal's articles and never say what he is (session 30).
        ("What is Anwar Iqbal's job?", "no-office"),
    ],
)
def test_an_answer_to_a_question_whose_premise_the_corpus_never_states_is_withdrawn(
    engine: Any, question: str, reason: str
) -> None:
    assert withdrawn_for(engine, question) == [reason]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # Led by the passage dating the appointment by the visit a month later (the gold of dev
        # d1026) or by the note's "September 2018 appointment": either states the asked event.
        (
            "When did Zalmay Khalilzad become special representative for Afghanistan reconciliation?",
            "special representative",
        ),
        ("Why did the Quadrilateral Dialogue make little headway?", "made little headway"),
        ("Why did Baradar's presence give the Taliban's political office more weight?", "gravitas"),
        ("Why did the military quickly step in after Trump called off the talks?", "Anxious to ensure"),
        # The event in other words than the lead's ("cut" for "sever"), no closing role to drop.
        ("Why did Musharraf cut ties with the Taliban after the 2001 attacks?", "pressure from Washington"),
        # The one the event is done to named just before its word ("His [Baradar's] release").
        ("Why did Pakistan release Baradar?", "release was facilitated by Pakistan"),
        # The office said of the person by the pronoun after the sentence naming them (session 30).
        ("What is Kugelman's job?", "He is the Asia Program deputy director"),
        ("What is Moeed Yusuf's job?", "national security advisor"),
    ],
)
def test_an_answer_stating_the_premise_stands(engine: Any, question: str, lead: str) -> None:
    stands_leading_with(engine, question, lead)
