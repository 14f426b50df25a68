"""An office whose owner a question writes through lowercase words ("the Taliban government's
interior minister") and a body named only by lowercase words after its owner ("the Afghan
army"): service.relations, docs/tuning.md, session 49."""

from __future__ import annotations

import pytest

from service.bm25 import terms_of
from service.relations import _owner_through_body, holder_asked, names_holder, read_relation, states_relation


def _states(question: str, *sentences: str) -> bool:
    return states_relation(read_relation(question), list(sentences), frozenset(), None)


@pytest.mark.parametrize(
    "question",
    [
        "Who is the Zembish government's interior minister?",
        "Who is the Zembish caretaker government's interior minister?",
        "Who was the Zembish regime's interior minister?",
    ],
)
def test_an_owner_written_through_its_bodys_words_owns_the_office(question: str) -> None:
    asked = read_relation(question)
    assert asked.holder == terms_of("Zembish") and asked.kind == terms_of("interior")
    assert _states(question, "With the Zembish having appointed Ivo Kral as interior minister, talks resumed.")
    # Before, no owner was read: any interior minister stated it, Ruritania's too.
    assert not _states(question, "Ruritania's interior minister Ivo Kral spoke in Zenda.")


def test_a_body_word_naming_a_post_is_no_body() -> None:
    assert _owner_through_body("Who is the Zembish government's ") == "Zembish"
    # "the Zembish founder's spokesperson" is the founder's, whom the question does not name.
    assert _owner_through_body("Who is the Zembish founder's ") is None


def test_a_heading_question_reads_its_office_words_after_the_owner() -> None:
    question = "Who heads the Zembish government's interior ministry?"
    asked = read_relation(question)
    # "government" is the owner's body, no word of the office: "Zembish interior minister" heads it.
    assert asked.holder >= terms_of("Zembish") and asked.kind == terms_of("interior")
    assert _states(question, "Zembish interior minister Ivo Kral spoke in Zenda.")
    held = holder_asked(question, asked)
    assert held is not None and names_holder(held, "With the Zembish having appointed Ivo Kral as interior minister.")


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("Who is the commander of the Zembish army?", "army"),
        ("Who heads the Vigil's negotiating team?", "negotiating"),
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
    # A body word is read after the office too: "chief negotiator" heads the negotiating team.
    assert _states("Who heads the Vigil's negotiating team?", "The Vigil's chief negotiator Ivo Kral travelled.")


def test_a_passages_office_owned_through_a_bodys_words_is_the_names() -> None:
    window = "The Zembish military's spokesperson Ivo Kral said Ruritania had closed the border."
    # Before, the office had no owner there: its title named in a window naming Ruritania stated it.
    assert not _states("Who is Ruritania's spokesperson?", window)
    assert _states("Who is the Zembish spokesperson?", window)
