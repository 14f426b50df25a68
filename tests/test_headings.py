"""Section headings on the lexical side (service.units.lexical_text, service.headings): a
heading's words find its section's passages, a question naming a section ranks them first, and
its answer's sentences are chosen on the rest of the question. The headings are read from the
session index's units or made up here (one test asks a dev question, d520, in the corpus's words)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from service.bm25 import bm25_scores, term_share, tokenize
from service.headings import SectionHeadings
from service.parse import heading_title
from service.records import SECTION_SEPARATOR, Unit
from service.retrieve import encode, rank
from service.units import lexical_text

from .support.answers import lead_holds


def _under(units: list[Unit], heading: str) -> set[int]:
    """The passages whose section path holds `heading`."""
    return {
        i
        for i, u in enumerate(units)
        if u.kind == "passage" and u.section and heading in u.section.split(SECTION_SEPARATOR)
    }


def _headings(units: list[Unit]) -> list[str]:
    return sorted({h for u in units if u.kind == "passage" and u.section for h in u.section.split(SECTION_SEPARATOR)})


@pytest.fixture(scope="module")
def heading_only(engine: Any) -> tuple[str, str]:
    """A heading with a title term no sentence of the text holds ("overview", say), and that term."""
    files = engine.files
    for heading in _headings(files.units):
        for term in tokenize([heading_title(heading)])[0]:
            if term_share(files.sentence_bm25, term) == 0.0:
                return heading, term
    pytest.skip("every heading word also occurs in the text")


def test_heading_title_drops_the_number_and_keeps_an_unnumbered_heading() -> None:
    assert heading_title("VI. Conclusion") == "Conclusion"
    assert heading_title("A. The Costs of Isolation") == "The Costs of Isolation"
    assert heading_title("Background") == "Background"


def test_a_passage_is_indexed_with_its_headings_and_a_note_without() -> None:
    passage = Unit("d:p:I.1", "passage", "d", "I. Overview", "Body text.", 0, (), section_label="I")
    note = replace(passage, id="d:fn:1", kind="footnote")
    assert lexical_text(passage) == "I. Overview\nBody text."
    assert lexical_text(note) == "Body text."
    assert lexical_text(replace(passage, section=None)) == "Body text."


def test_a_heading_word_finds_exactly_its_sections_passages(engine: Any, heading_only: tuple[str, str]) -> None:
    files = engine.files
    heading, term = heading_only
    scores = bm25_scores(files.bm25, term, len(files.units))
    assert set(np.flatnonzero(scores > 0).tolist()) == _under(files.units, heading)
    # The sentence index keeps the bare text: the heading word is in none of its sentences.
    assert term not in files.sentence_bm25.vocab_dict


def test_a_question_holding_a_heading_title_names_all_its_passages_or_none(
    engine: Any, heading_only: tuple[str, str]
) -> None:
    files = engine.files
    for heading in _headings(files.units):
        under = _under(files.units, heading)
        named = set(np.flatnonzero(files.headings.named(heading_title(heading))).tolist())
        assert under <= named or not under & named, heading
    heading, _ = heading_only  # a word no sentence holds is rare: that heading names its section
    assert _under(files.units, heading) <= set(np.flatnonzero(files.headings.named(heading_title(heading))).tolist())
    assert not files.headings.named("").any()


def test_a_heading_of_common_words_only_names_nothing() -> None:
    units = [
        Unit(f"d:p:I.{n}", "passage", "d", "I. Pakistan and the Taliban", "Text.", n, (), section_label="I")
        for n in range(3)
    ]
    common = SectionHeadings(units, lambda term: 0.5)
    rare = SectionHeadings(units, lambda term: 0.0)
    assert not common.named("What does Pakistan and the Taliban say?").any()
    assert rare.named("What does Pakistan and the Taliban say?").all()
    assert not rare.named("What does Pakistan say?").any()


def test_a_question_naming_a_section_ranks_its_passages_first(engine: Any, heading_only: tuple[str, str]) -> None:
    files = engine.files
    heading, _ = heading_only
    question = f"What does the {heading_title(heading).lower()} say?"
    ranked = rank(files, encode(engine.embedder, question, (), "hybrid"), None, "hybrid", engine.settings)
    assert int(ranked.units[0]) in _under(files.units, heading)


def _trade_headings(share: float = 0.01) -> SectionHeadings:
    """Headings of a made-up document: "Trade with Neighbours", whose words its text also uses
    (`share` of the sentences), and "Prelude", a word no sentence uses."""
    units = [
        Unit("d:p:I.1", "passage", "d", "I. Prelude", "Text.", 0, (), section_label="I"),
        Unit("d:p:II.1", "passage", "d", "II. Trade with Neighbours", "Text.", 1, (), section_label="II"),
    ]
    return SectionHeadings(units, lambda term: 0.0 if term == "prelud" else share)


def _terms(text: str) -> set[str]:
    return set(tokenize([text])[0])


@pytest.mark.parametrize(
    "question",
    [
        "What does the section on trade with neighbours say about tariffs?",
        "In 'Trade with Neighbours', what is said about tariffs?",
        "Under \u2018Trade with Neighbours\u2019, what is said about tariffs?",
        "What does the trade with neighbours part say about tariffs?",
    ],
)
def test_a_section_called_by_its_title_is_left_out_of_what_the_question_asks(question: str) -> None:
    headings = _trade_headings()
    about = _terms(headings.read(question).about)
    assert "tariff" in about
    assert not about & {"trade", "neighbour"}
    assert len(headings.read(question).about) == len(question)  # blanked, the other words keep their offsets


def test_a_title_word_asked_about_again_stays() -> None:
    headings = _trade_headings()
    about = _terms(headings.read("In 'Trade with Neighbours', how did trade change?").about)
    assert "trade" in about
    assert "neighbour" not in about


def test_a_title_used_as_the_topic_is_not_a_sections_name() -> None:
    # Its words are in the text too, and nothing calls them a section: they are what it asks.
    headings = _trade_headings()
    question = "How did trade with neighbours change after the war?"
    assert headings.named(question).any()
    assert headings.read(question).spans == ()
    assert headings.read(question).about == question


def test_a_word_only_a_heading_uses_names_its_section_unquoted() -> None:
    headings = _trade_headings()
    about = headings.read("What does the prelude say about tariffs?").about
    assert _terms(about) == _terms("What does the say about tariffs?")
    assert headings.read("Prelude").spans == ()  # the name is all it asks: nothing is left out


def test_the_passages_of_the_sections_a_question_names_are_found() -> None:
    headings = _trade_headings()
    assert headings.read("What does the prelude say about tariffs?").sections.tolist() == [0]
    assert headings.read("In 'Trade with Neighbours', what is said about tariffs?").sections.tolist() == [1]
    assert len(headings.read("How did trade with neighbours change after the war?").sections) == 0  # the topic


def test_a_question_naming_a_section_is_answered_from_that_sections_document(engine: Any) -> None:
    # Dev d277: ranked over the whole library, a web article's sentence on the border fence led
    # the answer of a question about the briefing's conclusion.
    question = "What does the conclusion recommend Pakistan do?"
    named = engine.files.headings.read(question).sections
    documents = {engine.sources.units[int(i)].document_id for i in named}
    assert len(documents) == 1
    answer = engine.ask(question)
    assert not answer.abstained
    assert {r.hit.unit.document_id for r in answer.results} == documents
    lead_holds(answer, "stop treating Afghanistan as a Pakistani protectorate")


def test_the_lead_is_chosen_without_the_name_of_the_section_asked_about(engine: Any) -> None:
    # "overview" is a word only the heading uses: the question asks about the Pakistani Taliban,
    # and the sentence naming them leads, not the one the whole question (with its section's
    # name) reads closest to (dev d520).
    files = engine.files
    question = "What does the overview say about the Pakistani Taliban?"
    assert files.headings.read(question).spans
    answer = engine.ask(question)
    assert not answer.abstained
    assert answer.results[0].hit.unit.section is not None and "Overview" in answer.results[0].hit.unit.section
    lead_holds(answer, "particularly the Pakistani Taliban")


def test_every_heading_of_the_index_called_a_section_is_left_out(engine: Any) -> None:
    files = engine.files
    for heading in _headings(files.units):
        title = heading_title(heading)
        question = f"What does the section on {title} say about the weather?"
        if not files.headings.named(question).any():
            continue  # a title of common words only names nothing (RARE_SHARE)
        about = _terms(files.headings.read(question).about)
        assert "weather" in about, heading
        assert not about & (_terms(title) - _terms("the weather")), heading
