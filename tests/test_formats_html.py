"""The HTML reader against the text: each seed saved as a web page with site chrome (navigation,
cookie banner, related links, footer) and linked notes must give the text version's units."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from service.catalog import load_catalog
from service.errors import BadInput
from service.formats import detect_format, read_document
from service.records import Document, Unit
from service.text import normalise
from service.units import document_units, parsed_units
from tests.conftest import CORPUS
from tests.support.footnote_refs import assert_in_place
from tests.support.typeset import CHROME, HtmlNotes, saved_web_page

STYLES: tuple[HtmlNotes, ...] = ("sup-links", "doc-roles")
CASES = [(doc, style) for doc in ("icg-asia-briefing-169", "fp-pakistan-taliban-2021") for style in STYLES]


@pytest.fixture(scope="session")
def documents() -> dict[str, Document]:
    return {d.id: d for d in load_catalog(CORPUS)}


@pytest.fixture(scope="session")
def html_units(tmp_path_factory: pytest.TempPathFactory, documents: dict[str, Document]) -> dict[tuple, list[Unit]]:
    folder = tmp_path_factory.mktemp("html")
    units = {}
    for doc_id, style in CASES:
        document = documents[doc_id]
        page = folder / f"{doc_id}-{style}.html"
        page.write_text(
            saved_web_page((CORPUS / document.path).read_text(encoding="utf-8"), document.title, style),
            encoding="utf-8",
        )
        units[(doc_id, style)] = parsed_units(document, read_document(page))
    return units


def text_units(document: Document) -> dict[str, Unit]:
    return {u.id: u for u in document_units(document, (CORPUS / document.path).read_text(encoding="utf-8"))}


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


@pytest.mark.parametrize(("doc_id", "style"), CASES)
def test_units_match_the_text_version(doc_id: str, style: str, html_units: dict, documents: dict) -> None:
    want = text_units(documents[doc_id])
    got = {u.id: u for u in html_units[(doc_id, style)]}
    footnotes = [u for u in want.values() if u.kind == "footnote"]
    for unit in footnotes:
        assert unit.id in got and similarity(unit.text, got[unit.id].text) >= 0.95, unit.id
    passages = [u for u in want.values() if u.kind == "passage"]
    found = [u for u in passages if u.id in got and similarity(u.text, got[u.id].text) >= 0.95]
    assert len(found) >= 0.97 * len(passages), sorted({u.id for u in passages} - {u.id for u in found})
    assert all(got[u.id].section == u.section for u in found), "headings must give the same sections"


@pytest.mark.parametrize(("doc_id", "style"), CASES)
def test_notes_are_linked_both_ways(doc_id: str, style: str, html_units: dict, documents: dict) -> None:
    want = text_units(documents[doc_id])
    got = {u.id: u for u in html_units[(doc_id, style)]}
    for unit in want.values():
        assert got[unit.id].footnotes == unit.footnotes
        assert got[unit.id].cited_by == unit.cited_by
        assert_in_place(got[unit.id])
        if got[unit.id].text == unit.text:  # markers where the text version has them
            assert got[unit.id].footnote_refs == unit.footnote_refs, unit.id


@pytest.mark.parametrize(("doc_id", "style"), CASES)
def test_no_site_chrome_and_no_pages(doc_id: str, style: str, html_units: dict) -> None:
    for unit in html_units[(doc_id, style)]:
        assert not any(chrome.lower() in unit.text.lower() for chrome in CHROME), unit.text
        assert "↩" not in unit.text and "Related story" not in unit.text
        assert unit.pages == ()


def test_a_page_is_html_whatever_its_extension(documents: dict, tmp_path: Path) -> None:
    document = documents["fp-pakistan-taliban-2021"]
    page = saved_web_page((CORPUS / document.path).read_text(encoding="utf-8"), document.title)
    path = tmp_path / "saved.txt"
    path.write_text(page, encoding="utf-8")
    assert detect_format(path.read_bytes(), ".txt") == "html"
    assert len(read_document(path).paragraphs) >= 25


def test_a_page_without_article_text_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><footer>All rights reserved</footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(BadInput, match="no article text"):
        read_document(path)
