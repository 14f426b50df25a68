"""An office of a body written with lowercase words ("the Afghan army"), a body set off before
"led by", and an answer naming another body's head (service.relations, service.verdict;
docs/tuning.md, session 48)."""

from __future__ import annotations

import pytest

from service.bm25 import terms_of
from service.relations import (
    holder_asked,
    names_another_holder,
    names_holder,
    office_asked,
    read_relation,
    states_relation,
)
from service.verdict import _names_another_holder


def _states(question: str, *sentences: str) -> bool:
    return states_relation(read_relation(question), list(sentences), frozenset(), None)


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("Who is the commander of the Zembish army?", "army"),
        ("Who heads Ruritania's army?", "army"),
        ("Who heads the Vigil's negotiating team?", "negotiating"),
        ("Who heads the Vigil's ulema council?", "ulema"),
        ("Who is the head of Ruritania's main spy agency?", "main spy"),
        ("Who heads Zembla's Vigil agency?", ""),  # a name of its own: "Vigil chief Ivo Kral"
        ("Who heads the Vigil?", ""),
    ],
)
def test_a_body_named_by_lowercase_words_after_its_owner_keeps_them(question: str, body: str) -> None:
    assert read_relation(question).body == terms_of(body)


def test_another_body_of_the_same_owner_does_not_state_the_asked_one() -> None:
    window = "Dost and chief Zembish peace envoy Ivo Kral met, and then Ruritania's army chief Karim Dost."
    # Before, any heading noun beside "Zembish" stated it: "chief Zembish peace envoy".
    assert not _states("Who is the commander of the Zembish army?", window)
    assert _states("Who leads the Zembish peace team?", window)
    assert _states("Who is the commander of the Zembish army?", "The Zembish army chief Ivo Kral spoke.")


def test_a_body_word_is_read_after_the_office_too() -> None:
    # "chief negotiator" heads the negotiating team; a verb's object writes the body after it.
    assert _states("Who heads the Vigil's negotiating team?", "The Vigil's chief negotiator Ivo Kral travelled.")
    assert _states("Who headed the Vigil's leadership council?", "Ivo Kral, who headed the Vigil's leadership council.")
    assert not _states("Who heads the Vigil's ulema council?", "Ivo Kral, who headed the Vigil's leadership council.")


def test_the_holder_move_reads_the_body_word_after_the_office() -> None:
    question = "Who heads the Vigil's negotiating team?"
    asked = holder_asked(question, read_relation(question))
    assert asked is not None
    assert names_holder(asked, "Later, the Vigil's chief negotiator Ivo Kral travelled to Zenda.")


def test_a_body_set_off_before_led_by_owns_the_office() -> None:
    sentence = "They studied in madrasas of the Zenda Ulema-e-Vigil, a Zembish political party, led by Ivo Kral."
    assert _states("Who was the leader of the Zenda Ulema-e-Vigil?", sentence)
    # A body sharing words with it but holding none of "Ulema" is another body.
    assert not _states("Who was the leader of the Zenda-e Vigil?", sentence)


def test_an_answer_naming_only_another_bodys_head_is_withdrawn() -> None:
    lead = "Accompanied by the commander of U.S. forces, Kral discussed it with Ruritania's army chief Dost."
    assert _names_another_holder("Who is the commander of the Zembish army?", lead)
    assert not _names_another_holder("Who is the commander of Ruritania's army?", lead)
    party = "They studied in madrasas of the Zenda Ulema-e-Vigil, a Zembish political party, led by Ivo Kral."
    assert _names_another_holder("Who was the leader of the Zenda-e Vigil?", party)
    assert _names_another_holder("Who led the Zenda Ulema-e-Vigil's student wing?", party)
    assert not _names_another_holder("Who led the Zenda Ulema-e-Vigil?", party)
    # A question asking more than who heads it, or no heading question, is not read so.
    assert not _names_another_holder("Who is Zembla's foreign minister?", "Ruritania's foreign minister Dost spoke.")


def test_a_sentence_writing_the_asked_office_unnamed_names_no_other_head() -> None:
    asked = office_asked("Who is the commander of the Zembish army?")
    assert asked is not None
    assert not names_another_holder(asked, "The Zembish army chief met Ruritania's army chief Dost.")
