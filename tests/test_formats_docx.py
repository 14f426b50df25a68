"""Word documents against the text: each seed written as a .docx (Heading styles, footnotes in
word/footnotes.xml, a note cited twice as a superscript number) gives the text version's units."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from service.catalog import load_catalog
from service.errors import BadInput
from service.formats import detect_format, read_document
from service.units import document_units, parsed_units
from tests.conftest import CORPUS
from tests.support.typeset import word_document


@pytest.mark.parametrize("doc_id", ["icg-asia-briefing-169", "fp-pakistan-taliban-2021"])
def test_word_document_gives_the_units_of_the_text_version(doc_id: str, tmp_path: Path) -> None:
    document = next(d for d in load_catalog(CORPUS) if d.id == doc_id)
    raw = (CORPUS / document.path).read_text(encoding="utf-8")
    path = tmp_path / "report.bin"  # the bytes say it is Word, not the name
    path.write_bytes(word_document(raw))
    assert detect_format(path.read_bytes()) == "docx"
    want = [(u.id, u.text, u.footnotes, u.cited_by, u.pages, u.footnote_refs) for u in document_units(document, raw)]
    got = [
        (u.id, u.text, u.footnotes, u.cited_by, u.pages, u.footnote_refs)
        for u in parsed_units(document, read_document(path))
    ]
    assert got == want


def test_a_zip_without_a_word_document_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    with pytest.raises(BadInput, match="zip archive"):
        read_document(path)
