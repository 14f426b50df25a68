"""A question naming someone the corpus names, asking in words it never writes what no sentence
naming them states anything like, abstains, inside a conversation or alone; the next real
follow-up is still answered, and a question asking a stated thing in unwritten words is answered
(Engine._asks_unstated_of_named; docs/tuning.md, session 36, "Off-topic questions naming the
conversation's person"). Conversations are asked as the evaluation asks them, turn by turn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from service import engine as engine_module

from .support.conversing import last_reply


@pytest.mark.parametrize(
    "turns",
    [
        # By name, the turn is read without history and his passages answered on his name (dev d3262).
        ("Which ministry did the Taliban give Khalil Haqqani?", "What is Khalil Haqqani's favourite dish?"),
        # By name, answered from the passage that writes "favorite" (dev d3211).
        (
            "What did Foreign Minister Qureshi disclose on 14 November 2020?",
            "What is Qureshi's favourite football club?",
        ),
    ],
)
def test_an_off_topic_question_naming_the_person_abstains(engine: Any, turns: Sequence[str]) -> None:
    assert last_reply(engine, turns).abstained


def test_without_the_reading_the_named_off_topic_question_is_answered(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "ASKS_UNSTATED_OF_NAMED", False)
    turns = ("Which ministry did the Taliban give Khalil Haqqani?", "What is Khalil Haqqani's favourite dish?")
    assert not last_reply(engine, turns).abstained


@pytest.mark.parametrize(
    ("turns", "gold"),
    [
        # The return after the off-topic turn (dev d3266r).
        (
            (
                "What did Mujahid say about Pakistan in a recent Pakistani TV interview?",
                "What is Mujahid's favourite colour?",
                "What new border structure did he criticise?",
            ),
            "criticized a new Pakistani border fence",
        ),
        # Controls: a stated thing asked in words the corpus never writes (dev d3271, d3276).
        (
            (
                "Which ministry did the Taliban give Sirajuddin Haqqani?",
                "What job did Haibatullah Akhunzada give Sirajuddin Haqqani?",
            ),
            "one of his principal deputies",
        ),
        (
            (
                "To whom did the Pakistan military shift its support as Hekmatyar lost ground?",
                "Which Pashtun militia did Hekmatyar lead?",
            ),
            "Hizb-e Islami",
        ),
    ],
)
def test_a_real_follow_up_and_a_stated_thing_in_other_words_are_answered(
    engine: Any, turns: Sequence[str], gold: str
) -> None:
    reply = last_reply(engine, turns)
    assert not reply.abstained
    assert any(gold in sentence for sentence in reply.answer)
