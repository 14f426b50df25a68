"""A count of occasions ("How many times …?", "On how many occasions …?") stated by a sentence
dating a series of them (service.answer_type, `counts_occasions`, `dates_a_series`): the asked
relation (service.relations) reads it as the verdict's count and type checks do, in a window
writing a word of every name of the question; another person, another year or a single date
states no count (docs/tuning.md, session 47)."""

from __future__ import annotations

import pytest

from service.answer_type import AnswerType, counts_asked, counts_occasions, dates_a_series, states_or_dates
from service.relations import read_relation, states_relation

CALLS = [
    "Relations with the capital improved during the spring.",
    "On 3 February, the alliance's commander called Halvorsen at the staff headquarters in Dunmore; "
    "on 9 March, Envoy Okafor met the Nordic army chief; and on 28 April 2021, the commander called "
    "him up still another time.",
]
VISITS = [
    "In May 2021, Halvorsen and the spy chief met President Lind in Varrow.",
    "The army chief had also visited Varrow in 2020, 2018 and 2017.",
]


def _never_alike(counted: list[str], near: list[str]) -> bool:
    return False


@pytest.mark.parametrize(
    "question",
    [
        "How many times did Nordic officials contact Halvorsen in early 2021?",
        "On how many occasions did the alliance reach out to Halvorsen in 2021?",
        "How many more times did Halvorsen hear from the alliance?",
    ],
)
def test_a_count_of_occasions_is_read(question: str) -> None:
    assert counts_occasions(question)


@pytest.mark.parametrize(
    "question",
    ["How many attacks did the group carry out?", "How often did Halvorsen travel?", "When did Halvorsen travel?"],
)
def test_another_question_counts_no_occasions(question: str) -> None:
    assert not counts_occasions(question)


def test_a_series_is_two_dates_or_two_years() -> None:
    assert dates_a_series(CALLS[1])
    assert dates_a_series(VISITS[1])
    assert not dates_a_series(VISITS[0])  # one date: one occasion


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        ("How many times did Nordic officials contact Halvorsen in early 2021?", CALLS),
        ("How many times had the army chief visited Varrow before May 2021?", VISITS),
        ("How many times did Halvorsen go to Varrow between 2017 and 2020?", VISITS),
    ],
)
def test_a_series_of_dated_occasions_states_how_many_times(question: str, sentences: list[str]) -> None:
    assert states_relation(read_relation(question), sentences, frozenset(), None)


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        # Another person, another place: the window names neither.
        ("How many times did Nordic officials call Okonjo in early 2021?", CALLS),
        ("How many times did Halvorsen visit Kestrel between 2017 and 2020?", VISITS),
        # Another year than the series dates.
        ("How many times did Halvorsen visit Varrow in 2019?", VISITS),
        # One date is no series.
        ("How many times did President Lind meet Halvorsen in Varrow?", VISITS[:1]),
    ],
)
def test_a_series_of_something_else_does_not(question: str, sentences: list[str]) -> None:
    assert not states_relation(read_relation(question), sentences, frozenset(), None)


def test_the_verdict_reads_the_series_as_a_count_of_times() -> None:
    question = "How many times had the army chief visited Varrow before May 2021?"
    assert counts_asked(question, VISITS[1], _never_alike)
    assert states_or_dates(AnswerType.QUANTITY, VISITS[1], question)
    assert not states_or_dates(AnswerType.QUANTITY, VISITS[0], question)
    # A count of another thing is still read by its number only.
    other = "How many attacks did the group carry out before May 2021?"
    assert not states_or_dates(AnswerType.QUANTITY, VISITS[1], other)
