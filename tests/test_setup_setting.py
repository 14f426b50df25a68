"""A set-up's hand-off (`lead._sets_up`) needs a word the user asked by: a name a follow-up's
pronoun was read as, or the one word of a premise the question embeds ("Why was … talks
aborted?", "… after the October 2001 invasion that followed the terror attacks?"), that the next sentence names again
hands nothing over, and the lead that answers keeps its place. Two words, or a premise stated in a
clause of its own, still hand over (docs/tuning.md, session 39, "A set-up's hand-off by a
borrowed name or the question's setting")."""

from __future__ import annotations

from typing import Any

import pytest

from service.evaluate.questions import contains_gold

LEAD_KEPT = [
    (
        "Why was the second round of the Murree talks aborted?",
        "disclosed that Taliban leader Mullah Omar had died two years earlier",
    ),
    (
        "What did Pakistan provide the Taliban's top leaders after the October 2001 invasion that followed the "
        "terror attacks?",
        "Pakistan provided shelter to their rahbari shura",
    ),
    (
        "What would happen if Pakistan tried to forcibly keep out a new influx of Afghans?",
        "it would anger anti-Taliban Afghan factions",
    ),
]

HANDED_OVER = [
    (
        "Why did the Taliban refuse to attend the proposed April meeting in Turkey?",
        "Angered that the U.S. had reneged on the 1 May pullout date",
    ),
    (
        "Before their group was founded, TTP commanders fought beside the Taliban; how has the TTP helped "
        "the Taliban's war since then?",
        "sent fighters to Afghanistan from Pakistan",
    ),
]


@pytest.mark.parametrize(("question", "gold"), LEAD_KEPT)
def test_one_word_of_an_embedded_premise_hands_nothing_over(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences
    assert contains_gold(answer.sentences[0].text, (gold,))


@pytest.mark.parametrize(("question", "gold"), HANDED_OVER)
def test_two_words_or_a_stated_premise_still_hand_over(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences
    assert contains_gold(answer.sentences[0].text, (gold,))


def test_a_follow_ups_borrowed_name_hands_nothing_over(engine: Any) -> None:
    first = "Where was Faiz Hameed in early September?"
    answer = engine.ask("What did the Taliban announce a few days after his arrival?", history=[first])
    assert answer.sentences
    assert contains_gold(answer.sentences[0].text, ("the Taliban announced their new interim government",))
