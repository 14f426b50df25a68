"""A date question whose lead the verdict withdraws, answered by the next result when that
result's lead dates the asked event in the question's own words (service.engine,
`Engine._date_stated_next`; service.offtopic, `dates_in_own_words`); read on the real engine over
the session index (docs/tuning.md, session 40)."""

from __future__ import annotations

from typing import Any

import pytest

from service.offtopic import dates_in_own_words
from tests.support.withdrawals import withdrawals


def _known(term: str) -> float:
    """Every word written by some unit: the names are the corpus's own."""
    return 0.1


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # The name's head kept ("That dialogue"), the event's own word ("halt"), a light verb left out.
        (
            "When did the Arctic Council come to a halt?",
            "That council, moreover, came to a halt after the summit in May 2016.",
        ),
        # A phrasal verb stated by its one-word noun.
        ("When did the Romans pull out of Britain?", "Following the 410 Roman withdrawal, Britain fell apart."),
    ],
)
def test_a_sentence_dating_the_asked_event_in_its_own_words(question: str, sentence: str) -> None:
    assert dates_in_own_words(question, sentence, _known)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # Another person released: a name of the question is not written.
        ("When did Norway release Anna Berg?", "In October 2018, Norway released Carl Olsen."),
        # One event word of two ("office", not "leave"): the office's delegation, not its leaving.
        ("When did Olsen leave the Oslo office?", "In 2020, a delegation of the Oslo office, led by Olsen, met them."),
        # A shared title is no name's head: "Mullah Akhtar Mansour" is not "Mullah Omar".
        ("When did the army kill Mullah Omar?", "In May 2016 the army killed Mullah Akhtar Mansour."),
        # An event only alike the asked one ("end" for "halt") is left to the first result's verdict.
        ("When did the Arctic Council come to an end?", "That council, moreover, came to a halt in May 2016."),
    ],
)
def test_a_sentence_writing_another_event_or_another_name_does_not(question: str, sentence: str) -> None:
    assert not dates_in_own_words(question, sentence, _known)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # A note dating the dialogue's start ranks first; the passage dating its halt second.
        ("When did the Quadrilateral Dialogue come to a halt?", "came to a halt after the U.S. killed"),
        # The opening sentence writing "pulling out" of U.S. troops ranks first, with no date.
        ("When did the Soviets pull out of Afghanistan?", "Following the 1989 Soviet withdrawal"),
    ],
)
def test_the_next_result_dates_the_asked_event(engine: Any, question: str, lead: str) -> None:
    with withdrawals() as reasons:
        answer = engine.ask(question)
    assert not answer.abstained, question
    assert lead in answer.sentences[0].text
    assert reasons == []


@pytest.mark.parametrize(
    "question",
    [
        # The next result dates Baradar's release, not Ustad Yasir's (he died in custody).
        "When did Pakistan release Ustad Yasir?",
        # The next result writes the political office and Baradar, and nothing of his leaving it.
        "When did Baradar leave the Doha office?",
    ],
)
def test_a_next_result_dating_something_else_stays_withdrawn(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained and not answer.sentences, question
