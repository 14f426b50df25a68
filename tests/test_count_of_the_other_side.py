"""A count of the armed is no count of civilians, nor the reverse: the model reads "civilians"
alike "personnel" (0.64) and "paramilitary" (0.52), but "How many civilians did the attack on
Sept. 5 kill?" is not answered by "… killed three Pakistani paramilitary forces"
(service.answer_type.states_count, `_of_the_other_side`; docs/tuning.md, session 39). Read on
the rule alone and on the real engine over the session index."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import counts_asked, states_count
from service.bm25 import terms_of
from tests.support.withdrawals import stands_leading_with


def _always_alike(counted: list[str], near: list[str]) -> bool:
    return True


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("An attack on Sept. 5 killed three Pakistani paramilitary forces.", False),
        ("Attacks killed more than a dozen security personnel in May, mainly soldiers.", False),
        ("Two cross-border attacks killed four soldiers.", False),
        # The asked noun itself, or another count of people, still counts.
        ("The attack killed four civilians and two soldiers.", True),
        ("The bombing killed dozens of villagers.", True),
    ],
)
def test_a_count_of_the_armed_counts_no_civilians(text: str, counts: bool) -> None:
    assert states_count(text, terms_of("civilians"), "civilians", _always_alike) is counts


def test_a_count_of_civilians_counts_no_soldiers() -> None:
    assert not states_count("The strike killed twelve civilians.", terms_of("troops"), "troops", _always_alike)


def test_a_count_of_one_armed_body_is_read_alike_another() -> None:
    """Soldiers and police officers are both of the armed: "a dozen security personnel" is read
    by the model as before (dev d1623)."""
    assert counts_asked(
        "How many soldiers and police officers did militant attacks kill in May 2021?",
        "TTP attacks killed more than a dozen security personnel in May 2021, mainly soldiers.",
        _always_alike,
    )


@pytest.mark.parametrize(
    "question",
    [
        "How many civilians did the attack on Sept. 5 kill?",
        "How many civilians did TTP attacks kill in May 2021?",
    ],
)
def test_the_engine_abstains_on_a_count_of_the_other_side(engine: Any, question: str) -> None:
    """Dev `d2873`, `d2874`: answered on main's code. Now no unit states the asked relation (a
    count of civilians killed: service.relations reads it with the same `states_count`), a
    feature of the calibrated abstention, and the engine abstains before any verdict."""
    answer = engine.ask(question)
    assert answer.abstained and not answer.sentences


def test_the_engine_still_answers_a_count_of_the_armed_read_alike(engine: Any) -> None:
    question = "How many soldiers and police officers did militant attacks kill in May 2021?"
    stands_leading_with(engine, question, "a dozen security personnel")
