"""Pages end to end: a PDF's units carry the pages they span into the index, the API's results
and units, `cited units` and the citations; a text source's units carry none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from service.answer import citation, page_label
from service.api.models import UnitOut
from service.cli import main
from service.engine import load_engine
from service.records import Document, Unit
from service.schemas import ResultOut
from service.settings import Settings
from tests.conftest import CORPUS


def test_page_labels() -> None:
    assert page_label(()) is None
    assert page_label((7,)) == "p. 7"
    assert page_label((7, 8)) == "pp. 7\u20138"


def test_citations_show_pages_only_for_paginated_sources() -> None:
    document = Document(id="d", path="d.pdf", title="T", publisher="P", date="2021-06-30")
    unit = Unit(
        id="d:fn:3",
        kind="footnote",
        document_id="d",
        section=None,
        text="x",
        ordinal=0,
        spans=(),
        section_label="IV",
        number=3,
        pages=(7, 8),
    )
    assert citation(document, unit).endswith("§IV, footnote 3, pp. 7\u20138")
    assert "p." not in citation(
        document, Unit(id="d:p:1", kind="passage", document_id="d", section=None, text="x", ordinal=0, spans=())
    )


def test_results_carry_pages_and_cite_them(pdf_settings: Settings, embedder: Any) -> None:
    # Pages are what is checked here, not abstention: the fixture holds part of the briefing,
    # whose calibrated score may fall under the cut for a question about the rest of it.
    answering = pdf_settings.model_copy(update={"abstain_probability": 0.0, "abstain_threshold": 0.0})
    engine = load_engine(answering, embedder=embedder)
    answer = engine.ask("Which countries recognised the Taliban's Islamic Emirate?", top_k=5)
    results = [r for r in answer.results if r.hit.unit.kind != "document"]  # a card has no pages
    assert results
    for result in results:
        out = ResultOut.from_record(result)
        pages = result.hit.unit.pages
        assert pages and out.pages == list(pages)
        assert out.citation.endswith(page_label(pages) or "")
        assert UnitOut.from_record(result.hit.unit).pages == list(pages)


def test_cited_units_prints_pages_for_a_pdf_and_none_for_text(
    pdf_settings: Settings, built_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def units_of(corpus: Path, index: Path) -> list[dict]:
        monkeypatch.setenv("CITED_CORPUS_DIR", str(corpus))
        monkeypatch.setenv("CITED_INDEX_DIR", str(index))
        from service.settings import get_settings

        get_settings.cache_clear()
        result = CliRunner().invoke(main, ["units"])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines()]

    pdf = [u for u in units_of(pdf_settings.corpus_dir, pdf_settings.index_dir) if u["kind"] != "document"]
    assert pdf and all(u["pages"] and u["pages"][0] >= 1 for u in pdf)  # a document's card has no pages
    assert any(len(u["pages"]) == 2 for u in pdf)
    assert all("pages" not in u for u in units_of(CORPUS, built_index_dir))
