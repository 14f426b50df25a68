"""A count whose noun the text writes in another word of the same things (service.answer_type,
`counted_kin`): "32 attacks" counts the raids asked, "five properties" the homes, "two factions"
the wings; a count of another thing near the asked words does not (docs/tuning.md, session 46).
The counted noun phrase ends before a preposition, and the asked relation (service.relations)
reads a count written as a list of what it counts."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import counted_kin, counted_words, counts_asked, states_count
from service.bm25 import terms_of
from service.relations import read_relation, states_relation


def _never_alike(counted: list[str], near: list[str]) -> bool:
    return False


@pytest.mark.parametrize(
    ("noun", "text"),
    [
        ("raids", "According to rebel data, it carried out 32 attacks in August alone."),
        ("strikes", "According to rebel data, it carried out 32 attacks in August alone."),
        ("bombings", "a sectarian group responsible for scores of attacks at home"),
        ("homes", "The late leader purchased around five properties in Bergen."),
        ("house", "The late leader purchased one property in Bergen."),
        ("wings", "madrasas run by two factions of the Nordic Union"),
        ("figures", "the council appointed two different network leaders to the cabinet"),
    ],
)
def test_a_count_written_by_a_word_of_the_nouns_family_counts_it(noun: str, text: str) -> None:
    assert states_count(text, terms_of(noun), noun, _never_alike)


@pytest.mark.parametrize(
    ("noun", "text"),
    [
        # Another thing near the asked words: no family joins them.
        ("soldiers", "According to rebel data, it carried out 32 attacks in August alone."),
        ("civilians", "a sectarian group responsible for scores of attacks at home"),
        ("accounts", "The late leader purchased around five properties in Bergen."),
        ("students", "madrasas run by two factions of the Nordic Union"),
        ("ministries", "the council appointed two different network leaders to the cabinet"),
        # A family is read by its words' forms, not their stems: bombs are no bombings.
        ("bombs", "According to rebel data, it carried out 32 attacks in August alone."),
        # Near-synonyms only: members are not the leaders among them.
        ("members", "the council appointed two different network leaders to the cabinet"),
    ],
)
def test_a_count_of_another_thing_does_not(noun: str, text: str) -> None:
    assert not states_count(text, terms_of(noun), noun, _never_alike)


def test_a_family_holds_each_words_singular_and_plural() -> None:
    assert {"property", "properties", "house", "homes", "residences"} <= counted_kin("Houses")
    assert {"ambush", "ambushes", "raids"} <= counted_kin("attack")
    assert counted_kin("vehicles") == frozenset()


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        # The counted phrase ends before a preposition: bombings, not Pakistan.
        ("How many bombings inside Pakistan was the group responsible for?", ("bombings",)),
        # A family's noun before "of" is counted however long the name after it.
        ("How many wings of the Nordic Union Party ran the madrasas?", ("wings",)),
        # "members of" still counts people of any kind.
        ("How many members of the network hold posts?", ()),
        ("How many raids did the group carry out in August?", ("raids",)),
    ],
)
def test_the_counted_noun_phrase(question: str, counted: tuple[str, ...]) -> None:
    assert counted_words(question) == counted


def test_a_participle_before_the_preposition_closes_the_counted_phrase() -> None:
    question = "Beyond those on the books, how many more Afghans living in Norway does Oslo want sent home?"
    assert counted_words(question) == ("afghans",)


def test_a_list_holding_the_asked_item_is_no_count_of_it() -> None:
    text = "The ministry lodged a protest with both Afghan and Indian diplomats in Oslo."
    assert not counts_asked("How many Indian diplomats did Norway expel in 2019?", text, _never_alike)
    assert counts_asked("How many diplomats did Norway summon?", text, _never_alike)
    asked = read_relation("How many Indian diplomats did Norway expel in 2019?")
    assert not states_relation(asked, [text + " It happened in 2019."], frozenset(), None)


def test_the_asked_relation_reads_a_count_written_as_a_list() -> None:
    asked = read_relation("How many command structures did the rebels rebuild out of their sanctuaries?")
    listed = ["The rebels' command structures – political and military – were reconstituted out of these."]
    assert states_relation(asked, listed, frozenset(), None)
    assert not states_relation(asked, ["The rebels' command structures were reconstituted."], frozenset(), None)


@pytest.mark.parametrize(
    "question",
    [
        "How many raids did the TTP carry out in August?",
        "How many homes did Mullah Akhtar Mansour buy in Karachi?",
    ],
)
def test_the_engine_answers_a_count_asked_in_another_word(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, question


@pytest.mark.parametrize(
    "question",
    [
        "How many civilians did Lashkar-e-Jhangvi kill inside Pakistan?",  # "scores of attacks"
        "How many raids did the TTP carry out in Sindh?",  # the count is of August, no place
    ],
)
def test_the_engine_abstains_on_a_count_of_another_thing(engine: Any, question: str) -> None:
    assert engine.ask(question).abstained, question


def test_a_count_asked_in_a_month_is_stated_only_in_a_window_writing_it() -> None:
    asked = read_relation("How many raids did the rebels carry out in July?")
    assert asked.months == frozenset({7})
    assert not states_relation(asked, ["It carried out 32 attacks in August alone."], frozenset(), None)
    assert states_relation(asked, ["It carried out 32 attacks in July alone."], frozenset(), None)
    # An abbreviated month is the month: "Sept. 7".
    sept = read_relation("How many arrests were made at the protests in Bergen on Sept. 7?")
    assert sept.months == frozenset({9})
    arrests = ["Police made 40 arrests at the protests in Bergen on September 7."]
    assert states_relation(sept, arrests, frozenset(), None)
    # Only a count's months are read.
    assert read_relation("Why did the rebels attack in July 2020?").months == frozenset()
