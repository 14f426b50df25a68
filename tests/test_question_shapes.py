"""Question shapes a user trial found answered wrongly (docs/tuning.md, session 25): a question
spelt in the other of the British and American spellings than the document (service.bm25
folds them), a question quoting a phrase of the text (its sentence leads: service.answer), and
a summary request naming a topic ("Summarise what the article says about the TTP": ranked
within the document, not answered with its opening: service.summaries, service.scope)."""

from __future__ import annotations

from typing import Any

import pytest

from service.bm25 import fold_spelling, tokenize
from service.catalog import load_catalog
from service.scope import Scope, read_scope
from service.summaries import read_summary_question
from service.text import quoted_phrases

from .conftest import CORPUS
from .support.answers import answer_lead_holding, lead_holds

ARTICLE = "fp-pakistan-taliban-2021"


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("recognize", "recognise"),
        ("recognized", "recognised"),
        ("organization", "organisation"),
        ("criticizing", "criticising"),
        ("analyze", "analyse"),
        ("behavior", "behaviour"),
        ("favorite", "favourite"),
        ("honorable", "honourable"),
        ("defense", "defence"),  # dev d2436: "U.S. defence officials" for "the U.S. defense secretary"
        ("offenses", "offences"),
        ("license", "licence"),
    ],
)
def test_both_spellings_of_a_word_are_one_term(american: str, british: str) -> None:
    assert tokenize([american]) == tokenize([british])


@pytest.mark.parametrize(
    "word", ["size", "seize", "prize", "citizen", "promise", "hour", "your", "four", "devour", "fence", "evidence"]
)
def test_words_with_no_other_spelling_are_left_alone(word: str) -> None:
    assert fold_spelling(word) == word


def test_a_question_spelt_the_other_way_finds_the_sentence(engine: Any) -> None:
    """The article writes "don't recognize"; asked "recognise", the question abstained."""
    answer_lead_holding(
        engine,
        "Does the Taliban recognise the Afghanistan-Pakistan border?",
        "recognize the Afghanistan-Pakistan border",
    )


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ('Who said they are "two faces of the same coin"?', ("two faces of the same coin",)),
        ("Who called Pakistan “untrustworthy” and “manipulative”?", ("untrustworthy", "manipulative")),
        ("Where does the phrase 'Strategic Depth' appear?", ("strategic depth",)),
        ("What is Pakistan's role in the Haqqanis' rise?", ()),
    ],
)
def test_the_phrases_a_question_quotes(question: str, phrases: tuple[str, ...]) -> None:
    assert quoted_phrases(question) == phrases


def test_the_sentence_holding_a_quoted_phrase_leads(engine: Any) -> None:
    """Its unit ranked first, but a sentence sharing "Taliban" and "TTP" led; the quote names neither."""
    answer_lead_holding(
        engine, 'Who said the Taliban and the TTP are "two faces of the same coin"?', "two faces of the same coin"
    )


def test_a_cited_title_holding_a_quoted_phrase_can_lead(engine: Any) -> None:
    answer_lead_holding(engine, 'Where does the phrase "strategic depth" appear?', "Strategic depth")


def test_a_summary_request_naming_a_topic_is_a_topic_within_the_document() -> None:
    library = load_catalog(CORPUS)
    question = "Summarise what the article says about the TTP."
    assert read_summary_question(question, library) is None
    assert read_scope(question, library) == Scope((ARTICLE,), "the TTP.")
    assert read_summary_question("Summarise the Foreign Policy article.", library) == (ARTICLE,)


def test_a_summary_request_naming_a_topic_is_answered_on_the_topic(engine: Any) -> None:
    answer = engine.ask("Summarise what the article says about the TTP.")
    assert not answer.abstained
    assert {r.hit.unit.document_id for r in answer.results} == {ARTICLE}
    lead_holds(answer, "TTP")


def test_a_passive_when_of_a_death_the_corpus_never_tells_abstains(engine: Any) -> None:
    """A passive "When (and where) was X killed?" is read for its event as "When did X die?": a sentence
    naming X with a year is of something else; a true one still answers."""
    assert engine.ask("When and where was Baitullah Mehsud killed?").abstained
    assert engine.ask("When was Baitullah Mehsud killed?").abstained
    killed = engine.ask("When was Mansour killed?")
    assert not killed.abstained and "killed" in killed.sentences[0].text
