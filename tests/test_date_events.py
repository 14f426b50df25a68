"""What happened on a date: the sentences stating it, not a cited work published that day.
Real model, real index (the session engine)."""

from __future__ import annotations

from typing import Any

import pytest

from service.date_events import EVENT_SCORE, read_date_event
from service.dates import DateValue, date_values
from service.records import Filters
from service.references import is_reference

from .support.answers import answer_opening


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("What happened on Sept. 7?", DateValue(9, 7)),
        ("What took place in October 2018?", DateValue(10, None, 2018)),
        ("what occurred on the 29th of February 2020", DateValue(2, 29, 2020)),
        ("What else happened on 1 May?", DateValue(5, 1)),
    ],
)
def test_a_question_asking_only_what_happened_on_a_date_is_read(question: str, date: DateValue) -> None:
    assert read_date_event(question) == date


@pytest.mark.parametrize(
    "question",
    [
        "What happened in Kabul on Sept. 7?",  # a place beside the date: ranked as any question
        "What happened to Mullah Omar?",
        "What happened on Sept. 7 and 8?",
        "When did the Doha talks begin?",
    ],
)
def test_other_questions_are_not_read_as_a_date(question: str) -> None:
    assert read_date_event(question) is None


def test_every_sentence_stating_the_date_answers(engine: Any) -> None:
    answer = engine.ask("What happened on Sept. 7?")
    assert not answer.abstained
    texts = [s.text for s in answer.sentences]
    assert any("anti-Pakistan protests in Kabul" in t for t in texts)
    assert any("caretaker cabinet announced" in t for t in texts)
    assert all(DateValue(9, 7) in date_values(t) for t in texts)
    assert all(r.hit.score == EVENT_SCORE for r in answer.results)


def test_a_note_s_own_account_answers_but_not_its_reference_entry(engine: Any) -> None:
    answer = engine.ask("What happened in December 2020?")
    assert not answer.abstained
    assert any("for the first time took credit" in s.text for s in answer.sentences)
    assert not any(is_reference(s.text) for s in answer.sentences)


def test_a_date_only_a_citation_gives_abstains(engine: Any) -> None:
    # 22 March 2017 is the publication date of a report a note cites, and nothing else.
    answer = engine.ask("What happened on 22 March 2017?")
    assert answer.abstained and not answer.results


def test_a_date_after_the_library_abstains(engine: Any) -> None:
    assert engine.ask("What happened on 12 March 2023?").abstained


def test_a_day_without_its_year_is_dated_by_the_text_before_it(engine: Any) -> None:
    # "A second round, scheduled for 31 July, …" follows "On 7 July 2015, …" in its paragraph.
    answer_opening(engine, "What happened on 31 July 2015?", "A second round, scheduled for 31 July")
    assert engine.ask("What happened on 31 July 2021?").abstained


def test_the_request_s_filters_hold(engine: Any) -> None:
    # December 2020 is told only in notes: a request for passages alone has nothing to quote.
    assert engine.ask("What happened in December 2020?", filters=Filters(kinds=("passage",))).abstained
