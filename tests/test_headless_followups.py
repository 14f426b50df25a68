"""Follow-ups whose noun is left out ("Which were the other two?", "Who gave the most?") read
with their conversation (service.pointing, `_HEADLESS`), and a bare "Why?" led by the reason a
"For this reason, …" lead points back to (service.sentences.asks_what_it_points_to). See
docs/tuning.md, session 38, "On-topic follow-ups written fresh"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from service import pointing

from .support.answers import reply_lead_holding


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        ("Which were the other two?", True),
        ("Who were the others?", True),
        ("Who gave the most?", True),
        ("Which was the largest?", True),
        ("And who got the least?", True),
        # Controls: a noun of its own after "the", or a word ending in "-est" that is no superlative.
        ("Who gave the most money to Afghanistan?", False),
        ("How could a deal calm the west?", False),
        ("What was the interest?", False),
        ("Who is the best?", False),
        ("What is the capital of France?", False),
    ],
)
def test_a_noun_phrase_without_its_noun_refers_back(question: str, follows: bool) -> None:
    assert pointing.refers_back(question) is follows


@pytest.mark.parametrize(
    ("turns", "lead"),
    [
        # Read alone, "Who gave the most?" abstained (dev d3509).
        (
            ("How much civilian assistance did donors pledge for Afghanistan in November 2020?", "Who gave the most?"),
            "made the largest pledge",
        ),
        # A bare "Why?" was led by "For this reason, …", the reason quoted second (dev d3525).
        (
            ("Did Afghans protest against Pakistan in Kabul?", "Why?"),
            "mistrustful of Pakistan because of its sponsorship",
        ),
    ],
)
def test_a_follow_up_without_its_noun_or_its_reason_is_answered_from_its_conversation(
    engine: Any, turns: Sequence[str], lead: str
) -> None:
    reply_lead_holding(engine, turns, lead)
