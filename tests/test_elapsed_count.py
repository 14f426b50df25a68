"""A count of time the corpus writes in another unit or without a number ("nearly a decade" for
"How many years …?"), read by the asked relation only in a sentence writing the asked event and
beside the head of every name the question gives (service.answer_type, `states_elapsed`;
service.relations, `AskedRelation.elapsed`; docs/tuning.md, session 41)."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import counts_time, states_elapsed
from service.bm25 import terms_of
from service.relations import read_relation, states_relation


def _states(question: str, *sentences: str) -> bool:
    return states_relation(read_relation(question), list(sentences), frozenset(), None)


@pytest.mark.parametrize(
    "text",
    [
        "who spent nearly a decade in an Icelandic prison",
        "For nearly two decades, Norway gave shelter to the rebels.",
        "A treaty would end decades of war in the valley.",
        "had staged a three-week sit-in at the port",
        "The truce held for 20 years.",
    ],
)
def test_a_count_of_time_in_any_unit_or_without_a_number(text: str) -> None:
    assert states_elapsed(text)


@pytest.mark.parametrize("text", ["In 2017, he was involved in talks.", "the 2,430km line", "earlier this year"])
def test_a_year_a_distance_or_this_year_count_no_time(text: str) -> None:
    assert not states_elapsed(text)


def test_only_units_of_time_are_a_count_of_time() -> None:
    assert counts_time(terms_of("years")) and counts_time(terms_of("weeks"))
    assert not counts_time(terms_of("times")) and not counts_time(terms_of("attacks")) and not counts_time(set())


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # Another unit, and no number: "nearly a decade" for years, beside the man and his prison.
        (
            "How many years did Olaf Berg spend in an Icelandic prison?",
            "One of its founders, Olaf Berg, spent nearly a decade in an Icelandic prison.",
        ),
        # The plural of a larger unit, beside the asked event ("war") and place.
        (
            "How many years of war in the Valley would a treaty bring to an end?",
            "A treaty would end decades of war in the Valley.",
        ),
    ],
)
def test_a_count_of_time_in_another_unit_states_the_asked_count(question: str, sentence: str) -> None:
    assert _states(question, sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # The same span, of another event of the man's ("spent … in prison", not "served as deputy").
        (
            "How many years did Olaf Berg serve as Anna Lund's deputy?",
            "One of its founders, Olaf Berg, spent nearly a decade in an Icelandic prison.",
        ),
        # The same event of another man: a shared title ("Mullah") is not the asked name's head.
        (
            "How many years did Mullah Omar spend in an Icelandic prison?",
            "One of its founders, Mullah Olaf Berg, spent nearly a decade in an Icelandic prison.",
        ),
    ],
)
def test_a_count_of_time_of_another_event_or_another_name_does_not(question: str, sentence: str) -> None:
    assert not _states(question, sentence)


def test_a_count_of_things_is_not_read_as_a_count_of_time() -> None:
    """ "How many attacks …?" keeps its noun: a decade of something is no number of attacks."""
    assert not _states(
        "How many attacks did the Front stage in the Valley?", "The Front staged attacks in the Valley for a decade."
    )


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("How many years did Mullah Abdul Ghani Baradar spend in a Pakistani prison?", "nearly a decade"),
        ("For how many years did Pakistan give safe havens to Taliban leaders?", "For nearly two decades"),
    ],
)
def test_the_engine_answers_a_count_of_time_written_in_decades(engine: Any, question: str, lead: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, question
    assert lead in answer.sentences[0].text


def test_the_engine_still_withdraws_a_span_of_another_event(engine: Any) -> None:
    answer = engine.ask("How many years did Baradar serve as Mullah Omar's deputy?")
    assert answer.abstained and not answer.sentences
