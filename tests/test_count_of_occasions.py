"""A count of occasions ("How many times …?", "On how many occasions …?") stated by a sentence
dating a series of them (service.answer_type, `counts_occasions`, `dates_a_series`): the asked
relation (service.relations) reads it as the verdict's count and type checks do, in a window
writing a word of every name of the question; another person, another year or a single date
states no count (docs/tuning.md, session 47)."""

from __future__ import annotations

import pytest

from service.answer_type import (
    AnswerType,
    counts_asked,
    counts_occasions,
    dates_a_series,
    dates_the_act,
    names_the_doer,
    occasion_act,
    occasion_doer,
    states_or_dates,
)
from service.relations import read_relation, states_relation

CALLS = [
    "Relations with the capital improved during the spring.",
    "On 3 February, the Nordic alliance's commander called Halvorsen at the staff headquarters in Dunmore; "
    "on 9 March, Envoy Okafor met the Kestrel army chief; and on 28 April 2021, the Nordic commander called "
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


# Session 48: the act the series dates must be the act asked, and a stretch of years is no series.

MEETING = [
    "The first direct meeting of the two delegations took place in Varrow in July 2018, with the talks "
    "gaining momentum after Okafor's September 2018 appointment as envoy.",
]
NEUTRAL = [
    "Earlier Nordic leaders had kept their distance from the rivalry, opting for neutrality in the 1965 and "
    "1971 Kestrel wars.",
]
SPAN = ["The front waged a campaign of violence in Varrow between 2007 and 2014 before being weakened by offensives."]


@pytest.mark.parametrize(
    ("question", "act"),
    [
        ("How many times did Nordic officials phone Halvorsen in early 2021?", ("phone",)),
        ("How many times did Nordic officials hold talks with Halvorsen?", ("talks",)),
        ("How many times had Halvorsen paid a visit to Varrow before 2021?", ("visit",)),
        ("How many times did Lind and Okafor visit Dunmore in 2021?", ("visit",)),
        ("How many times did Varrow host Nordic negotiations in 2020?", ("host",)),
        ("How many times did Nordic leaders stay neutral in wars between Kestrel and Varrow?", ("neutral",)),
        (
            "On how many occasions did Nordic officials reach out to Halvorsen?",
            ("reach", "contact", "call", "approach"),
        ),
        # A light verb with nothing after it asks no act of its own: the names and dates are read alone.
        ("How many times had the army chief been to Varrow before May 2021?", ()),
        ("How many attacks did the front carry out?", ()),
    ],
)
def test_the_act_a_count_of_occasions_asks_of(question: str, act: tuple[str, ...]) -> None:
    assert occasion_act(question) == act


def test_a_stretch_of_years_dates_no_series() -> None:
    assert not dates_a_series(SPAN[0])
    assert not dates_a_series("Earlier governments, such as Lind's (2013-2018), had tried to ease tensions.")
    assert dates_a_series("The envoy met him in 2016 and again between 2018 and 2019.")  # a year and a stretch


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        # The act in another word of its family: "phone" and "ring" for "called", "hold talks" for "met" … "called".
        ("How many times did Nordic officials phone Halvorsen in early 2021?", CALLS),
        ("How many times did the alliance ring Halvorsen in 2021?", CALLS),
        ("How many times did Nordic leaders stay neutral in the Kestrel wars?", NEUTRAL),
        ("On how many occasions did earlier Nordic leaders keep out of the Kestrel wars?", NEUTRAL),
    ],
)
def test_the_act_in_another_word_of_its_family_is_dated(question: str, sentences: list[str]) -> None:
    assert states_relation(read_relation(question), sentences, frozenset(), None)


