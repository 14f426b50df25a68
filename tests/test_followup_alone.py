"""A follow-up's evidence read on the turn alone as well as with its history
(Engine._read_alone_too; docs/tuning.md, session 35, "A follow-up's evidence read on the turn
alone"). Each conversation is asked as the evaluation asks it, turn by turn
(service.evaluate.ask.EngineAsker)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from .support.answers import reply_lead_holding
from .support.conversing import last_reply


@pytest.mark.parametrize(
    "turns",
    [
        # Read with the TTP's August attacks, the history lent the iPhone its passage (dev d3164c).
        (
            "How many attacks did the TTP carry out in August according to its own data?",
            "What goal do they share with the Taliban?",
            "What do they think of the new iPhone?",
        ),
    ],
)
def test_a_follow_up_asking_beyond_the_corpus_abstains_unless_alone_it_finds_evidence(
    engine: Any, turns: Sequence[str]
) -> None:
    assert last_reply(engine, turns).abstained


@pytest.mark.parametrize(
    ("turns", "lead"),
    [
        # Two turns on the fence's note held it first, scored below the cut; the turn alone
        # ranks the passage counting the posts first, above it (dev d2862).
        (
            (
                "When did Pakistan begin building its border fence with Afghanistan?",
                "How much of the border had been fenced by December 2020?",
                "When did the military expect to complete it?",
                "What did the foreign ministry say about it in response to Afghan allegations?",
                "How many frontier posts does it plan along the border?",
            ),
            "the 843 planned frontier posts",
        ),
        # Control: a follow-up of its own words answered as before (dev d3150a).
        (
            (
                "How did Pakistan see Afghanistan after inheriting the Durand Line in 1947?",
                "How many planned frontier posts does its military say are inside its territory?",
            ),
            "the 843 planned frontier posts",
        ),
    ],
)
def test_a_follow_up_below_the_cut_is_answered_by_what_its_own_words_rank_first(
    engine: Any, turns: Sequence[str], lead: str
) -> None:
    reply_lead_holding(engine, turns, lead)
