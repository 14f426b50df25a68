"""An office asked as "the head of X", "X's head" or "Who heads X?" (service.relations; docs/tuning.md,
session 46): read as the office of X's head, stated by any noun of heading owned by X, and a
sentence naming its holder after the office's remit moves first."""

from __future__ import annotations

import numpy as np

from service.bm25 import terms_of
from service.relations import (
    UnitRelations,
    holder_asked,
    names_holder,
    office_of_verb,
    read_relation,
    states_relation,
    writes_office_unnamed,
)


def _states(question: str, *sentences: str) -> bool:
    return states_relation(read_relation(question), list(sentences), frozenset(), None)


def test_the_head_of_an_organisation_is_read_as_who_heads_it() -> None:
    assert (
        office_of_verb("Who is the head of Ruritania's main spy agency?") == "Who is Ruritania's main spy agency chief?"
    )
    assert (
        office_of_verb("Who was the head of the Zenda madrasa in 2011?") == "Who was the Zenda madrasa chief in 2011?"
    )
    spy = "Who is the head of Ruritania's main spy agency?"
    assert read_relation(spy).holder >= terms_of("Ruritania")
    assert _states(spy, "The director of Ruritania's main spy agency, Karim Dost, was in the capital.")
    # Another country's spy chief does not state it, as it did when "head of" asked for no office.
    assert not _states(
        "Who is the head of Freedonia's main spy agency?",
        "The director of Ruritania's main spy agency, Karim Dost, was in the capital.",
    )
    assert read_relation("Who is the director of the agency?").asked  # any noun of heading (session 47)


def test_head_is_an_office_noun_and_headed_is_no_title() -> None:
    asked = read_relation("Who is Ruritania's army head now?")
    assert asked.holder == terms_of("Ruritania") and asked.kind == terms_of("army") and asked.offices
    assert _states(
        "Who was Ruritania's first head?", "The group's first supreme leader, Karim Dost—fought in Ruritania."
    )
    assert not _states("Who was Ruritania's first head?", "The group's first supreme leader fought in Ruritania.")
    # "Who headed …?" with a clause after its object asks who led it, not for a head's title.
    assert not read_relation("Who headed the delegation that visited the capital?").asked


def test_an_organisation_named_by_an_office_is_headed_by_that_office_with_its_own_words() -> None:
    question = "Who is the head of Ruritania's foreign ministry?"
    assert _states(question, "Ruritania's foreign minister told parliament.")
    assert _states(question, "Foreign Minister Karim Dost spoke of Ruritania.")
    # Another office of the owner, or its head of another body, heads no foreign ministry.
    assert not _states(question, "Ruritania's new Prime Minister Karim Dost spoke.")
    assert not _states(question, "Karim Dost, who headed Ruritania's leadership council, spoke.")
    asked = holder_asked(
        "Who heads Ruritania's interior ministry?", read_relation("Who heads Ruritania's interior ministry?")
    )
    assert asked is not None and asked.kind == terms_of("interior")


def test_a_name_set_off_after_the_offices_remit_names_its_holder() -> None:
    question = "Who heads Ruritania's spy agency?"
    asked = holder_asked(question, read_relation(question))
    assert asked is not None
    assert names_holder(asked, "The director of Ruritania's main spy agency, Karim Dost, was in the capital.")
    assert not names_holder(asked, "The director of Freedonia's main spy agency, Karim Dost, was in the capital.")
    assert not writes_office_unnamed(
        asked, "The director of Ruritania's main spy agency, Karim Dost, was in the capital."
    )
    # A name after the remit that is no apposition names no one: "…, Karim Dost subsequently met …".
    forces = "Who was the head of Ruritanian forces in Zenda?"
    forces_asked = holder_asked(forces, read_relation(forces))
    assert forces_asked is not None
    sentence = "Accompanied by the commander of Ruritanian forces in Zenda, Karim Dost subsequently met the envoy."
    assert not names_holder(forces_asked, sentence)
    assert writes_office_unnamed(forces_asked, sentence)


def _unit_relations(*units: tuple[str, ...]) -> UnitRelations:
    return UnitRelations(lambda unit: list(units[unit]), lambda unit: "", lambda unit: None)


def test_the_unit_naming_the_head_after_its_remit_moves_first() -> None:
    relations = _unit_relations(
        ("Ruritania's spies were often in the news.",),
        ("The director of Ruritania's main spy agency, Karim Dost, was in the capital.",),
    )
    assert relations.said_first("Who heads Ruritania's spy agency?", np.arange(2)) == 1
    assert relations.said_first("Who heads Freedonia's spy agency?", np.arange(2)) == 0


def test_a_title_no_name_owns_does_not_move_first_for_another_owner() -> None:
    # "Foreign Minister Karim Dost" beside Freedonia's intelligence is no Freedonian foreign minister:
    # a title no name owns does not name the holder, even when the first result states nothing.
    relations = _unit_relations(
        ("New Prime Minister Ivan Petrov headed Ruritania's leadership council.",),
        ("The talks were held in the capital.",),
        ("On 14 November, Foreign Minister Karim Dost showed proof of Freedonian intelligence's plots.",),
    )
    assert relations.said_first("Who is Freedonia's foreign minister?", np.arange(3)) == 0


def test_head_after_an_auxiliary_is_the_verb() -> None:
    assert not read_relation("Which madrasa did Karim Dost head?").asked
    assert not read_relation("Which council did he head?").asked
    assert read_relation("Who replaced Karim Dost as head of the Zenda Authority?").offices


def test_a_name_set_off_after_a_head_is_not_the_body_it_heads() -> None:
    question = "Who heads the Zenda Counter Terrorism Authority?"
    note = "Crisis Group telephone interview, former head, Zenda Counter Terrorism Authority, October 2020."
    assert not _states(question, note)
    assert _states(
        "Who was the Zenda Authority's first head?", "Its first head, Karim Dost, was in the Zenda Authority."
    )
