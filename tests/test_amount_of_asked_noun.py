"""An amount asked of a noun is answered by an amount of that noun: "How much territory …?" by a
number of territory or of a unit measuring it, not by "two different … leaders"; and a count's
noun is read alike by the model only within the number's own noun phrase ("$12 billion in
civilian assistance" counts no troops). service.answer_type.states_amount_asked and
states_count; read on the rules alone and on the real engine over the session index."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import amount_noun, states_amount_asked, states_count
from service.bm25 import terms_of
from tests.support.withdrawals import withdrawn_for


def _never_alike(counted: list[str], near: list[str]) -> bool:
    return False


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("How much territory did the Haqqani network control in 2020?", "territory"),
        ("How much wheat did India send to Afghanistan in 2022?", "wheat"),
        ("How much more territory did the Taliban hold in August?", "territory"),
        # A share, a sum of money, no noun before the verb, an amount of time: no noun read.
        ("How much of the border had been fenced by December 2020?", None),
        ("How much aid did Pakistan give the Taliban during the war?", None),
        ("How much did the border fence cost?", None),
        ("How much is at stake for Pakistan in a stable Afghanistan?", None),
        ("How much time did Baradar spend in prison?", None),
        ("How many troops did NATO pledge?", None),
    ],
)
def test_the_noun_of_the_amount_is_read_before_the_verb(question: str, noun: str | None) -> None:
    assert amount_noun(question) == noun


@pytest.mark.parametrize(
    ("text", "states"),
    [
        # A count of something else is no amount of territory.
        ("The Taliban appointed two different network leaders to their caretaker government.", False),
        # The noun itself, or a unit that measures an area, after the number.
        ("By then the network held some 4,000 square kilometres in the east.", True),
        ("The network controlled about 1,500 sq km of the border districts.", True),
        ("The network controlled three districts' worth of territory.", True),
        # A length is no area.
        ("The border runs 2,430km through the mountains.", False),
    ],
)
def test_an_amount_of_territory_is_one_of_territory_or_an_area(text: str, states: bool) -> None:
    question = "How much territory did the network control in 2020?"
    assert states_amount_asked(question, text, _never_alike) is states


def test_another_question_is_not_read() -> None:
    assert states_amount_asked("When did the network take the district?", "It took two towns.", _never_alike)


def test_the_model_reads_only_the_numbers_own_noun_phrase() -> None:
    """ "civilian" comes after the number, but in another phrase ("in civilian assistance"): the
    number counts billions, and the model is not asked whether troops are alike civilians."""
    text = "In November 2020, donors pledged $12 billion in civilian assistance for Afghanistan."

    def civilian_alike_troops(counted: list[str], near: list[str]) -> bool:
        return "civilian" in near

    assert not states_count(text, terms_of("troops"), "troops", civilian_alike_troops)
    # Within its own phrase the counted noun is read alike as before.
    assert states_count(
        "According to TTP data, it carried out 32 attacks in August alone.",
        terms_of("assaults"),
        "assaults",
        lambda counted, near: "attacks" in near,
    )


def test_a_count_of_leaders_does_not_answer_how_much_territory(engine: Any) -> None:
    assert "not-in-kind" in withdrawn_for(engine, "How much territory did the Haqqani network control in 2020?")


def test_billions_of_assistance_do_not_answer_how_many_troops(engine: Any) -> None:
    answer = engine.ask("How many troops did donors pledge for Afghanistan in November 2020?")
    assert answer.abstained and not answer.sentences
