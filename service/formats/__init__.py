"""Read a document file of any supported format into a `ParsedDocument`.

The format comes from the file's bytes, not its extension (a `.pdf` that is really text is
read as text; a zip is a Word document only if it holds one). Each format has its own reader
module; all of them produce the same paragraphs and footnotes that `service.units` turns
into units, with the pages each one spans when the source is paginated.
"""

from __future__ import annotations

import io
import zipfile
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
    """The format of a file from its bytes; BadInput when it is none we read. (`suffix` is taken
    for callers that have one; the bytes have settled every case so far.)"""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(b"pk\x03\x04"):
        if _is_word(data):
            return "docx"
        raise BadInput("a zip archive is not a document format cited reads (PDF, HTML, Word, text, Markdown)")
    if head.startswith(_HTML_OPENINGS) and (b"<html" in head or b"<body" in data[:65536].lower()):
        return "html"
    if b"\x00" in data[:4096]:
        raise BadInput("not a document format cited reads (PDF, HTML, Word, text, Markdown): the file is binary")
    return "text"


def _is_word(data: bytes) -> bool:
    """A zip holding a Word document's main part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


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
        from service.formats.docx import read_docx

        return read_docx
    raise BadInput(f"{fmt.upper()} is not supported")
