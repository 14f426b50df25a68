"""A question naming a month and year is led by the sentence of its passage stating that month,
not by a neighbour dating another month that shares more of its words (service.answer,
`of_the_asked_month`): asked by the real engine over the session index (docs/retrieval.md,
"A month the question names")."""

from __future__ import annotations

from typing import Any

from service.conversations.sqlite import ConversationStore

from .support.answers import answer_opening
from .support.conversing import converse

PASSAGE = "icg-asia-briefing-169:p:"


def test_the_sentence_stating_the_asked_month_leads_over_a_neighbour_dating_another(engine: Any) -> None:
    # The passage opens "On 7 July 2015, Pakistan hosted the first direct formal contacts between
    # the Taliban and Afghan government representatives …" (the question's words) and ends
    # "That dialogue, moreover, came to a halt … in May 2016."
    answer = engine.ask(
        "What ended the talks Pakistan hosted between the Taliban and the Afghan government in May 2016?"
    )
    assert not answer.abstained
    lead = answer.sentences[0]
    assert lead.unit_id.startswith(PASSAGE)
    assert lead.text.startswith("That dialogue, moreover, came to a halt")


def test_a_lead_stating_the_asked_month_keeps_the_lead(engine: Any) -> None:
    # The same passage asked of its first sentence's month: that sentence keeps the lead.
    answer_opening(
        engine,
        "What did Pakistan host between the Taliban and Afghan government representatives in July 2015?",
        "On 7 July 2015, Pakistan hosted",
    )


def test_a_follow_up_naming_a_month_is_led_by_the_sentence_stating_it(engine: Any, store: ConversationStore) -> None:
    # Read with its history, the turn finds the passage opening "But in January 2021, when
    # President Joe Biden took over …"; it names April 2021, which "Biden's decision, announced
    # on 14 April 2021, …" states.
    *_, decided = converse(
        engine,
        store,
        "What did President Donald Trump criticise Pakistan for in a 2017 South Asia policy address?",
        "What did he imply the U.S. might consider?",
        "When did he abruptly call off talks?",
        "What did President Biden decide about the war after those talks, in April 2021?",
    )
    assert not decided.abstained
    assert decided.answer[0].text.startswith("Biden's decision, announced on 14 April 2021")


def test_a_lead_dating_a_day_of_the_asked_month_without_its_year_keeps_the_lead(engine: Any) -> None:
    # Note 84 opens "At a 16 June congressional hearing, the U.S. defense secretary …" (its year
    # unwritten) before "The June 2021 UN sanctions monitoring team report said …": the day may
    # be of the asked year, so the note's own first sentence keeps the lead.
    answer_opening(
        engine,
        "What did the U.S. defense secretary warn about al-Qaeda in June 2021?",
        "At a 16 June congressional hearing",
    )
