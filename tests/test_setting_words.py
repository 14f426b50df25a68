"""A lead holding most of the question's words keeps the lead when the sentence after it adds only
a word the question writes in a phrase setting its scene ("even with its havens", "in Kabul",
"during Khalilzad's talks"): the set-up hand-off (service.lead._sets_up) reads such a word as
the scene, not as what is asked (docs/tuning.md, session 54)."""

from __future__ import annotations

from typing import Any

import pytest

from service.evaluate.questions import contains_gold
from service.lead import setting_terms

from .support.answers import quoted_texts

SETTINGS = [
    ("Why has Pakistan's clout with the insurgents declined, even with its havens?", {"haven"}),
    ("After Faiz Hameed arrived in Kabul what did the Taliban announce?", {"hame", "kabul"}),
    ("Why did the U.S. keep Pakistan's military leadership in the loop during Khalilzad's talks?", {"khalilzad"}),
]

# Words that open what is asked, not its scene: "about", "of", "to" and a clause's own verb.
NOT_SETTINGS = [
    (
        "What did Zalmay Khalilzad tell the Senate Foreign Relations Committee about Pakistan's responsibility?",
        "respons",
    ),
    ("What kind of fighters make up the Haqqani network?", "fighter"),
    ("What would Islamabad's failure to win the Taliban over to a negotiated settlement do to its ties?", "tie"),
    ("Which faction of the Taliban is of particular importance to Pakistan?", "faction"),
]

LEAD_KEPT = [
    # §I.5: "That influence has far from dissipated, however, since the Taliban shura … still
    # operates out of Pakistani havens." adds only "havens" (dev d5580: quoted first on main).
    (
        "Why has Pakistan's clout with the insurgents declined, even with its havens?",
        "has declined as they continue to make military gains",
    ),
    # The article's paragraph 24: "Hameed has mediated …" adds only the name the "After …" clause
    # writes (dev d4173).
    (
        "After Faiz Hameed arrived in Kabul what did the Taliban announce?",
        "the Taliban announced their new interim government",
    ),
]

HANDED_OVER = [
    # Which of two came first is asked by "before or after": the next sentence holds the other
    # side and keeps the lead (dev d2815).
    (
        "Did the Taliban announce their interim government before or after Hameed arrived in Kabul?",
        "just a few days after his arrival in Kabul",
    ),
    # "allow" and "insurgents" are what is asked, not a scene (dev d3910).
    (
        "After the October 2001 U.S.-led invasion ousted the Taliban's regime, what did their sanctuaries in "
        "Pakistan allow the insurgents to do?",
        "which allowed the insurgents to recruit, raise money",
    ),
]


@pytest.mark.parametrize(("question", "terms"), SETTINGS)
def test_a_word_written_only_after_a_preposition_of_place_or_time_sets_the_scene(
    question: str, terms: set[str]
) -> None:
    assert terms <= setting_terms(question)


@pytest.mark.parametrize(("question", "term"), NOT_SETTINGS)
def test_a_word_opened_by_about_of_or_to_is_what_is_asked(question: str, term: str) -> None:
    assert term not in setting_terms(question)


@pytest.mark.parametrize(("question", "gold"), LEAD_KEPT)
def test_a_next_sentence_adding_only_a_scene_word_does_not_take_the_lead(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert contains_gold(quoted_texts(answer)[0], (gold,))


@pytest.mark.parametrize(("question", "gold"), HANDED_OVER)
def test_a_next_sentence_adding_what_is_asked_still_takes_the_lead(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert contains_gold(quoted_texts(answer)[0], (gold,))
