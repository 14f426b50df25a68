"""A country, people or body asked as an owner and left out of the answer, another one written in
its place (service.name_forms, the verdict "another-name"; docs/retrieval.md, "Abstention")."""

from __future__ import annotations

from typing import Any

import pytest

from service.name_forms import NAMES, another_name, asked_owners, keys_in, names_in
from service.verdict import ABSTAIN_REASONS
from tests.support.withdrawals import stands_leading_with

ENVOY = "On 3 October, U.S. envoy Khalilzad, also in Islamabad, met the Taliban delegation."
PRESSURE = (
    "After the September 2001 terror attacks in the U.S., pressure from Washington prompted Pakistan's "
    "military ruler President Pervez Musharraf formally to sever ties with the Taliban."
)
PARTNER = "China, Pakistan's closest foreign partner, also probably prefers that Islamabad work for a stable outcome."
VISIT = (
    "At a news briefing on 17 January, concluding his visit to Washington, Foreign Minister Shah Mahmood "
    'Qureshi said he had told Secretary of State Mike Pompeo: "We fulfilled our promise."'
)


def test_a_name_is_read_in_each_of_its_forms() -> None:
    keys = [n.key for n in names_in("U.S. and American troops, the United States, the Americans and Washington")]
    assert keys == ["United States"] * 5
    assert [n.key for n in names_in("Pakistani and Afghan officials in Islamabad and Kabul")] == [
        "Pakistan",
        "Afghanistan",
        "Pakistan",
        "Afghanistan",
    ]
    # A capital opening another name, the pronoun and a longer abbreviation are not the country.
    assert names_in("The Washington Post told us") == []
    assert [n.key for n in names_in("the U.S.S.R. and the U.N.")] == ["Soviet Union", "United Nations"]
    # The table is English's, not the corpus's: countries no report here names are in it.
    assert {"Peru", "Norway", "Vietnam"} <= {n.key for n in NAMES}


def test_a_form_that_is_also_a_person_s_name_is_read_only_as_an_owner() -> None:
    assert keys_in("Jordan's envoy met Georgia officials") == {"Jordan", "Georgia"}
    for text in ("Michael Jordan's envoy", "Chad Smith said so", "a visit to Santiago.", "Sofia Coppola spoke"):
        assert keys_in(text) == frozenset(), text
    assert keys_in("the Jordanian and Chadian envoys") == {"Jordan", "Chad"}  # a demonym is a demonym


def test_an_owner_is_the_name_before_the_asked_word_or_after_from_or_of_never_a_place() -> None:
    assert asked_owners("Who is the Indian envoy for Afghanistan?") == [("India", frozenset({"envoy"}))]
    assert ("Russia", frozenset({"pressur", "prompt"})) in asked_owners("What did pressure from Moscow prompt?")
    assert asked_owners("Who held talks in Pakistan on 3 October 2019?") == []


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Which Chinese envoy met the Taliban delegation in Islamabad in October 2019?", ENVOY),
        ("What did pressure from Moscow prompt Pakistan's military ruler to do?", PRESSURE),
        ("Who is India's closest foreign partner?", PARTNER),
    ],
)
def test_another_name_in_the_asked_one_s_place_withdraws(question: str, lead: str) -> None:
    assert another_name(question, lead, [lead])


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The asked name written in another form: a demonym or a capital for the country.
        ("Which American envoy met the Taliban delegation in Islamabad in October 2019?", ENVOY),
        ("What did pressure from the United States prompt Pakistan's military ruler to do?", PRESSURE),
        ("Who is Pakistan's closest foreign partner?", PARTNER),
        # Another country written as a place, not as the owner: "his visit to Washington".
        ("What did Pakistan's foreign minister say he had told Mike Pompeo after his visit?", VISIT),
    ],
)
def test_the_asked_name_in_another_form_or_another_name_as_a_place_stands(question: str, lead: str) -> None:
    assert not another_name(question, lead, [lead])


def test_another_name_in_the_sentence_s_opening_circumstance_stands() -> None:
    # "the Doha summit" says where the minister spoke, not whose minister he is; the same name
    # beside the office word stands in the asked one's place.
    question = "What did Pakistan's foreign minister say about being guarantors?"
    summit = (
        "In an interview on the sidelines of the February Doha summit, Foreign Minister Qureshi said: "
        '"We cannot be guarantors, we have only been facilitators".'
    )
    assert not another_name(question, summit, [summit])
    qatari = 'In an interview in February, Qatari Foreign Minister Al Thani said: "We cannot be guarantors".'
    assert another_name(question, qatari, [qatari])


def test_the_asked_name_written_in_another_quoted_sentence_stands() -> None:
    question = "Which Chinese envoy met the Taliban delegation in Islamabad in October 2019?"
    assert not another_name(question, ENVOY, [ENVOY, "Chinese representatives were also present."])


def test_another_name_is_an_abstain_reason() -> None:
    assert "another-name" in ABSTAIN_REASONS


def test_the_engine_withdraws_an_answer_stating_it_of_another_country(engine: Any) -> None:
    # Led by "… pressure from Washington prompted Pakistan's military ruler …": Beijing is
    # written in no quoted sentence, and Washington stands where it is asked.
    answer = engine.ask("What did pressure from Beijing prompt Pakistan's military ruler to do?")
    assert answer.abstained and answer.abstain_reason == "another-name"
    # Asked of the country the corpus writes, in another form, it stands.
    stands_leading_with(
        engine,
        "What did pressure from the United States prompt Pakistan's military ruler to do?",
        "sever ties with the Taliban",
    )
