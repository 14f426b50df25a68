"""Word documents, read with docx2python (MIT), which keeps Word's footnotes and endnotes.

Paragraphs styled `Heading N` give sections; every other paragraph is text (a `Title` paragraph
is top matter, as the text rules judge it). A note reference is where docx2python writes
`----footnote3----`; notes are numbered in the order the text first cites them, as Word
displays them, endnotes after footnotes. A superscript number that is not a reference (a note
cited a second time) is a marker too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from service.errors import BadInput
from service.formats.shaped import Piece, parse_pieces, superscript
from service.parse import ParsedDocument

_REFERENCE = re.compile(r"----(?P<kind>footnote|endnote)(?P<id>\d+)----")
_NOTE_START = re.compile(r"^(?P<kind>footnote|endnote)(?P<id>\d+)\)\s*")
_HEADING_STYLE = re.compile(r"^heading\s*(?P<level>\d)$", re.IGNORECASE)


def read_docx(data: bytes) -> ParsedDocument:
    """Parse a Word document into paragraphs and footnotes."""
    from docx2python import docx2python

    try:
        with docx2python(io.BytesIO(data), html=True) as content:
            body = [(par.style or "", _par_text(par)) for par in _flat(content.body_pars)]
            notes = _notes(_flat(content.footnotes_pars)) | _notes(_flat(content.endnotes_pars))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput(f"not a readable Word document ({type(exc).__name__})") from exc
    numbers = _note_numbers(text for _, text in body)
    pieces: list[Piece] = []
    for style, text in body:
        text = _REFERENCE.sub(lambda m: superscript(numbers[(m["kind"], m["id"])]), text).strip()
        heading = _HEADING_STYLE.match(style)
        if text:
            pieces.append(Piece("heading", text, level=int(heading["level"])) if heading else Piece("paragraph", text))
    pieces += [Piece("note", notes[key], number=n) for key, n in numbers.items() if key in notes]
    return parse_pieces(pieces)


def _flat(nested: Any) -> Iterator[Any]:
    """docx2python's tables > rows > cells > paragraphs, as one run of paragraphs."""
    if isinstance(nested, list):
        for item in nested:
            yield from _flat(item)
    else:
        yield nested


def _par_text(par: Any) -> str:
    """The paragraph's text; a superscript number that is not a note reference as superscript digits."""
    parts = []
    for run in par.runs:
        text = run.text
        if "sup" in run.html_style and text.strip().isdigit():
            text = superscript(int(text.strip()))
        parts.append(text)
    return "".join(parts)


def _notes(pars: Iterator[Any]) -> dict[tuple[str, str], str]:
    """(kind, id) -> text; a note's later paragraphs carry on its first."""
    notes: dict[tuple[str, str], str] = {}
    current: tuple[str, str] | None = None
    for par in pars:
        text = "".join(run.text for run in par.runs)
        start = _NOTE_START.match(text)
        if start:
            current = (start["kind"], start["id"])
            notes[current] = text[start.end() :].strip()
        elif current is not None and text.strip():
            notes[current] += " " + text.strip()
    return notes


def _note_numbers(texts: Iterator[str]) -> dict[tuple[str, str], int]:
    """Each referenced note's number, in order of first reference; endnotes after footnotes."""
    order: dict[str, list[str]] = {"footnote": [], "endnote": []}
    for text in texts:
        for match in _REFERENCE.finditer(text):
            if match["id"] not in order[match["kind"]]:
                order[match["kind"]].append(match["id"])
    keys = [("footnote", i) for i in order["footnote"]] + [("endnote", i) for i in order["endnote"]]
    return {key: n for n, key in enumerate(keys, 1)}
