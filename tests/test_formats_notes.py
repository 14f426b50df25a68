"""Text and Markdown with notes marked [^1], [1], (1) or ^1 and gathered at the end give the
same units as the shipped text shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.catalog import load_catalog
from service.formats import read_document
from service.formats.notes import mark_notes, split_notes
from service.units import document_units, parsed_units
from tests.conftest import CORPUS
from tests.support.typeset import NoteStyle, noted_text

STYLES: tuple[NoteStyle, ...] = ("markdown", "brackets", "parens", "caret")


@pytest.mark.parametrize("style", STYLES)
def test_noted_text_gives_the_units_of_the_text_version(style: NoteStyle, tmp_path: Path) -> None:
    document = next(d for d in load_catalog(CORPUS) if d.id == "icg-asia-briefing-169")
    raw = (CORPUS / document.path).read_text(encoding="utf-8")
    path = tmp_path / "briefing.md"
    path.write_text(noted_text(raw, style), encoding="utf-8")
    want = [(u.id, u.text, u.footnotes, u.cited_by, u.footnote_refs) for u in document_units(document, raw)]
    got = [
        (u.id, u.text, u.footnotes, u.cited_by, u.footnote_refs) for u in parsed_units(document, read_document(path))
    ]
    assert got == want


def test_notes_section_numbers_run_in_order_and_carry_on_lines() -> None:
    body, notes = split_notes("Text.[1] More (2) here.[2]\n\nNotes\n\n1. First\nstill first.\n2. Second.\n")
    assert notes == {1: "First still first.", 2: "Second."}
    assert mark_notes(body, set(notes)).strip() == "Text.¹ More (2) here.²"


def test_bracketed_numbers_that_are_not_notes_stay() -> None:
    assert mark_notes("see [7] and x^2", {1}) == "see [7] and x^2"


def test_markdown_definitions_leave_the_body() -> None:
    body, notes = split_notes("A claim.[^1]\n\n[^1]: The source,\n    page 4.\n\nMore text.")
    assert notes == {1: "The source, page 4."}
    assert body.split() == ["A", "claim.[^1]", "More", "text."]
