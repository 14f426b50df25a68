"""Read a document file of any supported format into a `ParsedDocument`.

The format comes from the file's bytes (a `.pdf` that is really text is read as text); the
extension only breaks ties between formats that look alike. Each format has its own reader
module; all of them produce the same paragraphs and footnotes that `service.units` turns
into units, with the pages each one spans when the source is paginated.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from service.errors import BadInput
from service.formats import notes
from service.parse import ParsedDocument

Format = Literal["pdf", "html", "docx", "text"]
Reader = Callable[[bytes], ParsedDocument]

_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")


def detect_format(data: bytes, suffix: str = "") -> Format:
    """The format of a file from its first bytes; BadInput when it is none we read."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(b"pk\x03\x04"):
        if suffix.lower() == ".docx" or b"word/" in data[:4096]:
            return "docx"
        raise BadInput("a zip archive is not a document format cited reads (PDF, HTML, text, Markdown)")
    if head.startswith(_HTML_OPENINGS) and (b"<html" in head or b"<body" in data[:65536].lower()):
        return "html"
    if b"\x00" in data[:4096]:
        raise BadInput("not a document format cited reads (PDF, HTML, text, Markdown): the file is binary")
    return "text"


def read_document(path: Path) -> ParsedDocument:
    """Parse the document at `path`, whatever its format; BadInput when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise BadInput(f"{path.name}: the file is empty")
    fmt = detect_format(data, path.suffix)
    try:
        return _reader(fmt)(data)
    except BadInput as exc:
        raise BadInput(f"{path.name}: {exc}") from exc


def _reader(fmt: Format) -> Reader:
    if fmt == "text":
        return notes.read_text
    if fmt == "html":
        from service.formats.html import read_html  # trafilatura loads only when a page is read

        return read_html
    if fmt == "pdf":
        from service.formats.pdf import read_pdf  # pdfplumber loads only when a PDF is read

        return read_pdf
    if fmt == "docx":
        return _refuse_docx
    raise BadInput(f"{fmt.upper()} is not supported")


def _refuse_docx(data: bytes) -> ParsedDocument:
    # No maintained reader we could take keeps Word's footnotes as notes; a PDF export does.
    raise BadInput("Word documents are not supported: save as PDF first "
                   "(in Word, or `soffice --headless --convert-to pdf FILE.docx`)")
