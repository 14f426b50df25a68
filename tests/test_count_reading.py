"""The one reading of whether a text states a count of a counted thing
(service.answer_type.states_count), shared by the verdict's count rule and the asked relation:
a number, no year and no share, with a counted word within COUNT_REACH words after it, else a
word the model reads alike the counted noun (on the real engine's lexicon)."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import COUNT_REACH, states_count
from service.bm25 import terms_of


def _never_alike(counted: list[str], near: list[str]) -> bool:
    return False


@pytest.mark.parametrize(
    ("text", "counted", "counts"),
    [
        # Within reach: the counted word among the five words from the number on.
        ("The U.S. had some 2,500 to 3,500 troops left in Afghanistan.", "troops", True),
        ("Hundreds of thousands of Afghans could again seek shelter.", "Afghans", True),
        ("Militant attacks have killed scores of security personnel in 2021.", "personnel", True),
        # Beyond reach: "U.S." is one word; "troops" is the seventh after the number.
        ("It kept 3,500 of the remaining U.S. and allied troops.", "troops", False),
        # A year is no count, nor is a share of the thing.
        ("The TTP, formed in 2007 from various militant factions, regrouped.", "factions", False),
        ("Some 80 per cent of refugees live in camps.", "refugees", False),
        ("Some 80% of refugees live in camps.", "refugees", False),
        # A unit glued to the number is the first word after it.
        ("Afghan leaders refused to recognise the 2,430km line.", "km", True),
        # ... and a unit's abbreviation is the word a question asks for ("How many kilometres …?"),
        # but not "m", millions as often as metres.
        ("Afghan leaders refused to recognise the 2,430km line.", "kilometres", True),
        ("The 300 mi corridor runs north.", "miles", True),
        ("Donors pledged $12m for the corridor.", "metres", False),
        ("In a proposed four-point plan, Qureshi called on outside powers.", "points", True),
    ],
)
def test_a_number_counts_the_word_within_reach(text: str, counted: str, counts: bool) -> None:
    assert states_count(text, terms_of(counted), counted, _never_alike) is counts


def test_the_reach_is_five_words() -> None:
    assert COUNT_REACH == 5
    assert states_count("32 large and very frequent attacks", terms_of("attacks"), "attacks", None)
    assert not states_count("32 large, very frequent and deadly attacks", terms_of("attacks"), "attacks", None)


def test_the_question_s_own_numbers_are_given_not_stated() -> None:
    text = "Two senior Taliban leaders died in custody."
    assert states_count(text, terms_of("leaders"), "leaders", None)
    assert not states_count(text, terms_of("leaders"), "leaders", None, given={"two"})


def test_the_model_reads_the_counted_noun_alike_when_no_counted_word_is_written(engine: Any) -> None:
    """ "32 attacks" counts the assaults asked, by the lexicon at COUNTED_NOUN_COSINE; without
    the model, or with a number of something unlike it ("three weeks"), it does not."""
    alike = engine.lexicon.counts_alike
    text = "According to TTP data, it carried out 32 attacks in August alone."
    assert states_count(text, terms_of("assaults"), "assaults", alike)
    # (since session 46 "assaults" is of the attacks' family, read without the model too:
    # tests/test_counted_noun_family.py); a noun of no family is read only by the model
    lost = "Pakistan's assistance helped sustain them, even as they lost thousands of foot soldiers."
    assert states_count(lost, terms_of("combatants"), "combatants", alike)
    assert not states_count(lost, terms_of("combatants"), "combatants", None)
    assert not states_count("The sit-in lasted three weeks.", terms_of("assaults"), "assaults", alike)
    # Only the words within reach of a number are read alike: none, without a number.
    assert not states_count("The TTP carried out attacks in August.", terms_of("assaults"), "assaults", alike)
