"""Plain text and Markdown: today's shape (superscript markers, notes opened by a superscript),
or notes marked `[1]`, `(1)`, `^1` or `[^1]` in the text and gathered in a notes section
(Markdown `[^1]: ...` definitions, or numbered lines after a "Notes" heading).

The second kind is rewritten into the first, markers as superscript digits and each note as a
block opened by its number after the body, and parsed by the same rules.
"""

from __future__ import annotations

import re

from service.errors import BadInput
from service.formats.shaped import superscript
from service.parse import ParsedDocument, footnote_numbers_of, parse_document, split_blocks

_DEFINITION = re.compile(r"^\[\^(?P<n>\d{1,4})\]:\s*(?P<text>.*)$")
_NOTES_HEADING = re.compile(r"^(#{1,6}\s*)?(notes|endnotes|footnotes)\s*:?\s*$", re.IGNORECASE)
_NOTE_LINE = re.compile(
    r"^(?:\[\^?(?P<a>\d{1,4})\]:?|\((?P<b>\d{1,4})\)|\^(?P<c>\d{1,4})|(?P<d>\d{1,4})[.)])\s+(?P<text>\S.*)$"
)
# In the text: [^3], [3] (a space before it is dropped), ^3, and (3) right after a word or punctuation.
_MARKER = re.compile(r" ?\[\^(?P<a>\d{1,4})\]| ?\[(?P<b>\d{1,4})\]|\^(?P<c>\d{1,4})\b|(?<=[^\s(])\((?P<d>\d{1,4})\)")


def decode_text(data: bytes) -> str:
    """UTF-8 text, or BadInput naming the problem."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def read_text(data: bytes) -> ParsedDocument:
    """Parse a text or Markdown document."""
    text = decode_text(data)
    if footnote_numbers_of(split_blocks(text)):
        return parse_document(text)
    body, notes = split_notes(text)
    if not notes:
        return parse_document(text)
    blocks = [f"{superscript(n)} {' '.join(t.split())}" for n, t in sorted(notes.items())]
    return parse_document("\n\n".join([mark_notes(body, set(notes)).rstrip(), *blocks]))


def split_notes(text: str) -> tuple[str, dict[int, str]]:
    """The body and the notes {number: text}: Markdown definitions, else a notes section."""
    lines = text.split("\n")
    if any(_DEFINITION.match(line) for line in lines):
        return _definitions(lines)
    heading = max((i for i, line in enumerate(lines) if _NOTES_HEADING.match(line.strip())), default=None)
    if heading is None:
        return text, {}
    notes = _numbered_notes(lines[heading + 1 :])
    return ("\n".join(lines[:heading]), notes) if notes else (text, {})


def _definitions(lines: list[str]) -> tuple[str, dict[int, str]]:
    """`[^3]: text` lines (and the indented lines that carry them on) out of the body."""
    body: list[str] = []
    notes: dict[int, str] = {}
    current: int | None = None
    for line in lines:
        definition = _DEFINITION.match(line)
        if definition:
            current = int(definition.group("n"))
            notes[current] = definition.group("text")
        elif current is not None and line.startswith(("    ", "\t")) and line.strip():
            notes[current] += " " + line.strip()
        else:
            current = None if line.strip() else current
            body.append(line)
    return "\n".join(body), notes


def _numbered_notes(lines: list[str]) -> dict[int, str]:
    """Notes numbered 1, 2, 3 ... in order; a line that does not open the next note carries on the last."""
    notes: dict[int, str] = {}
    for line in (x.strip() for x in lines):
        if not line:
            continue
        start = _NOTE_LINE.match(line)
        number = next((int(g) for g in start.group("a", "b", "c", "d") if g), None) if start else None
        if start and number == len(notes) + 1:
            notes[number] = start.group("text")
        elif notes:
            notes[len(notes)] += " " + line
    return notes


def mark_notes(body: str, numbers: set[int]) -> str:
    """Markers of known notes as superscript digits; any other bracketed number stays as it is."""

    def marker(match: re.Match[str]) -> str:
        number = int(next(g for g in match.group("a", "b", "c", "d") if g))
        return superscript(number) if number in numbers else match.group(0)

    return _MARKER.sub(marker, body)
