"""Document cards: a unit per document made of its catalog fields, retrieved, answered and
cited like any other unit, and reachable through the `kinds` filter."""

from __future__ import annotations

from typing import Any

from service.cards import card_id, document_card
from service.catalog import load_catalog
from service.records import Filters
from service.schemas import AskRequest
from service.units import load_corpus

from .conftest import CORPUS


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
    assert "Date: 30 June 2021" in answer.sentences[0].text


def test_the_kinds_filter_reaches_cards_alone(engine: Any) -> None:
    answer = engine.ask("Which documents discuss the Taliban?", filters=Filters(kinds=("document",)), top_k=5)
    assert {r.hit.unit.kind for r in answer.results} == {"document"}
    assert AskRequest.model_validate({"question": "q", "filters": {"kinds": ["document"]}}).filters
