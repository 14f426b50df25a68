"""A count stated by the question's own verb (service.answer_type.states_count_done): "How many
raids did the TTP carry out …?" is answered by "carried out 32 attacks", the verb written before
the number, though the model reads "raids" and "attacks" apart at the counted noun's cosine; the
same count asked of a place or a person the text does not connect with it still abstains. On the
rules alone and on the real engine over the session index."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import DoneAlike, counted_verbs, states_count_done
from service.relations import read_relation
from tests.support.withdrawals import stands_leading_with


def _alike(words: list[str], others: list[str]) -> bool:
    return True


def _never(words: list[str], others: list[str]) -> bool:
    return False


@pytest.mark.parametrize(
    ("question", "verbs"),
    [
        ("How many raids did the TTP carry out in August?", ("carry",)),
        ("How many homes did Mullah Akhtar Mansour buy in Karachi?", ("buy",)),
        ("How many troops did China send to Afghanistan?", ("send",)),
        # No auxiliary, no verb read; no counted noun ("times"), no verb read either.
        ("How many soldiers lost their lives in the attacks?", ()),
        ("How many times did U.S. officials contact Bajwa in early 2021?", ()),
        ("When did the TTP carry out 32 attacks?", ()),
    ],
)
def test_the_verb_of_a_count_is_read_after_its_auxiliary(question: str, verbs: tuple[str, ...]) -> None:
    assert counted_verbs(question) == verbs


def test_a_count_needs_the_verb_before_its_number_and_a_noun_of_its_kind() -> None:
    text = "According to TTP data, it carried out 32 attacks in August alone."
    assert states_count_done(text, "raids", ("carry",), DoneAlike(_never, _alike))  # the verb by its stem
    assert not states_count_done(text, "raids", ("carry",), DoneAlike(_alike, _never))  # a noun unlike
    assert not states_count_done(text, "raids", ("mount",), DoneAlike(_never, _alike))  # another verb
    assert not states_count_done("The TTP reported 32 attacks.", "raids", ("carry",), DoneAlike(_never, _alike))
    assert not states_count_done(text, "raids", (), DoneAlike(_alike, _alike))


def _in_context_never(question: str, noun: str, text: str, spans: list[tuple[int, int]]) -> bool:
    return False


def test_a_noun_read_alike_alone_but_not_in_context_states_no_count() -> None:
    text = "According to TTP data, it carried out 32 attacks in August alone."
    question = "How many raids did the TTP carry out in August?"
    unread = DoneAlike(_never, _alike, _in_context_never)
    assert not states_count_done(text, "raids", ("carry",), unread, question=question)
    spans: list[tuple[int, int]] = []

    def _records(question: str, noun: str, text: str, written: list[tuple[int, int]]) -> bool:
        spans.extend(written)
        return True

    assert states_count_done(text, "raids", ("carry",), DoneAlike(_never, _alike, _records), question=question)
    assert [text[a:b] for a, b in spans] == ["attacks"]  # the counted words, "August" (a name) left out


def test_the_lexicon_reads_the_verb_at_the_paraphrase_cosine_and_the_noun_at_its_floor(engine: Any) -> None:
    done = engine._lexicon.done_alike()
    bought = "Mansour, using fake identities, purchased around five properties in Karachi."
    homes, schools = "How many homes did Mansour buy?", "How many schools did Mansour buy?"
    assert states_count_done(bought, "homes", ("buy",), done, question=homes)  # buy/purchased, homes/properties
    assert not states_count_done(bought, "schools", ("buy",), done, question=schools)  # under the floor
    attacks = "According to TTP data, it carried out 32 attacks in August alone."
    people = "How many people did the TTP carry out attacks on?"
    assert not states_count_done(attacks, "people", ("carry",), done, question=people)


@pytest.mark.parametrize(
    ("question", "noun", "verb", "text", "stated"),
    [
        ("How many homes did Mullah Akhtar Mansour buy in Karachi?", "homes", "buy", "bought", True),
        ("How many houses did Mansour purchase in Karachi?", "houses", "purchase", "bought", True),
        ("How many raids did the TTP carry out in August?", "raids", "carry", "attacks", True),
        # read alike alone, above the floor, and apart in context
        ("How many cars did Mullah Akhtar Mansour buy in Karachi?", "cars", "buy", "bought", False),
        ("How many arrests did the TTP carry out in August?", "arrests", "carry", "attacks", False),
        ("How many kidnappings did the TTP carry out in August?", "kidnappings", "carry", "attacks", False),
        ("How many civilians did the attack on Sept. 5 kill?", "civilians", "kill", "killed", False),
    ],
)
def test_the_counted_noun_is_read_in_its_sentence(
    engine: Any, question: str, noun: str, verb: str, text: str, stated: bool
) -> None:
    sentences = {
        "bought": "Mansour, using fake identities, purchased around five properties in Karachi.",
        "attacks": "According to TTP data, it carried out 32 attacks in August alone.",
        "killed": "An attack on Sept. 5 killed three Pakistani paramilitary forces.",
    }
    done = engine._lexicon.done_alike()
    assert states_count_done(sentences[text], noun, (verb,), done, question=question) is stated


def test_the_asked_relation_keeps_the_verb_and_the_names_of_a_count() -> None:
    asked = read_relation("How many houses did Mansour purchase in Karachi?")
    assert asked.counted_verbs == ("purchase",)
    assert frozenset({"mansour"}) in asked.counted_by


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("How many raids did the TTP carry out in August?", "32 attacks in August"),
        ("How many homes did Mullah Akhtar Mansour buy in Karachi?", "five properties in Karachi"),
        ("How many houses did Mansour purchase in Karachi?", "five properties in Karachi"),
    ],
)
def test_a_count_in_other_words_after_the_asked_verb_is_answered(engine: Any, question: str, lead: str) -> None:
    stands_leading_with(engine, question, lead)


@pytest.mark.parametrize(
    "question",
    [
        "How many raids did the TTP carry out in Sindh?",
        "How many houses did Mansour purchase in Quetta?",
        "How many houses did Baradar buy in Dubai?",
    ],
)
def test_the_same_count_of_another_place_or_person_abstains(engine: Any, question: str) -> None:
    assert engine.ask(question).abstained


@pytest.mark.parametrize(
    "question",
    [
        "How many cars did Mullah Akhtar Mansour buy in Karachi?",
        "How many arrests did the TTP carry out in August?",
        "How many kidnappings did the TTP carry out in August?",
    ],
)
def test_a_count_of_another_thing_after_the_asked_verb_abstains(engine: Any, question: str) -> None:
    assert engine.ask(question).abstained
