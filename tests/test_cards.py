"""Document cards: a unit per document made of its catalog fields, retrieved, answered and
cited like any other unit, and reachable through the `kinds` filter."""

from __future__ import annotations

from typing import Any

import pytest

from service.cards import (
    CARD_SCORE,
    CardQuestion,
    card_id,
    document_card,
    read_card_by_topic,
    read_card_question,
    read_documents_on,
)
from service.catalog import load_catalog
from service.records import Document, Filters
from service.schemas import AskRequest
from service.units import load_corpus

from .conftest import CORPUS
from .support.answers import lead_holds
from .support.documents import ADDED_DOCUMENT


def test_every_document_has_one_card_made_of_its_catalog_fields() -> None:
    corpus = load_corpus(CORPUS)
    cards = [u for u in corpus.units if u.kind == "document"]
    assert [c.document_id for c in cards] == [d.id for d in corpus.documents]
    briefing = next(c for c in cards if c.document_id == "icg-asia-briefing-169")
    assert briefing.id == card_id("icg-asia-briefing-169")
    assert briefing.text.splitlines() == [
        "Title: Pakistan: Shoring Up Afghanistan's Peace Process",
        "Kind: briefing",
        "Publisher: International Crisis Group",
        "Series: Asia Briefing N°169",
        "Date: 30 June 2021",
    ]
    own = [u for u in corpus.units if u.document_id == briefing.document_id]
    assert briefing.ordinal == len(own) - 1  # after the document's own units
    assert len({u.id for u in corpus.units}) == len(corpus.units)


def test_a_card_leaves_out_what_the_catalog_does_not_know() -> None:
    document = next(d for d in load_catalog(CORPUS) if d.id == "fp-pakistan-taliban-2021")
    text = document_card(document, ordinal=0).text
    assert "Author: Michael Kugelman" in text and "Date: September 2021" in text
    assert "Series" not in text and "URL" not in text


def test_who_wrote_the_article_is_answered_from_its_card(engine: Any) -> None:
    answer = engine.ask("Who is the author of the article on the future of Pakistan-Taliban relations?")
    assert not answer.abstained
    top = answer.results[0]
    assert top.hit.unit.kind == "document" and "Author: Michael Kugelman" in top.hit.unit.text
    assert top.citation.startswith('Michael Kugelman, "Future of Pakistan-Taliban relations"')
    assert any("Michael Kugelman" in s.text for s in answer.sentences)


def test_when_was_the_briefing_published_is_answered_from_its_card(engine: Any) -> None:
    answer = engine.ask("When was the briefing published?")
    assert not answer.abstained
    assert answer.results[0].hit.unit.id == card_id("icg-asia-briefing-169")
    lead_holds(answer, "Date: 30 June 2021")


def test_the_kinds_filter_reaches_cards_alone(engine: Any) -> None:
    answer = engine.ask("Which documents discuss the Taliban?", filters=Filters(kinds=("document",)), top_k=5)
    assert {r.hit.unit.kind for r in answer.results} == {"document"}
    assert AskRequest.model_validate({"question": "q", "filters": {"kinds": ["document"]}}).filters


_ADDED = ADDED_DOCUMENT


def _catalog() -> list[Document]:
    return [*load_catalog(CORPUS), _ADDED]


@pytest.mark.parametrize(
    ("question", "fields", "documents"),
    [
        ("Who wrote the Acme Policy Institute report?", ("Author", "Publisher"), ("acme-report-2022",)),
        ("When was Doe's report published?", ("Date",), ("acme-report-2022",)),
        ("What is the title of Jane Doe's paper?", ("Title",), ("acme-report-2022",)),
        ("Who published the report on water security in the Indus basin?", ("Publisher",), ("acme-report-2022",)),
        ("Who wrote Water Security in the Indus Basin?", ("Author", "Publisher"), ("acme-report-2022",)),
        ("What is the title of Kugelman's article?", ("Title",), ("fp-pakistan-taliban-2021",)),
        ("Who wrote the Crisis Group briefing?", ("Author", "Publisher"), ("icg-asia-briefing-169",)),
        ("What series is the Crisis Group briefing part of?", ("Series",), ("icg-asia-briefing-169",)),
    ],
)
def test_a_field_of_a_named_document_is_read_from_any_catalog(
    question: str, fields: tuple[str, ...], documents: tuple[str, ...]
) -> None:
    assert read_card_question(question, _catalog()) == CardQuestion(fields, documents)


