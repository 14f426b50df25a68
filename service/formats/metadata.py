"""Metadata found in a document file: what `cited add` writes to the catalog unless a flag
says otherwise.

- PDF: the info dictionary and the XMP packet (pdfplumber / pdfminer), else the largest
  line of the title page.
- HTML: trafilatura's metadata extraction (`<title>`, `meta` and Open Graph tags, JSON-LD,
  bylines, canonical link).
- Text and Markdown: the first heading (or short first line), a "By ..." byline, and a date
  near the top.

Nothing here is trusted: a value that does not look like what its field holds is dropped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from service.dates import month_number, month_pattern
from service.formats import Format

_MONTH = f"({month_pattern()})"
_ISO = re.compile(r"^D?:?(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) {_MONTH},? (\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH} (\d{{1,2}}), (\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH} (\d{{4}})\b")
_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'\- ]{2,80}?)\s*(?:[,|]|$)")
_MARKDOWN_HEADING = re.compile(r"^#{1,2}\s+(?P<title>\S.*)$")
# Titles producers write instead of the document's own.
_JUNK_TITLE = re.compile(r"^(untitled|document\d*|microsoft word\b.*|.*\.(docx?|pdf|indd|tex|odt))$", re.I)
_MAX_FIELD = 300
_TOP_LINES = 15  # a text file's title, byline and date are in its first lines
_XMP_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


@dataclass(frozen=True)
class FoundMetadata:
    """Catalog fields found in a file; None where nothing trustworthy was found."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    publisher: str | None = None
    series: str | None = None
    url: str | None = None

    def or_else(self, other: FoundMetadata) -> FoundMetadata:
        """These values, with `other`'s wherever this has none."""
        return replace(self, **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})


def find_metadata(data: bytes, fmt: Format) -> FoundMetadata:
    """Whatever catalog fields the file states about itself."""
    if fmt == "pdf":
        return _pdf_metadata(data)
    if fmt == "html":
        return _html_metadata(data)
    if fmt == "text":
        return _text_metadata(data.decode("utf-8", "replace"))
    return FoundMetadata()


def iso_date(text: str | None) -> str | None:
    """'2021-06-30T10:00', 'D:20210630…', '30 June 2021', 'June 30, 2021', 'June 2021' -> ISO."""
    if not text:
        return None
    text = text.strip()
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        match = pattern.search(text)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            return f"{parts['y']}-{_month_number(parts['m'])}-{int(parts['d']):02d}"
    match = _MONTH_YEAR.search(text)
    if match:
        return f"{match.group(2)}-{_month_number(match.group(1))}"
    iso = _ISO.match(text)
    if not iso or not 1000 <= int(iso.group(1)) <= 2999:
        return None
    year, month, day = iso.groups()
    if month and not 1 <= int(month) <= 12:
        return year
    if day and 1 <= int(day) <= 31:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}" if month else year


def _month_number(name: str) -> str:
    return f"{month_number(name):02d}"


def _field(value: Any) -> str | None:
    """A one-line, bounded string, or None for anything else."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value if 0 < len(value) <= _MAX_FIELD else None


def _title(value: Any) -> str | None:
    title = _field(value)
    return None if title is None or _JUNK_TITLE.match(title) else title


def _pdf_metadata(data: bytes) -> FoundMetadata:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        info = pdf.metadata
        found = FoundMetadata(
            title=_title(info.get("Title")),
            author=_field(info.get("Author")),
            date=iso_date(_field(info.get("CreationDate"))),
        )
        found = found.or_else(_xmp_metadata(pdf.doc.catalog.get("Metadata")))
        if found.title is None and pdf.pages:
            found = replace(found, title=_title_page_title(pdf.pages[0]))
    return found


def _xmp_metadata(reference: Any) -> FoundMetadata:
    """dc:title, dc:creator, dc:date / xmp:CreateDate from the XMP packet, if there is one."""
    from lxml import etree
    from pdfminer.pdftypes import resolve1

    try:
        packet = resolve1(reference).get_data()
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(packet, parser=parser)
    except Exception:  # a broken packet is no metadata, not a broken document
        return FoundMetadata()

    def first(path: str) -> str | None:
        values = root.xpath(f"//{path}//text()", namespaces=_XMP_NS) or root.xpath(f"//@{path}", namespaces=_XMP_NS)
        return _field(next((v for v in values if str(v).strip()), None))

    return FoundMetadata(
        title=_title(first("dc:title")),
        author=first("dc:creator"),
        date=iso_date(first("dc:date") or first("xmp:CreateDate")),
    )


def _title_page_title(page: Any) -> str | None:
    """The words set in the largest size on the first page, in reading order."""
    words = page.extract_words(extra_attrs=["size"])
    if not words:
        return None
    largest = max(round(w["size"], 1) for w in words)
    return _title(" ".join(w["text"] for w in words if round(w["size"], 1) == largest))


def _html_metadata(data: bytes) -> FoundMetadata:
    from trafilatura.metadata import extract_metadata

    # Only dates the page states: no guessing from URLs or the file's own date.
    found = extract_metadata(
        data.decode("utf-8", "replace"), date_config={"extensive_search": False, "original_date": True}
    )
    return FoundMetadata(
        title=_title(found.title),
        author=_field(found.author),
        date=iso_date(found.date),
        publisher=_field(found.sitename),
        url=_field(found.url) if found.url and found.url.startswith(("http://", "https://")) else None,
    )


def _text_metadata(text: str) -> FoundMetadata:
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_TOP_LINES]
    title = author = date = None
    for line in lines:
        heading = _MARKDOWN_HEADING.match(line)
        if title is None and (heading or (len(line) <= 150 and not line.endswith((".", "?", "!")))):
            title = _title(heading.group("title").strip("*_ ") if heading else line)
        byline = _BYLINE.match(line)
        if author is None and byline:
            author = _field(byline.group("name"))
        if date is None and (_DAY_MONTH_YEAR.search(line) or _MONTH_DAY_YEAR.search(line)):
            date = iso_date(line)
    return FoundMetadata(title=title, author=author, date=date)
