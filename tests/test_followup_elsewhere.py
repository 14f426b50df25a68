"""Follow-ups answered in another paragraph or note than the turn before them, and the readings
of the history measured against them (docs/tuning.md, session 34: "Follow-ups answered
elsewhere"). None of those readings shipped; these pin what main answers, so that a later change
to the history's share is measured against them. Each conversation is asked as the evaluation
asks it: turn by turn, each read with the earlier ones and the sentences their answers quoted
(service.evaluate.ask.EngineAsker)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from .support.answers import reply_lead_holding


@pytest.mark.parametrize(
    ("turns", "lead"),
    [
        # The answer is in the note the last answer's passage cites (dev d2953).
        (
            (
                "When did Pakistan host the first direct formal talks between the Taliban and Afghan government"
                " representatives?",
                "Whom did Pakistan hold responsible for the failure of those talks?",
            ),
            "responsible for deliberately leaking the news",
        ),
        # A passage of another section, after a note's figure (dev d2959).
        (
            (
                "What share of the border with Afghanistan had the Pakistan military fenced by December 2020?",
                "What did a senior Pashtun politician warn about those walls?",
            ),
            "those walls will fall",
        ),
        # Control: answered by the passage the first turn was answered from (dev d2962c).
        (
            (
                "What did President Ghani accuse Pakistan of providing the Taliban with?",
                "Who met him in Kabul on 10 May?",
            ),
            "army chief Qamar Javed Bajwa and ISI chief Faiz Hameed",
        ),
        # A chain: its older questions hold the topic ("the Haqqani network"); with the in-context
        # vector reading the latest earlier question alone (and the older at half its BM25 share),
        # the lead went to the cabinet passage naming the Haqqanis without their posts (dev d2258).
        (
            (
                "What is the Haqqani network?",
                "Who called it a veritable arm of the ISI?",
                "When did its links to Pakistan begin?",
                "Which posts did its leaders get in the new government?",
            ),
            "Sirajuddin Haqqani as interior minister",
        ),
    ],
)
def test_a_follow_up_answered_elsewhere_leads_with_its_answer(engine: Any, turns: Sequence[str], lead: str) -> None:
    reply = reply_lead_holding(engine, turns, lead)
    assert reply.results[0].unit_id == reply.answer_units[0]