@pytest.mark.parametrize(
    "question",
    [
        "When was the Murree meeting?",  # no field of a document
        "Who wrote that Pakistan hosts the Taliban leadership?",  # no document named
        # A report the briefing cites, described by what its card does not say.
        "When was the Crisis Group report on Pashtun alienation published?",
        "When was Kugelman's Dawn article published?",
        # "when … published" not asked: the date of publication only places what is asked (session 45).
        "What did the Crisis Group briefing say when it was published?",
        "Who was the Taliban spokesperson when the Foreign Policy article was written?",
        "When the Crisis Group briefing was published, who led Pakistan?",
        "When the Crisis Group briefing was published who led Pakistan?",
    ],
)
def test_other_questions_are_not_card_questions(question: str) -> None:
    assert read_card_question(question, _catalog()) is None


@pytest.mark.parametrize(
    ("question", "document", "line"),
    [
        (
            "What is the title of Kugelman's article?",
            "fp-pakistan-taliban-2021",
            "Title: Future of Pakistan-Taliban relations",
        ),
        # A briefing without an author was written by its publisher.
        ("Who wrote the Crisis Group briefing?", "icg-asia-briefing-169", "Publisher: International Crisis Group"),
        ("When did Michael Kugelman's article appear?", "fp-pakistan-taliban-2021", "Date: September 2021"),
        ("Who published Asia Briefing N°169?", "icg-asia-briefing-169", "Publisher: International Crisis Group"),
    ],
)
def test_a_card_question_is_answered_with_the_fields_line(engine: Any, question: str, document: str, line: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    top = answer.results[0]
    assert top.hit.unit.id == card_id(document) and top.hit.score == CARD_SCORE
    assert [s.text for s in answer.sentences] == [line]
    start, end = answer.sentences[0].span
    assert top.hit.unit.text[start:end] == line and top.highlights == ((start, end),)


def test_a_described_cited_report_is_ranked_not_read_off_a_card(engine: Any) -> None:
    answer = engine.ask("When was the Crisis Group report on Pashtun alienation published?")
    assert answer.results[0].hit.unit.kind != "document"
    assert "5 August 2003" in answer.results[0].hit.unit.text


def test_a_card_question_filtered_away_from_cards_is_ranked(engine: Any) -> None:
    answer = engine.ask("Who wrote the Crisis Group briefing?", filters=Filters(kinds=("passage", "footnote")))
    assert all(r.hit.unit.kind != "document" for r in answer.results)


def test_documents_on_a_topic_are_listed_by_their_cards(engine: Any) -> None:
    answer = engine.ask("What documents do you have on the peace process?")
    assert not answer.abstained
    assert answer.results[0].hit.unit.id == card_id("icg-asia-briefing-169")
    assert answer.sentences[0].text == "Title: Pakistan: Shoring Up Afghanistan's Peace Process"
    assert {r.hit.unit.kind for r in answer.results} == {"document"}
    assert all(0 < r.hit.score <= 1 for r in answer.results)


def test_documents_on_a_topic_no_document_names_abstains(engine: Any) -> None:
    assert read_documents_on("What documents do you have on quantum chromodynamics?") == "quantum chromodynamics"
    assert engine.ask("What documents do you have on quantum chromodynamics?").abstained


@pytest.mark.parametrize(
    ("question", "documents"),
    [
        # Earliest first when the question asks which came first, latest first otherwise.
        (
            "Which was published first, the Crisis Group briefing or the Foreign Policy article?",
            ("icg-asia-briefing-169", "fp-pakistan-taliban-2021"),
        ),
        (
            "Which is more recent, Kugelman's article or the Crisis Group briefing?",
            ("fp-pakistan-taliban-2021", "icg-asia-briefing-169"),
        ),
        (
            "Was the Acme Policy Institute report published later than the Crisis Group briefing?",
            ("acme-report-2022", "icg-asia-briefing-169"),
        ),
        # Asked of two documents without picking one: their dates in the order they are named.
        (
            "Was the Foreign Policy article written before or after the Acme Policy Institute report?",
            ("fp-pakistan-taliban-2021", "acme-report-2022"),
        ),
        ("Is Doe's report older than Kugelman's article?", ("acme-report-2022", "fp-pakistan-taliban-2021")),
        (
            "How many months apart were the Crisis Group briefing and Doe's report published?",
            ("icg-asia-briefing-169", "acme-report-2022"),
        ),
        (
            "How long after the Acme Policy Institute report was the Crisis Group briefing issued?",
            ("acme-report-2022", "icg-asia-briefing-169"),
        ),
        # "The documents" compares every document of the catalog.
        (
            "Which of the documents was published last?",
            ("acme-report-2022", "fp-pakistan-taliban-2021", "icg-asia-briefing-169"),
        ),
    ],
)
def test_which_came_first_orders_the_named_documents_by_date(question: str, documents: tuple[str, ...]) -> None:
    assert read_card_question(question, _catalog()) == CardQuestion(("Date",), documents)


@pytest.mark.parametrize(
    "question",
    [
        "Which report was cited first in the briefing?",  # no publication compared
        "Is the Taliban older than the TTP?",  # no document named
        "Did Pakistan release Baradar before or after the briefing?",  # one document
        # One side is a report the briefing cites, not a document of the library.
        "Which was published first, the Crisis Group report on Pashtun alienation or Kugelman's article?",
    ],
)
def test_other_comparisons_are_not_date_comparisons(question: str) -> None:
    assert read_card_question(question, _catalog()) is None


def test_which_came_first_is_answered_with_both_dates_earliest_first(engine: Any) -> None:
    answer = engine.ask("Which came out first, the briefing or Kugelman's article?")
    assert not answer.abstained
    assert [s.text for s in answer.sentences] == ["Date: 30 June 2021", "Date: September 2021"]
    assert [r.hit.unit.id for r in answer.results] == [
        card_id("icg-asia-briefing-169"),
        card_id("fp-pakistan-taliban-2021"),
    ]


def test_before_or_after_is_answered_with_both_dates_in_the_order_asked(engine: Any) -> None:
    answer = engine.ask("Did Kugelman's article come out before or after the Crisis Group briefing?")
    assert not answer.abstained
    assert [s.text for s in answer.sentences] == ["Date: September 2021", "Date: 30 June 2021"]


def test_a_document_asked_of_by_its_topic_is_read_off_its_card(engine: Any) -> None:
    """The article named by what it is about, which its card does not hold, is picked by
    retrieval of the topic (docs/retrieval.md, "Questions about a document")."""
    answer = engine.ask("Who wrote the article about Pakistan's win in Afghanistan?")
    assert answer.results[0].hit.unit.id == card_id("fp-pakistan-taliban-2021")
    assert answer.sentences[0].text == "Author: Michael Kugelman"
    dated = engine.ask("When was the report on Pakistan's role in the Afghan peace talks published?")
    assert dated.sentences[0].text == "Date: 30 June 2021"


def test_a_cited_work_asked_of_by_its_topic_keeps_its_note(engine: Any) -> None:
    answer = engine.ask("Who wrote the Al Jazeera piece about the sanitization of the Haqqanis?")
    assert all(r.hit.unit.kind != "document" for r in answer.results)
    assert "Fahd Hussain" in answer.results[0].hit.unit.text


def test_the_topic_reading_holds_for_any_catalog() -> None:
    documents = [*load_catalog(CORPUS), ADDED_DOCUMENT]
    asked = read_card_by_topic("When was the paper on water sharing along the Indus published?", documents)
    assert asked is not None
    assert asked.fields == ("Date",)
    assert asked.topic == "water sharing along the Indus"
    assert set(asked.documents) == {d.id for d in documents}
    by_publisher = read_card_by_topic("Who wrote the Acme Policy Institute report on dams?", documents)
    assert by_publisher is not None and by_publisher.documents == ("acme-report-2022",)
    assert read_card_by_topic("Who wrote the Dawn piece about Khalilzad's visit?", documents) is None
