"""The answer's lead says something on its own: a sentence that asks ("What's new?", a summary
box's inline heading) is never quoted, and one whose meaning is in the sentence before it ("It is
in Pakistan's interest to do so.") is quoted after that sentence (docs/tuning.md, "Leads that
ask, or lean on the sentence before")."""

from __future__ import annotations

from typing import Any

import pytest

from service.sentences import is_question, leans_on_previous


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("What's new?", True),
        ("Why does it matter?", True),
        ('He asked: "Who will pay for it?"', True),
        ("Pakistan retains influence with and leverage over the Taliban.", False),
        ('"Why does Pakistan releasing a key Taliban leader matter?", The Diplomat, 2018.', False),
    ],
)
def test_a_sentence_asks_when_it_ends_on_a_question_mark(text: str, asks: bool) -> None:
    assert is_question(text) is asks


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("It is in Pakistan's interest to do so.", True),
        ("Until they begin to do so, a genuine negotiation cannot take place.", True),
        ("Having done so, it withdrew.", True),
        ("That influence has far from dissipated, however, since the shura still operates there.", False),
        ("So the talks resumed.", False),
    ],
)
def test_a_sentence_leans_on_the_one_before_when_a_verb_stands_for_it(text: str, leans: bool) -> None:
    assert leans_on_previous(text) is leans


QUESTIONS = [
    "What should be done?",
    "Why does it matter?",
    "What's new?",
    "What does Crisis Group recommend that Pakistan do?",
    "What must the Taliban's leaders do before a genuine negotiation can take place?",
    "What is the FATF grey list?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_quoted_sentence_asks_and_a_leaning_lead_follows_what_it_leans_on(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    quoted = answer.sentences
    assert not any(is_question(s.text) for s in quoted)
    if not quoted:
        return
    lead = quoted[0]
    unit = engine.unit(lead.unit_id)
    before = [s for s in engine._sources.sentences.spans_of(engine._by_id[unit.id]) if s[1] <= lead.span[0]]
    # A lead that leans on the sentence before it is quoted only when its unit has none before it.
    assert not (leans_on_previous(lead.text) and before)
