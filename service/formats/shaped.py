"""From a reader's clean pieces (headings, paragraphs, notes) to a `ParsedDocument`.

Layout readers (PDF, HTML, Markdown notes) know where paragraphs, headings and notes are, but
not the document's top matter (title, series, dateline) nor its back matter. Rather than judge
those a second way, a reader writes its pieces out in the shipped text shape, one block each
(numbered headings as they stand, other headings as Markdown, each note as a block opened by
its superscript number, after the body) and hands that to `service.parse`. The same rules then
decide what is metadata, so a document gives the same units whatever format it came in. Each
block's pages come back onto the parsed paragraphs and footnotes by their spans.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Literal

from service.parse import Block, ParsedDocument, heading_of, parse_document
from service.text import SUPERSCRIPT_DIGITS

PieceKind = Literal["heading", "paragraph", "note"]

_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_BREAKS = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Piece:
    """One paragraph, heading or note as a reader found it; `pages` for paginated sources."""

    kind: PieceKind
    text: str  # footnote markers already as superscript digits
    pages: tuple[int, ...] = ()
    level: int = 1  # headings only
    number: int | None = None  # notes only


def superscript(number: int) -> str:
    """75 -> '⁷⁵'."""
    return str(number).translate(_TO_SUPERSCRIPT)


def map_ligatures(text: str) -> str:
    """'ﬁ' -> 'fi' and the like: typeset ligatures back to letters."""
    return _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def shaped_text(pieces: list[Piece]) -> tuple[str, list[tuple[int, tuple[int, ...]]]]:
    """The pieces as text in the shipped shape, and (block start, pages) for every block."""
    body = [p for p in pieces if p.kind != "note"]
    notes = sorted((p for p in pieces if p.kind == "note"), key=lambda p: p.number or 0)
    chunks: list[str] = []
    starts: list[tuple[int, tuple[int, ...]]] = []
    offset = 0
    for piece in body + notes:
        block = _block_text(piece)
        if not block:
            continue
        starts.append((offset, piece.pages))
        chunks.append(block)
        offset += len(block) + 2
    return "\n\n".join(chunks), starts


def _block_text(piece: Piece) -> str:
    text = " ".join(_BREAKS.sub(" ", map_ligatures(piece.text)).split())
    if not text:
        return ""
    if piece.kind == "note":
        return f"{superscript(piece.number or 0)} {text}"
    if piece.kind == "heading" and not heading_of(text):
        return f"{'#' * min(max(piece.level, 1), 6)} {text}"
    return text


def parse_pieces(pieces: list[Piece]) -> ParsedDocument:
    """Parse a reader's pieces with the text rules, each paragraph and footnote keeping its pages."""
    text, starts = shaped_text(pieces)
    parsed = parse_document(text)
    offsets = [start for start, _ in starts]

    def paged(block: Block) -> Block:
        at = bisect_right(offsets, block.span[0]) - 1
        pages = starts[at][1] if at >= 0 else ()
        return replace(block, page=pages[0] if pages else None, last_page=pages[-1] if pages else None)

    for paragraph in parsed.paragraphs:
        paragraph.pieces = [paged(b) for b in paragraph.pieces]
    for note in parsed.footnotes.values():
        note.pieces = [paged(b) for b in note.pieces]
    return parsed
