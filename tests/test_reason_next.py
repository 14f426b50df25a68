"""A why-question whose lead states the asked fact and no cause is led by the next sentence when
that sentence gives the reason by pointing back at it ("That's in large part because …"), the
old lead second (service.reason_next, service.answer._reason_told_next). See docs/retrieval.md,
"A why-question's reason told next", and docs/tuning.md, session 57."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from service.reason_next import asks_why, gives_reason_back, states_cause

from .support.conversing import last_reply

REASON = "the leverage Islamabad had enjoyed over its long-standing asset"
FACT = "friendship with the Taliban won’t come quite as easily"


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("Why won't it come easily?", True),
        ("And why is that?", True),
        ("ok, why did pakistan welcome it", True),
        ("How come?", True),
        ("What may Pakistan soon find?", False),
        ("How did it come about?", False),
    ],
)
def test_a_question_asking_why(question: str, why: bool) -> None:
    assert asks_why(question) is why


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("That’s in large part because the leverage Islamabad had enjoyed … is at risk of being lost.", True),
        ("This is because the insurgents refused to talk.", True),
        ("It was partly due to the election.", True),
        # Controls: the cause belongs to the sentence's own subject, or is given ahead.
        ("That process still exists, because both sides want it.", False),
        ("Because of its sponsorship of the Taliban, many Afghans are mistrustful.", False),
        ("For this reason, the Taliban may not want to be seen doing Islamabad a major favor.", False),
    ],
)
def test_a_sentence_giving_the_reason_for_the_one_before(text: str, back: bool) -> None:
    assert gives_reason_back(text) is back


def test_a_sentence_stating_its_own_cause() -> None:
    assert states_cause("Many Afghans are mistrustful of Pakistan because of its sponsorship of the Taliban.")
    assert not states_cause("Several hundred Afghans staged anti-Pakistan protests in Kabul on Sept. 7.")


@pytest.mark.parametrize(
    "turns",
    [
        # dev d4037: the lead restated "won't come quite as easily"; the reason opens the next paragraph.
        ("What may Pakistan soon find about its friendship with the Taliban?", "Why won't it come easily?"),
        # dev d3420, a standalone question.
        ("Why might Pakistan soon find that friendship with the Taliban won't come as easily?",),
    ],
)
def test_a_why_question_is_led_by_the_reason_the_next_sentence_gives(engine: Any, turns: Sequence[str]) -> None:
    reply = last_reply(engine, turns)
    assert not reply.abstained
    assert REASON in reply.answer[0]
    assert any(FACT in sentence for sentence in reply.answer[1:])


def test_a_turn_asking_no_reason_keeps_the_sentence_stating_the_fact(engine: Any) -> None:
    reply = last_reply(
        engine,
        (
            "What did the Taliban's takeover of Afghanistan deliver to Pakistan?",
            "And what may Pakistan soon find about that friendship?",
        ),
    )
    assert not reply.abstained
    assert FACT in reply.answer[0]


def test_a_why_question_naming_what_the_lead_does_not_keeps_its_lead_or_abstains(engine: Any) -> None:
    reply = last_reply(engine, ("Why did friendship with India come so easily for the Taliban?",))
    assert reply.abstained or REASON not in reply.answer[0]
