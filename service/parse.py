"""Parse a document's raw text into body paragraphs and footnotes, repairing page breaks.

Text extracted from a paginated PDF reads, page after page, as: body blocks, then the page's
footnote blocks. A page break leaves two marks that this module repairs:

- a body paragraph cut at the foot of a page goes on in the first body block after the
  page's footnotes (mid-word after a hyphen, or between words);
- the last footnote of a page, cut, goes on in the block just before the next page's
  footnotes (after that page's body text).

Blocks are runs of non-blank lines. Each one is classified (footnote, heading, metadata,
back matter, text) and text blocks are assigned to the body or to a footnote. Everything
keeps the character span it came from, so each unit points back at its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from service.text import (
    MARKER,
    SUPERSCRIPT_DIGITS,
    Span,
    clean_inline,
    ends_sentence,
    sentence_spans,
    superscript_to_int,
)

PARSER_VERSION = "6"  # 2: documents read through service.formats, units carry pages; 3: document cards;
# 4: sentences split by pysbd; 5: passages keep their footnote markers in place (footnote_refs);
# 6: "(a) …; (b) …" enumerators no longer hide the sentence end after them (service.text)

BlockKind = Literal["footnote", "heading", "metadata", "text"]

_FOOTNOTE_START = re.compile(f"^([{SUPERSCRIPT_DIGITS}]+)\\s*(?=\\S)")
_NUMBERED_HEADING = re.compile(r"^(?P<label>[IVXLC]+|[A-Z])\.\s+(?P<title>\S.*)$")
_MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>\S.*)$")
_BYLINE = re.compile(r"^By\s")
_MAX_HEADING_CHARS = 150
_MAX_METADATA_WORDS = 15
_MIN_BODY_WORDS = 30  # the first block this long (or citing a footnote) opens the body


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines of the raw text; `page` (first page 1) when the source is paginated."""

    text: str
    span: Span
    page: int | None = None
    last_page: int | None = None  # when the block itself runs onto later pages


class _Pieced:
    """A unit read from blocks a page break may have cut: its text joined again, its pages."""

    pieces: list[Block]

    def raw_text(self) -> str:
        return join_pieces([p.text for p in self.pieces])

    @property
    def pages(self) -> tuple[int, ...]:
        return pages_of(self.pieces)


@dataclass
class Paragraph(_Pieced):
    """A body paragraph, possibly put together from pieces cut by page breaks."""

    pieces: list[Block]
    section: tuple[str, ...]
    section_key: tuple[str, ...]


@dataclass
class Footnote(_Pieced):
    number: int
    pieces: list[Block]


def pages_of(pieces: list[Block]) -> tuple[int, ...]:
    """The pages a unit's pieces lie on, in order; () for a source without pages."""
    pages: set[int] = set()
    for piece in pieces:
        if piece.page is not None:
            pages.update(range(piece.page, (piece.last_page or piece.page) + 1))
    return tuple(sorted(pages))


