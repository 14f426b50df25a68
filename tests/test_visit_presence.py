"""A visit asked by its verb is told by the visitor's presence at the place: "When did Faiz
Hameed visit Kabul?" is answered by "…, Faiz Hameed, was in Kabul in early September …", not
withdrawn as another event; a visit to a place no sentence puts the visitor at still is
(service.offtopic.visit_told_by_presence; docs/tuning.md, session 55)."""

from __future__ import annotations

from typing import Any

import pytest

from service.conversations.sqlite import ConversationStore
from service.offtopic import visit_told_by_presence

from .support.conversing import converse

HAMEED = (
    "The director of Pakistan’s main spy agency, Faiz Hameed, was in Kabul in early September at a moment "
    "when different Taliban factions were disagreeing over the composition of their not-yet-finalized government."
)
BAJWA = "In May 2021, Bajwa and the ISI head met President Ghani in Kabul."
RAWALPINDI = (
    "On 19 February, the U.S. Central Command chief called Bajwa at the army headquarters in Rawalpindi; on "
    "9 March, Ambassador Khalilzad met the Pakistani army chief."
)


def _share(term: str) -> float:
    """Every term written, save the names of places the corpus never writes."""
    return 0.0 if term in {"beij", "beijing", "tehran"} else 0.01


@pytest.mark.parametrize(
    ("question", "lead", "told"),
    [
        ("When did Faiz Hameed visit Kabul?", HAMEED, True),
        ("When did Faiz Hameed travel to Kabul?", HAMEED, True),
        ("When did he visit Kabul?", HAMEED, True),  # a follow-up's pronoun: the place alone
        ("When did Baradar visit Kabul?", HAMEED, False),  # another visitor
        ("When did Faiz Hameed visit Beijing?", HAMEED, False),  # another place
        ("When did Bajwa visit Kabul?", BAJWA, False),  # "met … in Kabul": what was done there
        ("When did Khalilzad visit Rawalpindi?", RAWALPINDI, False),  # "headquarters in Rawalpindi"
        ("When did Faiz Hameed leave Kabul?", HAMEED, False),  # no visit asked
    ],
)
def test_a_visit_told_by_presence(question: str, lead: str, told: bool) -> None:
    assert visit_told_by_presence(question, lead, _share) is told


def test_a_visit_stated_as_presence_is_answered_and_one_never_stated_abstains(engine: Any) -> None:
    visited = engine.ask("When did Faiz Hameed visit Kabul?")
    assert not visited.abstained
    assert "was in Kabul in early September" in visited.sentences[0].text
    assert engine.ask("When did Faiz Hameed visit Beijing?").abstained
    assert engine.ask("When did Mujahid travel to Islamabad?").abstained


def test_the_smoke_test_s_follow_up_is_answered(engine: Any, store: ConversationStore) -> None:
    """The follow-up "When did he visit Kabul?" after "Who is the ISI chief?" was withdrawn as another event."""
    first, when = converse(engine, store, "Who is the ISI chief?", "When did he visit Kabul?")
    assert not first.abstained
    assert not when.abstained
    assert "was in Kabul in early September" in when.answer[0].text
