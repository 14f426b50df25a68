"""An office asked by a form of its word the corpus never writes ("Who is the Taliban
spokeswoman?", the corpus writing "spokesperson") is no word of another subject: the off-topic
reading does not count it as unseen (service.relations.office_form_written, read by
service.offtopic.read_topic; docs/tuning.md, session 58)."""

from __future__ import annotations

from typing import Any

import pytest

from service.bm25 import term_share, terms_of
from service.offtopic import read_topic
from service.relations import office_form_written

SPOKESWOMAN = next(iter(terms_of("spokeswoman")))


def _shares(written: str) -> Any:
    """A made-up corpus writing the stems of `written` (each in a tenth of its units), nothing else."""
    known = terms_of(written)
    return lambda term: 0.1 if term in known else 0.0


def test_an_office_form_counts_as_written_when_the_corpus_writes_the_office() -> None:
    assert office_form_written(SPOKESWOMAN, _shares("taliban spokesperson"))
    assert office_form_written(next(iter(terms_of("spokesmen"))), _shares("spokesperson"))
    # A corpus writing no form of the office: the word is as unseen as any other.
    assert not office_form_written(SPOKESWOMAN, _shares("taliban minister"))
    # A word of no office form, however the corpus writes: never read so.
    assert not office_form_written(next(iter(terms_of("mouthpiece"))), _shares("spokesperson mouthpiece"))


def test_the_topic_reading_leaves_an_office_form_out_of_the_unseen_words() -> None:
    question = "Who is the Taliban spokeswoman?"
    share = _shares("taliban spokesperson")
    plain = read_topic(question, share, 100)
    assert plain.unseen == (SPOKESWOMAN,) and plain.may_be_elsewhere
    read = read_topic(question, share, 100, written_otherwise=office_form_written)
    assert read.unseen == () and not read.may_be_elsewhere
    # Where the corpus writes no spokesperson, the form stays unseen.
    other = read_topic(question, _shares("taliban minister"), 100, written_otherwise=office_form_written)
    assert other.unseen == (SPOKESWOMAN,)


def test_the_engine_reads_the_corpus_s_spokesperson_as_written(engine: Any) -> None:
    share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
    assert office_form_written(SPOKESWOMAN, share)


@pytest.mark.parametrize("question", ["Who is the Taliban spokeswoman?", "Who are the Taliban spokesmen?"])
def test_a_spokesperson_asked_by_another_form_is_answered_with_the_one_the_corpus_names(
    engine: Any, question: str
) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert "Taliban spokesperson" in " ".join(answer.results[0].hit.unit.text.split())


@pytest.mark.parametrize("question", ["Who is the ISI spokeswoman?", "Who are the TTP spokesmen?"])
def test_a_spokesperson_the_corpus_never_names_still_abstains(engine: Any, question: str) -> None:
    assert engine.ask(question).abstained
