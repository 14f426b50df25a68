"""An event asked with a phrasal verb (service.phrasal): the verb and its particle read as one."""

from __future__ import annotations

from typing import Any

from service.phrasal import phrasal_events
from tests.support.withdrawals import stands_leading_with, withdrawn_for


def _read(question: str) -> list[tuple[str, str]]:
    return [(event.verb, event.particle) for event in phrasal_events(question)]


def test_a_phrasal_verb_is_read_with_its_particle_after_the_verb_or_after_its_object() -> None:
    assert _read("When did the Taliban set up their office in Doha?") == [("set", "up")]
    assert _read("When did Pakistan let Baradar go?") == [("let", "go")]
    assert _read("When did Biden decide to pull all U.S. troops out?") == [("pull", "out")]
    assert _read("When did Pakistan start putting up the border fence?") == [("put", "up")]
    assert _read("When did the Taliban first take over Kabul?") == [("take", "over")]


def test_a_verb_without_its_particle_or_a_word_only_beginning_like_it_is_no_phrasal_verb() -> None:
    assert _read("When did the Taliban take Kabul?") == []
    assert _read("When did the Taliban capture Kabul?") == []
    assert _read("When did the settlers go home?") == []  # "settlers" is no form of "set"
    assert _read("When did the letter go out?") == []  # nor "letter" of "let"
    # A particle past the reach of the verb's object, or across punctuation, is another word's.
    assert _read("When did they pull the last of the foreign troops and contractors out?") == []
    assert _read("When did they let it be known, and go?") == []


def test_the_event_is_written_by_the_phrasal_verb_in_any_form_or_by_a_one_word_verb_for_it() -> None:
    (let_go,) = phrasal_events("When did Pakistan let Baradar go?")
    assert let_go.written_in("In October 2018, Pakistan released Mullah Abdul Ghani Baradar.")
    assert let_go.written_in("Baradar was freed in 2018.")
    assert let_go.written_in("Pakistan let him go in 2018.")
    assert not let_go.written_in("Baradar went to Doha in 2019.")
    (hand_over,) = phrasal_events("When did Pakistan hand Baradar over to the Americans?")
    assert not hand_over.written_in("In October 2018, Pakistan released Mullah Abdul Ghani Baradar.")
    (pull_out,) = phrasal_events("When did the Soviets pull out of Afghanistan?")
    assert pull_out.written_in("Following the 1989 Soviet withdrawal and the civil war that ensued, …")


def test_a_date_asked_with_a_phrasal_verb_is_read_whatever_the_best_cosine(engine: Any) -> None:
    # The lead ("… as the Doha talks, which began in September, made little progress …") writes the
    # talks and a date, above the guard under which a date's event is read; no one pulled out.
    assert withdrawn_for(engine, "When did the Taliban pull out of the Doha talks?") == ["another-event"]
    stands_leading_with(engine, "When did the Taliban set up their office in Doha?", "In 2013, the Taliban opened")
