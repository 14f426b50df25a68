"""A follow-up whose first result, read with its history, is again the unit the last answer led
with, too weak to answer, is ranked with the last lead's neighbourhood first (the passage after
it, the notes its passage cites) when that clears the cut (service.engine, `_neighbour_first`).
See docs/tuning.md, session 40, "A follow-up answered from the last lead's neighbourhood"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from .support.conversing import last_reply

MANSOUR = "How did the U.S. kill Taliban leader Mullah Akhtar Mohammed Mansour in May 2016?"


@pytest.mark.parametrize(
    ("turns", "gold"),
    [
        # dev d1555: the history ranked the killing's passage first, below the cut, and the
        # answer was withdrawn; the successor is named in the passage after it.
        ((MANSOUR, "Who succeeded him?"), "successor Shaikh Haibatullah Akhunzada"),
        # dev d3501: the passage naming Hameed first, below the cut; the passage after it dates
        # what he did in 2017.
        (
            ("Who is the director of Pakistan's main spy agency?", "What did he do in 2017?"),
            "he was involved in negotiations with Pakistani religious hard-liners",
        ),
    ],
)
def test_a_follow_up_the_last_answers_unit_cannot_answer_is_answered_by_its_neighbour(
    engine: Any, turns: Sequence[str], gold: str
) -> None:
    reply = last_reply(engine, turns)
    assert not reply.abstained
    assert gold in reply.answer[0]


def test_a_follow_up_off_the_topic_still_abstains(engine: Any) -> None:
    reply = last_reply(engine, (MANSOUR, "What is the best pizza topping?"))
    assert reply.abstained
