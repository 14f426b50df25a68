"""service.antecedents: a follow-up's "he" read as the person an earlier question names."""

from __future__ import annotations

import pytest

from service.antecedents import named_person, resolve_person

MUJAHID = "What did Taliban spokesman Zabihullah Mujahid tell a Pakistani TV channel?"


@pytest.mark.parametrize(
    ("question", "person"),
    [
        (MUJAHID, "Zabihullah Mujahid"),
        ("What did Admiral Michael Mullen call the Haqqani network?", "Admiral Michael Mullen"),
        ("Who is Moeed Yusuf?", "Moeed Yusuf"),
        # One capitalised word is a country or a movement as often as a person.
        ("What did Ghani accuse Pakistan of?", None),
        # A name after "the" is a country, an alliance or an outlet, not a person.
        ("What did the United States say about Mullah Baradar?", "Mullah Baradar"),
        ("Why did the Northern Alliance seek India's backing?", None),
        # The first word of a question is capitalised whatever it is.
        ("Zabihullah spoke when?", None),
    ],
)
def test_a_person_is_a_run_of_capitalised_words_inside_the_question(question: str, person: str | None) -> None:
    assert named_person(question) == person


def test_he_is_the_surname_of_the_latest_person_named_through_turns_naming_no_one() -> None:
    history = ["Who is Moeed Yusuf?", MUJAHID, "What did he criticise?"]
    assert resolve_person("What else did he say about Pakistan?", history) == (
        "What else did Mujahid say about Pakistan?"
    )
    assert resolve_person("What did he criticise?", history[:2]) == "What did Mujahid criticise?"
    assert resolve_person("What did he warn about?", history[:1]) == "What did Yusuf warn about?"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("What did he say?", []),  # a first question: nobody to point at
        ("What did he say?", ["What did a former foreign secretary propose?"]),  # nobody named
        ("How much of it had been completed?", [MUJAHID]),  # no personal pronoun
        ("Where is the headquarters?", [MUJAHID]),  # "he" inside a word is no pronoun
    ],
)
def test_without_a_pronoun_or_a_named_person_the_question_is_read_as_asked(question: str, history: list[str]) -> None:
    assert resolve_person(question, history) == question
