"""An asked relation stated across a unit's sentences: two role nouns each in a window of its own,
and an asked year whose sentence names its person by a pronoun after the sentence naming him
(service.relations, `states_relation` and `UnitRelations.year_stated_lower`; docs/tuning.md,
session 44). Made-up units, no engine."""

from __future__ import annotations

import numpy as np

from service.relations import UnitRelations, read_relation, states_relation


def _unit_relations(*units: tuple[str, ...]) -> UnitRelations:
    """Relations over made-up units of one or more sentences, with no card and no year."""
    return UnitRelations(lambda unit: list(units[unit]), lambda unit: "", lambda unit: None)


_DEPUTY_AND_BROTHER = (
    "After the old leader's death, his successor Karim Dost appointed Ivan Petrov as one of his principal deputies.",
    "The Petrovs were now part of the top leadership.",
    "Any attempt at dialogue would of necessity include them.",
    "By 2021, Ivan Petrov's younger brother, Anton, had become a member of the negotiating team.",
)


def test_two_role_nouns_are_each_stated_by_a_window_of_their_own() -> None:
    sentences = list(_DEPUTY_AND_BROTHER)
    # The deputy is in the first sentence, the brother three sentences on: no window holds both.
    # (A report of 2021 states 2021 in every unit.)
    for question in (
        "Whose deputy was his older brother made?",
        "Ivan Petrov was made a principal deputy; what had his younger brother become by 2021?",
    ):
        assert states_relation(read_relation(question), sentences, frozenset(), 2021)
    # Each role noun must still be written: a son or a father the unit never names is unstated.
    for question in (
        "Ivan Petrov was made a principal deputy; which post did his son get?",
        "Whose deputy was his father made?",
    ):
        assert not states_relation(read_relation(question), sentences, frozenset(), None)
    # The question's years stand in each role noun's window: read in a report of no year, the
    # brother's window writes 2021 and the deputy's none.
    assert not states_relation(
        read_relation("Ivan Petrov was made a principal deputy; what had his younger brother become by 2021?"),
        sentences,
        frozenset(),
        None,
    )


def test_a_role_noun_and_an_office_stay_one_persons_relation() -> None:
    # "army chief before Bajwa": the office and "before" (whose forms hold "predecessor") are
    # one man's; the office in one window and "former" in another state nothing together.
    sentences = [
        "Ruritania's army chief Karim Dost met the envoy.",
        "The talks went on for a week.",
        "The ministry said nothing.",
        "A former minister complained.",
    ]
    assert not states_relation(
        read_relation("Who was Ruritania's army chief before Karim Dost?"), sentences, frozenset(), None
    )


def test_a_year_dated_after_the_sentence_naming_the_person_by_his_surname_moves_first() -> None:
    relations = _unit_relations(
        ("The director of Ruritania's main spy agency, Ivan Petrov, was in Zenda in early September.",),
        (
            "It is unclear whether he did indeed mediate.",
            "Petrov has mediated delicate disputes before, albeit at home.",
            "In 2017, he was involved in negotiations with religious hard-liners.",
        ),
    )
    units, scores = np.arange(2), np.array([1.0, 0.95])
    assert relations.year_stated_lower("What did Ivan Petrov do in 2017?", units, scores) == 1
    # The sentence before must name him: another man's surname there dates nothing of his.
    other = _unit_relations(
        ("The director of Ruritania's main spy agency, Ivan Petrov, was in Zenda in early September.",),
        ("Dost has mediated delicate disputes before.", "In 2017, he was involved in negotiations."),
    )
    assert other.year_stated_lower("What did Ivan Petrov do in 2017?", units, scores) == 0
    # Without a pronoun the dating sentence is about something else.
    unpointed = _unit_relations(
        ("The director of Ruritania's main spy agency, Ivan Petrov, was in Zenda in early September.",),
        ("Petrov has mediated delicate disputes before.", "In 2017, the talks were held in Zenda."),
    )
    assert unpointed.year_stated_lower("What did Ivan Petrov do in 2017?", units, scores) == 0
