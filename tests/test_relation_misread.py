"""Words that look like a relational word and ask for none: "found", the past of "find", and a kin
noun owned by a possessive pronoun standing for a person the question asks something else of
(service.relations, `relational_terms`; docs/tuning.md, session 42)."""

from __future__ import annotations

import pytest

from service.bm25 import terms_of
from service.relations import read_relation, relational_terms, states_relation


def _states(question: str, *sentences: str) -> bool:
    return states_relation(read_relation(question), list(sentences), frozenset(), None)


def _relations(question: str) -> set[str]:
    return set().union(*read_relation(question).relations)


@pytest.mark.parametrize(
    "question",
    [
        "Where have the rebels of Ruritania found refuge?",
        "What did Elbonian detainees say they had found Ruritania to be?",
    ],
)
def test_found_as_the_past_of_find_asks_no_founding(question: str) -> None:
    assert not _relations(question) & terms_of("founded")
    assert "found" not in relational_terms(question)


@pytest.mark.parametrize("question", ["Who founded the Ruritanian Front?", "When was the Front founded?"])
def test_founded_still_asks_the_founding(question: str) -> None:
    assert terms_of("founded") <= _relations(question)


@pytest.mark.parametrize(
    ("question", "kin"),
    [
        ("Olaf Berg became interior minister; which ministry did his uncle get?", "uncle"),
        ("What ties the Ruritanian rebels to their Elbonian brothers?", "brothers"),
        ("What had his younger brother become by 2021?", "brother"),
        ("Whose deputy was his older brother made?", "brother"),
        ("What did Olaf Berg say about his father's death?", "father"),
    ],
)
def test_a_kin_noun_owned_by_a_pronoun_stands_for_a_person(question: str, kin: str) -> None:
    """The question asks something else of the relative: the kin noun is no relation asked."""
    assert not _relations(question) & terms_of(kin)


@pytest.mark.parametrize(
    ("question", "kin"),
    [
        ("Who is his brother?", "brother"),
        ("And his uncle?", "uncle"),
        ("What about his younger brother?", "brother"),
        ("What is his wife called?", "wife"),
        ("What is the name of his son?", "son"),
        ("Who is Olaf Berg's uncle?", "uncle"),
        ("Who did Olaf Berg's brother marry?", "brother"),
    ],
)
def test_a_kin_noun_asked_for_or_named_by_its_owner_is_still_the_relation(question: str, kin: str) -> None:
    assert terms_of(kin) <= _relations(question)


def test_a_question_asking_no_relation_is_stated_by_any_window() -> None:
    """With "found" read as "find", the answering sentence need not write a founding."""
    question = "Where have the rebels of Ruritania found refuge?"
    sentence = "The rebels of Ruritania have long sheltered in Elbonia."
    assert _states(question, sentence)
    assert not _states("When were the rebels of Ruritania founded?", sentence)


def test_the_other_relations_of_the_question_are_still_read() -> None:
    """ "Whose deputy was his older brother made?" still asks a deputy, stated only by a window writing one."""
    question = "Whose deputy was his older brother made?"
    assert _states(question, "Olaf Berg appointed Sven Berg as one of his principal deputies.")
    assert not _states(question, "Sven Berg, Olaf Berg's older brother, joined the negotiating team.")
