"""A date, a count or a frequency written in another form than a calendar date or a number before
the asked noun: a frequency in words ("repeatedly", "weekly") for "How often …?", which a single
date does not give; a time relative to another event ("following Mansour's death", "months
later"); a count written as the list of what it counts ("the 1965 and 1971 … wars"); and an office
given to another as "one of his deputies" (service.answer_type, `states_frequency`,
`states_relative_time`, `lists_counted`; service.relations, `states_office_taken`;
docs/tuning.md, session 44)."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import (
    AnswerType,
    answered_in_words,
    counts_asked,
    expected_type,
    lists_counted,
    states_calendar_date,
    states_or_dates,
)
from service.relations import states_office_taken, taken_office


def _never_alike(asked: list[str], near: list[str]) -> bool:
    return False


def test_how_often_asks_a_frequency_not_given_in_words() -> None:
    assert expected_type("How often did the council meet?") is AnswerType.FREQUENCY
    assert expected_type("How long did the council meet?") is AnswerType.PERIOD
    assert not answered_in_words(AnswerType.FREQUENCY)


@pytest.mark.parametrize(
    "text",
    [
        "Its envoys have repeatedly consulted the council.",
        "She writes the magazine's weekly Nordic Brief.",
        "The envoys have as frequently consulted the council as the king.",
        "The council met three times before the vote.",
        "The council met on several occasions.",
        "The council met once a year.",
        "The envoy visited Oslo in 2020, 2018 and 2017.",
    ],
)
def test_a_frequency_in_words_or_a_series_of_dates_answers_how_often(text: str) -> None:
    assert states_or_dates(AnswerType.FREQUENCY, text, "How often did the council meet?")


@pytest.mark.parametrize(
    "text",
    [
        "The council began in January 2016.",
        "The envoy was in Oslo in early September.",
        "Once foreign troops leave, the council will meet.",
        "It met 32 delegates.",
    ],
)
def test_a_single_date_or_a_count_of_other_things_does_not(text: str) -> None:
    assert not states_or_dates(AnswerType.FREQUENCY, text, "How often did the council meet?")


@pytest.mark.parametrize(
    "text",
    [
        "the restructuring of the council following Olaf Berg's death, with successor Anna Lund",
        "The council was restructured months later.",
        "In the wake of the army's takeover, the council was dissolved.",
        "Shortly thereafter the council was dissolved.",
        "Later that year the council was dissolved.",
        "Before Olaf Berg's death from prolonged illness, the council was dissolved.",
    ],
)
def test_a_time_relative_to_another_event_answers_when(text: str) -> None:
    assert states_or_dates(AnswerType.DATE, text, "When was the council dissolved?")


@pytest.mark.parametrize(
    "text", ["After the talks the council was dissolved.", "Once the troops leave, the council will be dissolved."]
)
def test_a_word_of_sequence_before_no_event_noun_is_no_time(text: str) -> None:
    assert not states_or_dates(AnswerType.DATE, text, "When was the council dissolved?")


def test_a_year_among_an_events_words_is_still_a_calendar_date() -> None:
    assert states_calendar_date("The state seized the assets after his 2016 death.", "When were the assets seized?")
    assert not states_calendar_date("The state seized the assets following his death.", "When were the assets seized?")


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (
            "In how many Nordic wars did the kings stay neutral?",
            "opting for neutrality in the 1905 and 1940 Nordic wars",
        ),
        (
            "How many countries' diplomats did Norway protest to?",
            "lodged a protest with both Swedish and Danish diplomats",
        ),
        (
            "How many command structures did the rebels rebuild?",
            "Their command structures – political and military – were rebuilt.",
        ),
    ],
)
def test_a_count_written_as_the_list_of_what_it_counts(question: str, text: str) -> None:
    assert counts_asked(question, text, _never_alike)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # Lowercase items without "both" join two words, they count nothing.
        ("How many structures did the rebels join?", "They joined the governance and security structures."),
        # The list is of another noun.
        ("In how many wars did the kings stay neutral?", "opting for neutrality in the 1905 and 1940 elections"),
    ],
)
def test_a_list_of_other_things_or_lowercase_words_joined_is_no_count(question: str, text: str) -> None:
    assert not counts_asked(question, text, _never_alike)
    assert not lists_counted(text, "structures" if "structures" in question else "wars")


def test_an_office_given_to_another_as_one_of_several_is_not_the_appointers() -> None:
    lead = (
        "The restructuring following Olaf Berg's death, with successor Anna Lund appointing Erik Dahl as one of"
        " her principal deputies, helped the council."
    )
    deputy = taken_office("When did Anna Lund become Olaf Berg's deputy?")
    assert deputy is not None and not states_office_taken(deputy, lead)
    appointed = taken_office("When did Erik Dahl become Anna Lund's principal deputy?")
    assert appointed is not None and states_office_taken(appointed, lead)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("When was the Taliban shura restructured?", "following Mansour's death"),
        ("When did Haibatullah Akhunzada become Mansour's successor?", "following Mansour's death"),
        ("In how many Indo-Pakistani wars did earlier Afghan leaders stay neutral?", "the 1965 and 1971"),
    ],
)
def test_the_engine_answers_a_date_or_count_written_in_another_form(engine: Any, question: str, lead: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, question
    assert lead in answer.sentences[0].text


@pytest.mark.parametrize(
    "question",
    [
        "When did Haibatullah Akhunzada become Mansour's deputy?",  # the deputies are Sirajuddin's
        "How often did the Quadrilateral Dialogue meet?",  # "began in January 2016": when, not how often
    ],
)
def test_the_engine_still_withdraws_another_office_or_a_single_date(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained and not answer.sentences, question
