"""An office asked as "the director/leader/chief/commander of X" (service.relations; docs/tuning.md,
session 47): read as "the head of X" is, X's name may hold "of" ("the Joint Chiefs of Staff"), and
an office written as a body's name or as the title of the asked office's owner is not the asked
office."""

from __future__ import annotations

import pytest

from service.bm25 import terms_of
from service.relations import holder_asked, office_of_verb, read_relation, states_relation, writes_office_unnamed


def _states(question: str, *sentences: str) -> bool:
    return states_relation(read_relation(question), list(sentences), frozenset(), None)


@pytest.mark.parametrize("noun", ["director", "leader", "chief", "commander", "chairman"])
def test_any_noun_of_heading_is_read_as_the_head_of(noun: str) -> None:
    question = f"Who is the {noun} of Ruritania's main spy agency?"
    assert office_of_verb(question) == "Who is Ruritania's main spy agency chief?"
    assert _states(question, "The director of Ruritania's main spy agency, Karim Dost, was in the capital.")
    # Another country's director does not state it: before, "director of" asked for no office at all.
    assert not _states(
        f"Who is the {noun} of Freedonia's main spy agency?",
        "The director of Ruritania's main spy agency, Karim Dost, was in the capital.",
    )


def test_a_body_whose_name_holds_of_is_read_whole() -> None:
    question = "Who was the leader of the Zenda Council of Elders in 2011?"
    assert office_of_verb(question) == "Who was the Zenda Council of Elders chief in 2011?"
    assert read_relation(question).holder >= terms_of("Zenda Council Elders")
    assert office_of_verb("Who chaired the Zenda Council of Elders?") == "Who was the Zenda Council of Elders chief?"
    # After a lowercase word "of" names an owner or a remit: not read as one body.
    assert office_of_verb("Who is the head of the army of Ruritania?") is None


def test_a_plural_office_in_a_body_name_is_no_asked_office() -> None:
    question = "Who was the chairman of the Joint Chiefs of Zenda in June 2021?"
    asked = holder_asked(question, read_relation(question))
    assert asked is not None and not asked.kind  # "Chiefs" gives the office no own words ("of Zenda")
    unnamed = "At a 16 June hearing, the defense secretary and the chairman of the Joint Chiefs of Zenda both warned."
    named = "In 2011, Admiral Karim Dost, then chairman of the Joint Chiefs of Zenda, called the network an arm."
    assert writes_office_unnamed(asked, unnamed)
    assert not writes_office_unnamed(asked, named)


def test_a_title_before_a_possessive_name_is_the_owners() -> None:
    asked = read_relation("Who was Prime Minister Dost's national security adviser?")
    assert asked.offices == read_relation("Who was Dost's national security adviser?").offices
    assert terms_of("Dost") <= asked.holder and asked.kind == terms_of("national security")
    # A title asked as the office itself is still the asked office.
    assert read_relation("Who is Ruritania's Foreign Minister?").offices >= terms_of("minister")
