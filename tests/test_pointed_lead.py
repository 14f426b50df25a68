"""A follow-up pointing by "it", "its" or a demonstrative at a thing the last answer's lead
names asks of that sentence again: led past by an older answer's sentence, it is among those the
lead gives way to (service.repeats.points_at_a_thing, service.repeats.new_lead). See
docs/tuning.md, session 39, "On-topic follow-ups asking of the sentence just quoted"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from service.repeats import points_at_a_thing

from .support.conversing import last_reply


@pytest.mark.parametrize(
    ("question", "points"),
    [
        ("What did it tie the money to?", True),
        ("Why do many Afghans object to it?", True),
        ("What was that plan?", True),
        ("Who confirmed this?", True),
        ("How large were its forces?", True),
        # Controls: a person pointed at, or nothing.
        ("What did he say next?", False),
        ("Who are they?", False),
        ("What did the EU pledge?", False),
    ],
)
def test_it_its_and_the_demonstratives_point_at_a_thing(question: str, points: bool) -> None:
    assert points_at_a_thing(question) is points


@pytest.mark.parametrize(
    ("turns", "lead"),
    [
        # The first turn's lead, lifted by the history's words, led before (dev d3509b).
        (
            (
                "How much civilian assistance did donors pledge for Afghanistan in November 2020?",
                "Who gave the most?",
                "What did it tie the money to?",
            ),
            "a peace settlement based on republican and democratic principles",
        ),
        # Control: the sentence pointed at leads, and gives way to the next one as before (dev d835).
        # Its own result may score it best (an index rebuilt on another machine did: 0.706 against
        # 0.619), so what moves it is the day the turn names, which it does not state and the next
        # sentence of its unit does (service.repeats.dated_lead; docs/tuning.md, session 50).
        (
            (
                "What did Khalilzad discuss with President Ghani and Abdullah Abdullah in early March 2021?",
                "Whom did he discuss it with on 8 March?",
            ),
            "with Pakistan's army chief Bajwa on 8 March",
        ),
    ],
)
def test_a_follow_up_pointing_at_the_last_lead_is_answered_by_it(engine: Any, turns: Sequence[str], lead: str) -> None:
    reply = last_reply(engine, turns)
    assert not reply.abstained
    assert lead in reply.answer[0]


def test_a_follow_up_naming_a_day_no_quoted_sentence_dates_abstains(engine: Any) -> None:
    """Dev d4891's shape: the history's words lift the note the last answer quoted, whose
    sentences date other days; the day the turn names is none of them (service.engine,
    "another-day"). The same turn naming the day the note gives is answered (dev d4887)."""
    opening = "After which attacks did Pakistan's foreign ministry lodge a protest with Afghan and Indian diplomats?"
    reply = last_reply(engine, (opening, "Who accompanied their foreign minister to Kabul on 14 December 2020?"))
    assert reply.abstained
    assert reply.abstain_reason == "another-day"
    answered = last_reply(engine, (opening, "Who accompanied their foreign minister on 14 November 2020?"))
    assert not answered.abstained
    assert "accompanied by the military's spokesperson" in answered.answer[0]
