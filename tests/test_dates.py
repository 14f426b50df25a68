"""Dates read by value: one date in its different spellings matches itself in the answer-type
check, on the lexical side of retrieval and in the evidence the calibrated score reads, and
"What happened on <date>?" is answered whatever spelling the question and the text use."""

from __future__ import annotations

import re
from typing import Any

import pytest

from service import answer_type, citations, references, said_about
from service.answer_type import AnswerType, states
from service.bm25 import tokenize
from service.dates import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    DateValue,
    asked_day,
    date_values,
    leaves_out_the_day,
    lexical_forms,
    month_pattern,
    states_day,
)
from service.evidence import CorpusScope
from service.formats import metadata
from service.records import Document


@pytest.mark.parametrize(
    "text",
    ["Sept. 5", "5 September", "September 5th", "the 5th of September", "Sep 5", "sept. 5"],
)
def test_every_spelling_of_a_date_reads_as_one_value(text: str) -> None:
    assert date_values(f"An attack on {text} killed three.") == [DateValue(9, 5)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on 6 September 2019 on the eve", DateValue(9, 6, 2019)),
        ("on September 6, 2019, on the eve", DateValue(9, 6, 2019)),
        ("in May 2016", DateValue(5, None, 2016)),
        ("scheduled for 31 July, was aborted", DateValue(7, 31)),
    ],
)
def test_day_month_and_year_are_read_in_either_order(text: str, value: DateValue) -> None:
    assert date_values(text) == [value]


@pytest.mark.parametrize("text", ["Pakistan may 2 be", "In September, talks", "since 2019", "the March U.S. proposal"])
def test_a_month_alone_or_a_verb_is_no_date(text: str) -> None:
    assert date_values(text) == []


def test_a_date_is_within_one_that_says_as_much_or_more() -> None:
    assert DateValue(9, None, 2019).within(DateValue(9, 6, 2019))
    assert DateValue(9, 5).within(DateValue(9, 5, 2021))
    assert not DateValue(9, 6).within(DateValue(9, 5, 2021))
    assert not DateValue(9, 6, 2019).within(DateValue(9, None, 2019))


def test_the_lexical_side_reads_a_date_in_every_spelling() -> None:
    terms = set(tokenize([lexical_forms("What happened on September 7th?")])[0])
    assert set(tokenize(["Sept. 7"])[0]) <= terms  # the text's "Sept." is matched
    assert "31" in tokenize([lexical_forms("What was scheduled for July 31st?")])[0]  # the bare day
    assert lexical_forms("Why did Pakistan back the Taliban?") == "Why did Pakistan back the Taliban?"


def test_the_answer_type_check_compares_dates_by_value() -> None:
    # The question's own date in another spelling is not an answer; a day beyond its month is.
    assert not states(AnswerType.DATE, "An attack on Sept. 5 killed three.", "When, after September 5th, ...?")
    assert states(AnswerType.DATE, "called off talks on 6 September 2019", "When in September 2019 did Trump act?")
    assert not states(AnswerType.DATE, "talks in Sept. 2019 stalled", "When in September 2019 did Trump act?")


def _scope(texts: list[str]) -> CorpusScope:
    vocabulary = {t for text in texts for t in tokenize([text])[0]}
    document = Document(id="doc", path="doc.txt", title="A report", date="2021-09")
    return CorpusScope(vocabulary, [document], lambda unit: texts[unit], len(texts))


def test_coverage_holds_a_date_written_in_another_spelling() -> None:
    scope = _scope(["An attack on Sept. 5 killed three.", "An attack on Sept. 6 killed three."])
    # "What happened" asks for whatever the text says of the date: held by the unit writing it.
    assert scope.coverage("What happened on September 5th?", [0, 1], "What happened on September 5th?").tolist() == [
        1.0,
        0.0,
    ]


@pytest.mark.parametrize(
    "question", ["What happened on Sept. 5?", "What happened on September 5th?", "What happened on 5 September?"]
)
def test_what_happened_on_a_date_is_answered_in_any_spelling(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert answer.sentences[0].text == "An attack on Sept. 5 killed three Pakistani paramilitary forces."


# Each reader's month forms, as it accepted them when each wrote its own alternation: the month
# vocabulary is written once (service.dates), the forms each reader takes are its own.
_EVERY_FORM = [*MONTH_NAMES, *MONTH_ABBREVIATIONS, *(f"{a}." for a in MONTH_ABBREVIATIONS)]


@pytest.mark.parametrize(
    ("pattern", "abbreviated"),
    [
        (answer_type._MONTH, {"Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}),
        (references._MONTH, {"Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."}),
        (citations.MONTH, {*MONTH_ABBREVIATIONS, *(f"{a}." for a in MONTH_ABBREVIATIONS)}),
        (said_about._MONTH, set()),
        (metadata._MONTH, set()),
    ],
)
def test_each_reader_of_months_accepts_the_forms_it_did(pattern: str, abbreviated: set[str]) -> None:
    accepted = {form for form in _EVERY_FORM if re.fullmatch(pattern, form)}
    assert accepted == {*MONTH_NAMES, *abbreviated}
    assert not re.fullmatch(pattern, "september")  # each reader says itself if case is free


def test_a_month_pattern_takes_only_known_abbreviations() -> None:
    assert MONTH_ABBREVIATIONS == ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
    with pytest.raises(ValueError):
        month_pattern(("Sept", "Mai"))


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("Whom did he discuss it with on 8 March?", DateValue(3, 8)),
        ("Who went with him on Sept. 5, 2021?", DateValue(9, 5, 2021)),
        # A day named as the time something came before or after, two days, or a month alone.
        ("What happened after 7 July 2015?", None),
        ("Who met him on 8 March and on 9 March?", None),
        ("Whom did he meet in March 2021?", None),
    ],
)
def test_the_day_a_question_asks_of(question: str, day: DateValue | None) -> None:
    assert asked_day(question) == day


def test_a_day_named_only_in_the_premise_is_not_asked() -> None:
    question = "On 7 July 2015 Pakistan hosted talks in Murree; what became of the next round?"
    assert asked_day(question, "On 7 July 2015 Pakistan hosted talks in Murree") is None


def test_an_answer_leaves_out_the_day_when_no_sentence_dates_anything_to_it() -> None:
    question = "Whom did he discuss it with on 8 March?"
    assert leaves_out_the_day(question, ["He discussed it during a 1-4 March 2021 trip to Kabul."])
    assert not leaves_out_the_day(question, ["He discussed it with Bajwa on 8 March."])
    assert not states_day("on 8 March 2020", DateValue(3, 8, 2021))
    assert not leaves_out_the_day("Whom did he meet in Kabul?", ["He met Ghani."])
