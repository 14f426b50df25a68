"""Metadata found in files (service.formats.metadata): PDF info, the title page, HTML meta,
Open Graph and JSON-LD, text bylines; and dates in the shapes documents write them."""

from __future__ import annotations

import pytest

from service.formats.metadata import FoundMetadata, find_metadata, iso_date

from .conftest import CORPUS
from .support import documents as make


def test_pdf_info_gives_title_author_and_date() -> None:
    found = find_metadata(make.typeset_pdf("Water Disputes"), "pdf")
    assert (found.title, found.author, found.date) == ("Water Disputes", "Jane Analyst", "2022-03-12")


def test_a_pdf_without_a_title_gets_its_title_page_heading() -> None:
    import typst

    pdf = bytes(
        typst.compile(b"#set text(size: 10pt)\n#text(size: 24pt)[The Canal Colonies]\n\nBody text.", format="pdf")
    )
    assert find_metadata(pdf, "pdf").title == "The Canal Colonies"


def test_html_meta_open_graph_and_json_ld() -> None:
    found = find_metadata(make.ARTICLE_HTML.encode(), "html")
    assert found == FoundMetadata(
        title="Glacier Melt and the Indus Basin",
        author="Ravi Fieldworker",
        date="2023-04-05",
        publisher="The Water Review",
        url="https://water.example.org/glacier-melt",
    )


def test_text_title_byline_and_date() -> None:
    assert find_metadata(make.NOTE_MD.encode(), "text") == FoundMetadata(
        title="Water Disputes on the Indus", author="Jane Analyst", date="2022-03-12"
    )
    briefing = (CORPUS / "documents" / "icg-asia-briefing-169.txt").read_bytes()
    found = find_metadata(briefing, "text")
    assert (found.title, found.date) == ("Pakistan: Shoring Up Afghanistan's Peace Process", "2021-06-30")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("D:20210630120000+00'00'", "2021-06-30"),
        ("2021-06-30T10:00:00Z", "2021-06-30"),
        ("Islamabad, 30 June 2021", "2021-06-30"),
        ("June 30, 2021", "2021-06-30"),
        ("September 2021", "2021-09"),
        ("2021", "2021"),
        ("2021-13-01", "2021"),
        ("soon", None),
        (None, None),
    ],
)
def test_iso_date(text: str | None, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_producer_titles_are_not_taken_for_the_document_s() -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make.typeset_pdf("Real Title"))))
    writer.add_metadata({"/Title": "Microsoft Word - draft7.docx"})
    out = io.BytesIO()
    writer.write(out)
    assert find_metadata(out.getvalue(), "pdf").title == "Real Title"  # from the XMP packet or title page
