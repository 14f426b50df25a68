"""A follow-up's "it" after a question asking for a thing by its kind ("Which donor …?",
"Which faction …?") is the thing the last answer's lead names as the answer, which the history's
words cannot give: the ranking reads it beside the pronoun (service.antecedents.resolve_answered).
See docs/tuning.md, session 40, "Follow-ups pointing at what the last answer named"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from service.antecedents import answered_thing, asks_by_kind, ranking_reading, resolve_answered

from .support.conversing import last_reply

PLEDGE = "Which donor made the largest pledge in November 2020?"
EU_LEAD = (
    "The European Union (EU) made the largest pledge at $1.4 billion but tied it to a peace settlement "
    "based on republican and democratic principles."
)


@pytest.mark.parametrize(
    ("question", "by_kind"),
    [
        (PLEDGE, True),
        ("Which new Pakistani structure did the Taliban spokesman criticise?", True),
        ("Which faction of the Taliban matters most to Pakistan?", True),
        ("What kind of attacks has it carried out?", True),
        # Controls: several things asked for, a copula or an auxiliary, "What else", no kind.
        ("Which countries recognised the Taliban government in the 1990s?", False),
        ("Which is the largest faction?", False),
        ("What did the EU pledge?", False),
        ("What else did he say?", False),
        ("Who made the largest pledge?", False),
    ],
)
def test_a_question_asks_for_one_thing_by_its_kind(question: str, by_kind: bool) -> None:
    assert asks_by_kind(question) is by_kind


def test_the_thing_answered_is_a_name_beside_the_question_words_it_does_not_write() -> None:
    assert answered_thing(PLEDGE, EU_LEAD) == "European Union"
    # One capitalised word is a name after "the", read with its noun; alone it may be an adjective.
    network = "Of particular importance to Pakistan is the Haqqani network, the Taliban's strongest faction."
    assert answered_thing("Which faction of the Taliban matters most to Pakistan?", network) == "Haqqani network"
    partners = "Pakistan's preferred Afghan partners first included a faction."
    assert answered_thing("Which faction did Pakistan first back?", partners) is None
    # A name the question writes, or one standing beside none of its words, is not the answer.
    assert answered_thing(PLEDGE, "The talks in Doha stalled.") is None


@pytest.mark.parametrize(
    ("question", "history", "said", "read"),
    [
        (
            "What would it do if the Taliban seized power by force?",
            [PLEDGE],
            [EU_LEAD],
            "What would it, European Union, do if the Taliban seized power by force?",
        ),
        ("What are its conditions?", [PLEDGE], [EU_LEAD], "What are its, European Union's, conditions?"),
        # Controls: no lead, a question asking no kind, a question pointing by "it" itself.
        ("What would it do?", [PLEDGE], [], "What would it do?"),
        ("What would it do?", ["What did the donors pledge?"], [EU_LEAD], "What would it do?"),
        ("Is it involved in crime too?", ["What kind of attacks has it carried out?"], [EU_LEAD], None),
    ],
)
def test_it_is_read_beside_the_thing_the_last_answer_named(
    question: str, history: list[str], said: list[str], read: str | None
) -> None:
    assert resolve_answered(question, history, said) == (read or question)
    assert ranking_reading(question, history, said) == (read or question)


@pytest.mark.parametrize(
    ("turns", "gold", "within"),
    [
        # dev d3632b: "it" is the Haqqani network; read as nothing, "carried out … attacks" ranked
        # the TTP passage first and the network's sentence was quoted third.
        (
            ("Which faction of the Taliban matters most to Pakistan?", "What kind of attacks has it carried out?"),
            "some of the most sophisticated and biggest mass casualty attacks",
            1,
        ),
        # dev d3849: "it" is the EU; read as nothing, the answer quoted other passages on a takeover.
        (
            (PLEDGE, "What would it do if the Taliban seized power by force?"),
            "would shun the new regime",
            3,
        ),
    ],
)
def test_a_follow_up_pointing_at_the_thing_answered_is_answered_about_it(
    engine: Any, turns: Sequence[str], gold: str, within: int
) -> None:
    reply = last_reply(engine, turns)
    assert not reply.abstained
    assert any(gold in sentence for sentence in reply.answer[:within])
