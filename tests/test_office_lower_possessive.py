"""An office whose owner a question writes through lowercase words ("the Taliban government's
interior minister"): service.relations, docs/tuning.md, session 49."""

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