@dataclass
class ParsedDocument:
    """The body paragraphs and footnotes of a document, plus what was left out and why."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: dict[int, Footnote] = field(default_factory=dict)
    skipped: list[tuple[Block, str]] = field(default_factory=list)


def split_blocks(raw: str) -> list[Block]:
    """Blocks separated by blank lines, each with its span in `raw`."""
    blocks = []
    for match in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", raw):
        text = match.group(0)
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        start = match.start() + lead
        blocks.append(Block(stripped, (start, start + len(stripped))))
    return blocks


def heading_title(heading: str) -> str:
    """A section heading as a unit's path holds it, without its number: 'Conclusion' for
    'VI. Conclusion'; a heading without a number as it is."""
    numbered = _NUMBERED_HEADING.match(heading)
    return numbered.group("title") if numbered else heading


def heading_of(text: str) -> tuple[int, str, str] | None:
    """(level, label, title) when `text` is a section heading such as 'II. Backdrop'."""
    if len(text) > _MAX_HEADING_CHARS or "\n" in text or MARKER.search(text):
        return None
    md = _MARKDOWN_HEADING.match(text)
    if md:
        title = clean_inline(md.group("title")).strip()
        if not _NUMBERED_HEADING.match(title):  # '## II. Backdrop' is numbered like 'II. Backdrop'
            return len(md.group("hashes")), title, title
        text = title
    numbered = _NUMBERED_HEADING.match(text)
    if not numbered or text.rstrip().endswith("."):
        return None
    label = numbered.group("label")
    level = 2 if len(label) == 1 and label not in "IVX" else 1
    # A lone I, V or X is a Roman numeral only when the heading is not a sub-heading run;
    # "I." opens the body, "V." follows "IV." - both level 1.
    title = clean_inline(numbered.group("title")).strip()
    return level, label, f"{label}. {title}"


def classify(block: Block, footnote_numbers: set[int]) -> BlockKind:
    """The kind of a block, from its own shape only."""
    start = _FOOTNOTE_START.match(block.text)
    if start and superscript_to_int(start.group(1)) in footnote_numbers:
        return "footnote"
    if heading_of(block.text):
        return "heading"
    if _looks_like_metadata(block.text):
        return "metadata"
    return "text"


def _looks_like_metadata(text: str) -> bool:
    """Title lines, series lines, datelines, bylines: short and not a sentence."""
    if _BYLINE.match(text) and len(text.split()) <= 25:
        return True
    return (
        len(text.split()) <= _MAX_METADATA_WORDS
        and not ends_sentence(text)
        and not MARKER.search(text)
        and len(sentence_spans(text)) <= 1
    )


def footnote_numbers_of(blocks: list[Block]) -> set[int]:
    """Numbers of the blocks that open a footnote, kept only if they form a 1..N sequence.

    A superscript at the start of a block is a footnote only if the numbers found this way
    count up from 1: a stray superscript (a power, say) does not make a footnote.
    """
    found = []
    for block in blocks:
        start = _FOOTNOTE_START.match(block.text)
        if start:
            found.append(superscript_to_int(start.group(1)))
    numbers: set[int] = set()
    expected = 1
    for number in found:
        if number == expected:
            numbers.add(number)
            expected += 1
    return numbers


def parse_document(raw: str) -> ParsedDocument:
    """Parse raw document text into paragraphs and footnotes, repairing page breaks."""
    blocks = split_blocks(raw)
    numbers = footnote_numbers_of(blocks)
    kinds = [classify(b, numbers) for b in blocks]
    body_start = _body_start(blocks, kinds)
    top = {blocks[i].text for i in range(body_start) if kinds[i] == "metadata"}
    back = _back_matter(blocks, kinds, body_start, top)
    kinds = _demote_inner_metadata(blocks, kinds, body_start, top, back)
    parsed = ParsedDocument()
    kept = [i for i in range(len(blocks)) if i not in back]
    parsed.skipped.extend((blocks[i], "back matter") for i in sorted(back))
    _Assembler(parsed, [blocks[i] for i in kept], [kinds[i] for i in kept]).run()
    return parsed


def _body_start(blocks: list[Block], kinds: list[BlockKind]) -> int:
    """The first heading, or full paragraph, or text citing a footnote: the top ends there."""
    for i, (block, kind) in enumerate(zip(blocks, kinds, strict=True)):
        if kind == "heading":
            return i
        if kind == "text" and (len(block.text.split()) >= _MIN_BODY_WORDS or MARKER.search(block.text)):
            return i
    return len(kinds)


def _back_matter(blocks: list[Block], kinds: list[BlockKind], body_start: int, top: set[str]) -> set[int]:
    """Blocks after the closing signature (a top line repeated, e.g. the dateline) other than
    footnotes; without a signature, the trailing run of metadata-like lines."""
    signature = next(
        (i for i in range(body_start, len(kinds)) if kinds[i] == "metadata" and blocks[i].text in top), None
    )
    if signature is not None:
        return {i for i in range(signature + 1, len(kinds)) if kinds[i] != "footnote"}
    back: set[int] = set()
    for i in range(len(kinds) - 1, body_start - 1, -1):
        if kinds[i] != "metadata":
            break
        back.add(i)
    return back


def _demote_inner_metadata(
    blocks: list[Block], kinds: list[BlockKind], body_start: int, top: set[str], back: set[int]
) -> list[BlockKind]:
    """Short sentence-less blocks inside the body are page-break fragments, not metadata.

    Metadata lines sit at the top or repeat a top line further down (a closing dateline);
    any other short block, or one that the next text block visibly continues, is text cut
    by a page break.
    """
    result = list(kinds)
    for i in range(len(kinds)):
        if kinds[i] != "metadata" or i in back:
            continue
        inner = i >= body_start and blocks[i].text not in top
        following = next((j for j in range(i + 1, len(kinds)) if kinds[j] != "footnote"), None)
        continued = following is not None and kinds[following] != "heading" and blocks[following].text[:1].islower()
        if inner or continued:
            result[i] = "text"
    return result


class _Assembler:
    """Walks the blocks once, building paragraphs and footnotes and joining cut pieces."""

    def __init__(self, parsed: ParsedDocument, blocks: list[Block], kinds: list[BlockKind]):
        self.parsed = parsed
        self.blocks = blocks
        self.kinds = kinds
        self.section: list[tuple[int, str, str]] = []  # (level, label, title)
        self.last_footnote: Footnote | None = None  # the last footnote of the latest footer
        self.cut_paragraph: Paragraph | None = None  # body cut by the latest page break

    def run(self) -> None:
        for i, (block, kind) in enumerate(zip(self.blocks, self.kinds, strict=True)):
            if kind == "footnote":
                if not self._after_footer(i):
                    self._close_page_body()
                self._footnote(block)
            elif kind == "heading":
                self._heading(block)
            elif kind == "metadata":
                self.parsed.skipped.append((block, "metadata"))
            else:
                self._text(i, block)

    def _footnote(self, block: Block) -> None:
        start = _FOOTNOTE_START.match(block.text)
        assert start is not None
        number = superscript_to_int(start.group(1))
        body = Block(block.text[start.end() :], (block.span[0] + start.end(), block.span[1]))
        if number in self.parsed.footnotes:
            # A repeated number is text that happens to start with a superscript.
            self._append_to_footnote(self.parsed.footnotes[number], block)
            return
        note = Footnote(number, [body])
        self.parsed.footnotes[number] = note
        self.last_footnote = note

    def _close_page_body(self) -> None:
        """Entering a footer: the page's last paragraph may continue after it."""
        last = self.parsed.paragraphs[-1] if self.parsed.paragraphs else None
        self.cut_paragraph = last if last and not ends_sentence(last.pieces[-1].text) else None

    def _heading(self, block: Block) -> None:
        found = heading_of(block.text)
        assert found is not None
        level, label, title = found
        self.section = [s for s in self.section if s[0] < level] + [(level, label, title)]
        self.cut_paragraph = None
        self.parsed.skipped.append((block, "heading"))

    def _text(self, i: int, block: Block) -> None:
        if self._continues_footnote(i, block):
            assert self.last_footnote is not None
            self._append_to_footnote(self.last_footnote, block)
            self.last_footnote = None
            return
        if self.cut_paragraph is not None and self._after_footer(i):
            self.cut_paragraph.pieces.append(block)
            self.cut_paragraph = None
            return
        self.cut_paragraph = None
        if self._continues_previous_paragraph(i, block):
            self.parsed.paragraphs[-1].pieces.append(block)
            return
        self.parsed.paragraphs.append(
            Paragraph(
                [block],
                tuple(s[2] for s in self.section),
                tuple(s[1] for s in self.section),
            )
        )

    def _continues_previous_paragraph(self, i: int, block: Block) -> bool:
        """A page break with no footnotes on the page: the text simply goes on.

        A block that does not end a sentence, followed by more text, was cut there.
        """
        if i == 0 or self.kinds[i - 1] != "text" or not self.parsed.paragraphs:
            return False
        last = self.parsed.paragraphs[-1]
        if last.pieces[-1] is not self.blocks[i - 1]:
            return False
        return _continuation_strength(last.pieces[-1].text, block.text) >= 1

    def _after_footer(self, i: int) -> bool:
        """The block is the first text after a run of footnotes (the top of a new page)."""
        j = i - 1
        while j >= 0 and self.kinds[j] == "metadata":
            j -= 1
        return j >= 0 and self.kinds[j] == "footnote"

    def _continues_footnote(self, i: int, block: Block) -> bool:
        """The block sits right before the next footer and carries on a cut footnote."""
        note = self.last_footnote
        if note is None or ends_sentence(note.pieces[-1].text) or MARKER.search(block.text):
            return False
        nxt = self._next_footnote_number(i)
        if nxt is None or nxt != note.number + 1:
            return False
        if self.cut_paragraph is not None and self._after_footer(i):
            # The only text block of the page: it continues the body unless it reads as the
            # footnote's continuation and not the paragraph's.
            return _continuation_strength(note.pieces[-1].text, block.text) > _continuation_strength(
                self.cut_paragraph.pieces[-1].text, block.text
            )
        return True

    def _next_footnote_number(self, i: int) -> int | None:
        """Number of the footnote opening the footer that directly follows block i."""
        j = i + 1
        while j < len(self.kinds) and self.kinds[j] == "metadata":
            j += 1
        if j >= len(self.kinds) or self.kinds[j] != "footnote":
            return None
        start = _FOOTNOTE_START.match(self.blocks[j].text)
        return superscript_to_int(start.group(1)) if start else None

    @staticmethod
    def _append_to_footnote(note: Footnote, block: Block) -> None:
        note.pieces.append(block)


def _continuation_strength(before: str, after: str) -> int:
    """How strongly `after` reads as the rest of `before` (0: not at all, 3: certainly)."""
    if ends_sentence(before):
        return 0
    if before.endswith("-") and after[:1].islower():
        return 3
    return 2 if after[:1].islower() else 1


def join_pieces(pieces: list[str]) -> str:
    """Join the pieces of a unit cut by page breaks: rejoin hyphenated words, else a space."""
    text = pieces[0]
    for piece in pieces[1:]:
        text = join_two(text, piece)
    return text


def join_two(before: str, after: str) -> str:
    """'Paki-' + 'stani policy' -> 'Pakistani policy'; 'close' + 'ties' -> 'close ties'."""
    if re.search(r"[A-Za-z]-$", before) and after[:1].islower():
        return before[:-1] + after
    return f"{before} {after}"


def iter_footnote_markers(text: str) -> Iterator[tuple[int, Span]]:
    """(number, span) of each superscript marker in `text`."""
    for match in MARKER.finditer(text):
        yield superscript_to_int(match.group(0)), match.span()
