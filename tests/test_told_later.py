"""A when or why answer the verdict withdraws for its lead, led instead by another quoted sentence
of the lead's unit that tells the asked event in the question's own words (service.engine,
`Engine._told_later`; service.offtopic, `tells_in_own_words`); read on the real engine over the
session index (docs/tuning.md, session 50)."""

from __future__ import annotations

from typing import Any

import pytest

from service.offtopic import asked_event, tells_in_own_words
from tests.support.withdrawals import withdrawals, withdrawn_for


def _known(term: str) -> float:
    """Every word written by some unit: the names are the corpus's own."""
    return 0.1


def test_a_why_question_is_read_as_its_event() -> None:
    assert asked_event("Why did the council add to the delay?") == "When did the council add to the delay?"
    assert asked_event("Why did Olsen quit as chairman?") == "When did Olsen quit?"
    assert asked_event("What did the council add?") is None


@pytest.mark.parametrize(
    ("question", "sentence", "before"),
    [
        # The owner named in the sentence before ("these assets"), the phrasal verb by one word.
        (
            "When did the council take over Olsen's farms?",
            "The council seized these assets after his 2016 death.",
            ["Olsen, using a false name, bought five farms in Bergen."],
        ),
        # Half the event's words ("add", "uncertainty"), the name in the unit's lead.
        (
            "Why did the timing of the Oslo negotiations add to the uncertainty?",
            "It did not help that the talks began so close to the election, adding uncertainty.",
            ["Those hopes were dashed as the Oslo talks made little progress."],
        ),
    ],
)
def test_a_later_sentence_telling_the_asked_event(question: str, sentence: str, before: list[str]) -> None:
    assert tells_in_own_words(question, sentence, before, _known)


@pytest.mark.parametrize(
    ("question", "sentence", "before"),
    [
        # Another event of the same things: one word of three ("government"), no form of "return".
        (
            "When did the council return Olsen's farms to his family?",
            "The council seized these assets after his 2016 death.",
            ["Olsen, using a false name, bought five farms in Bergen."],
        ),
        # A name the unit never writes.
        (
            "When did the council take over Berg's farms?",
            "The council seized these assets after his 2016 death.",
            ["Olsen, using a false name, bought five farms in Bergen."],
        ),
        # A time told only against another event dates that event, not the asked one.
        (
            "When did Olsen die from prolonged illness?",
            "Berg had led the council for two years before Olsen's death from prolonged illness.",
            [],
        ),
    ],
)
def test_a_sentence_telling_another_event_or_name_does_not(question: str, sentence: str, before: list[str]) -> None:
    assert not tells_in_own_words(question, sentence, before, _known)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The note's first sentence (the purchase) matches the question; its second dates the seizure.
        ("When did the government take over Mansour's properties?", "The government seized these assets"),
        # The passage's first sentence (why the talks made little progress) is another event's cause.
        ("Why did the timing of the Doha negotiations add to the uncertainty?", "It did not help that the talks"),
    ],
)
def test_the_units_later_sentence_leads(engine: Any, question: str, lead: str) -> None:
    with withdrawals() as reasons:
        answer = engine.ask(question)
    assert not answer.abstained, question
    assert lead in answer.sentences[0].text
    assert reasons == []


@pytest.mark.parametrize(
    "question",
    [
        # Quoted sentences write the political office in Doha, none of an expulsion.
        "Why did Qatar expel the Taliban's political office?",
        # Quoted sentences write the Taliban's recognition, not a restoring of ties.
        "When did Pakistan restore formal ties with the Taliban?",
    ],
)
def test_a_quoted_sentence_telling_something_else_stays_withdrawn(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question)
