"""service.antecedents: a follow-up's "he" read as the person an earlier question names."""

from __future__ import annotations

import pytest

from service.antecedents import counted_topic, defined_topic, named_person, resolve_date, resolve_person, resolve_thing

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


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What is the Haqqani network?", ("the Haqqani network", False)),
        ("What were the Quadrilateral talks?", ("the Quadrilateral talks", True)),
        ("What is the source for that?", None),  # a topic pointing back is no antecedent
        ("Who is Moeed Yusuf?", None),  # a person: "he" (resolve_person)
        ("What did Pakistan do in response?", None),
    ],
)
def test_a_question_asking_what_something_is_names_its_topic(question: str, topic: tuple[str, bool] | None) -> None:
    assert defined_topic(question) == topic


def test_it_is_read_beside_the_topic_of_the_latest_question_asking_what_something_is() -> None:
    network = "What is the Haqqani network?"
    assert resolve_thing("What posts did its leaders get?", [network]) == (
        "What posts did its, the Haqqani network's, leaders get?"
    )
    # Through a follow-up pointing with "its" too, the same topic.
    assert resolve_thing("How far back do its ties go?", [network, "What posts did its leaders get?"]) == (
        "How far back do its, the Haqqani network's, ties go?"
    )
    # A plural topic takes "they", not "it".
    assert resolve_thing("Who led them?", ["What are the mujahideen?"]) == "Who led them, the mujahideen,?"
    assert resolve_thing("Who led it?", ["What are the mujahideen?"]) == "Who led it?"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("Who led it?", []),
        ("Who led it?", ["Which faction did Pakistan first back?"]),  # no question asking what it is
        ("How far back do its ties go?", ["What is the Haqqani network?", "Who is Moeed Yusuf?"]),  # a new topic since
        ("What else?", ["What is the Durand Line?"]),  # no neuter pronoun
    ],
)
def test_without_a_topic_asked_about_it_is_read_as_asked(question: str, history: list[str]) -> None:
    assert resolve_thing(question, history) == question


BIDEN = "What did President Biden announce on 14 April 2021?"
WITHDRAWAL = "Biden's decision, announced on 14 April 2021, to withdraw all U.S. troops by 11 September."


@pytest.mark.parametrize(
    ("question", "history", "said", "read"),
    [
        # The answer's date, not the one the question asked about.
        ("Why was that date chosen?", [BIDEN], [WITHDRAWAL], "Why was that date, 11 September, chosen?"),
        # No new date in the answer: the one the question named.
        (
            "Who else spoke that day?",
            [BIDEN],
            ["Biden spoke on 14 April 2021."],
            "Who else spoke that day, 14 April 2021,?",
        ),
        # A year for "that year" when no date is written.
        ("What else happened that year?", ["What did Trump say in 2017?"], [], "What else happened that year, 2017,?"),
        # Nothing points at a date, or there is none to point at.
        ("Why was it chosen?", [BIDEN], [WITHDRAWAL], "Why was it chosen?"),
        (
            "Why was that date chosen?",
            ["What did Biden announce?"],
            ["He announced a withdrawal."],
            "Why was that date chosen?",
        ),
    ],
)
def test_that_date_is_read_beside_the_date_the_last_answer_gave(
    question: str, history: list[str], said: list[str], read: str
) -> None:
    assert resolve_date(question, history, said) == read


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many registered Afghan refugees live in Pakistan?", "registered Afghan refugees"),
        ("How many security personnel did its attacks kill?", "security personnel"),  # before "did"
        ("How much did it cost?", None),
        ("What is the Haqqani network?", None),
    ],
)
def test_a_how_many_question_counts_its_first_words_up_to_a_plural(question: str, counted: str | None) -> None:
    assert counted_topic(question) == counted


def test_them_is_read_beside_what_the_earlier_question_counted_and_it_passes_it() -> None:
    refugees = "How many registered Afghan refugees live in Pakistan?"
    assert resolve_thing("What does Pakistan want them to do?", [refugees]) == (
        "What does Pakistan want them, registered Afghan refugees, to do?"
    )
    # A plural topic is not what "its" points at: the walk goes on to the question asking what.
    history = ["What is the Tehreek-e-Taliban Pakistan?", "How many attacks did it carry out in August?"]
    assert resolve_thing("Where is its leadership based?", history) == (
        "Where is its, the Tehreek-e-Taliban Pakistan's, leadership based?"
    )