def _wars_alike(act: list[str], near: list[str]) -> bool:
    return "fight" in act and "wars" in near  # as the model reads them (0.63)


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        # Another act on the same names: the calls date no thanks.
        ("How many times did Nordic officials thank Halvorsen in early 2021?", CALLS),
        ("How many times did Okafor praise Halvorsen in 2021?", CALLS),
        # The asked act beside one date only: one meeting and an appointment.
        ("How many times did the two delegations meet in Varrow in 2018?", MEETING),
        # A stretch of years, the act written in it.
        ("How many times did offensives weaken the front between 2007 and 2014?", SPAN),
    ],
)
def test_a_series_of_another_act_states_no_count(question: str, sentences: list[str]) -> None:
    assert not states_relation(read_relation(question), sentences, frozenset(), None)


def test_the_questions_own_words_are_not_read_as_its_act() -> None:
    question = "How many times did Nordic leaders fight Varrow in the Kestrel wars?"
    assert not states_relation(read_relation(question), NEUTRAL, frozenset(), None, alike=_wars_alike)
    act, sentence = occasion_act(question), NEUTRAL[0]
    assert dates_the_act(act, sentence, _wars_alike)  # read without the question, "wars" would be the act


# Session 49: the series' dated clauses must name who is asked about as the doer, not the one the
# act was done to, another doer of the same sentence, or someone named only beside the series.


@pytest.mark.parametrize(
    ("question", "doer"),
    [
        ("How many times did Nordic officials phone Halvorsen in early 2021?", ("Nordic", "officials")),
        ("How many times had the army chief visited Varrow before May 2021?", ("army", "chief")),
        ("How many times did Lind and Okafor visit Dunmore in 2021?", ("Lind", "and", "Okafor")),
        ("How many times had General Halvorsen paid a visit to Varrow?", ("General", "Halvorsen")),
    ],
)
def test_who_a_count_of_occasions_asks_about(question: str, doer: tuple[str, ...]) -> None:
    assert occasion_doer(question) == doer


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        ("How many times did the alliance ring Halvorsen in 2021?", CALLS),  # the alliance's commander
        ("How many times had General Halvorsen visited Varrow before 2021?", VISITS),  # the sentence before
        ("How many times had Varrow's army chief visited Varrow?", VISITS),  # "The army chief": words its own
    ],
)
def test_the_asked_doer_is_named_by_the_dated_clauses(question: str, sentences: list[str]) -> None:
    assert states_relation(read_relation(question), sentences, frozenset(), None)


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        # The one called, not the caller.
        ("How many times did Halvorsen call the Nordic alliance in 2021?", CALLS),
        # A doer of another dated act in the same sentence.
        ("How many times did Okafor call Halvorsen in 2021?", CALLS),
        # A body the sentence names beside the series, not its doer.
        ("How many times did Kestrel leaders opt for neutrality in the 1965 and 1971 wars?", NEUTRAL),
        # Named only in the sentence before, after the verb, or beside the doer it opens with.
        ("How many times had President Lind visited Varrow before 2021?", VISITS),
        ("How many times had the spy chief visited Varrow before 2021?", VISITS),
    ],
)
def test_a_series_of_another_doer_states_no_count(question: str, sentences: list[str]) -> None:
    assert not states_relation(read_relation(question), sentences, frozenset(), None)


def test_the_verdict_reads_no_count_of_another_doer() -> None:
    question = "How many times did Halvorsen call the Nordic alliance in 2021?"
    assert not states_or_dates(AnswerType.QUANTITY, CALLS[1], question)
    # Without the sentence before, a clause naming nobody is not read against a name.
    named = "How many times had Halvorsen visited Varrow before May 2021?"
    assert states_or_dates(AnswerType.QUANTITY, VISITS[1], named)


def test_a_description_is_not_another_description() -> None:
    assert names_the_doer(("army", "chief"), ["army", "chief"])
    assert names_the_doer(("Nordic", "army", "chief"), ["army", "chief"])
    assert not names_the_doer(("spy", "chief"), ["army", "chief"])
    assert not names_the_doer(("army", "chief"), ["Kestrel", "Central", "Command", "chief"])
