"""PDF, read from its layout with pdfplumber (MIT; PyMuPDF would bring the AGPL).

Lines come from `pdf_layout` in reading order without running heads, feet or page numbers.
Here they are sorted into headings, body and notes:

- the body size is the size most text is set in; footnotes are the smaller lines at the foot
  of a page or column, each opened by its number (the next one expected);
- headings are the PDF outline's entries when it has them, else lines set larger or bold;
- endnotes are the numbered lines after a heading such as "Notes";
- a paragraph ends at a wider gap, an indent, or a short line that ends a sentence; one cut by
  a page or column break goes on at the next body line, and a cut note at the next foot;
- a word hyphenated at a line end is rejoined unless the document writes it with the hyphen.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from service.errors import BadInput
from service.formats.hyphenation import join_lines, vocabulary_of
from service.formats.pdf_layout import Line, page_lines, page_words, without_running_lines
from service.formats.shaped import Piece, parse_pieces
from service.parse import ParsedDocument
from service.text import MARKER, ends_sentence, normalise, superscript_to_int

_NOTE_SIZE = 0.93  # a line this much smaller than the body is note text
_HEADING_SIZE = 1.12  # a line this much larger is a heading (when the PDF has no outline)
_ENDNOTES_HEADING = re.compile(r"^(end\s*)?notes$", re.IGNORECASE)
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)  # '... 12'
_ENDNOTE_START = re.compile(r"^(?P<n>\d{1,4})[.)]?\s+(?=\S)")


def read_pdf(data: bytes) -> ParsedDocument:
    """Parse a PDF's text layer into paragraphs and footnotes, each with its pages."""
    pages, widths, outline = _open(data)
    kept = without_running_lines(pages)
    lines = [
        line
        for n, (words, width) in enumerate(zip(kept, widths, strict=True), 1)
        for line in page_lines(words, n, width)
    ]
    if not any(line.text.strip() for line in lines):
        raise BadInput("no text layer: run OCR first (for example `ocrmypdf in.pdf out.pdf`)")
    return parse_pieces(_Reader(lines, outline).pieces())


def _open(data: bytes) -> tuple[list[list[dict[str, Any]]], list[float], dict[str, int]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            outline = _outline(pdf)
            return [page_words(page) for page in pdf.pages], [float(page.width) for page in pdf.pages], outline
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise BadInput("the PDF is encrypted: save a copy without a password first") from exc
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadInput(f"not a readable PDF ({type(exc).__name__})") from exc
    except Exception as exc:  # pdfminer raises bare Exceptions on broken files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise BadInput("the PDF is encrypted: save a copy without a password first") from exc
        raise BadInput(f"not a readable PDF ({type(exc).__name__})") from exc


def _outline(pdf: Any) -> dict[str, int]:
    """Normalised outline title -> level (1 for the top), or {} when the PDF has none."""
    try:
        return {normalise(title): level for level, title, *_ in pdf.doc.get_outlines() if title}
    except Exception:  # PDFNoOutlines, or a broken outline: headings then come from fonts
        return {}


@dataclass
class _Open:
    """The paragraph or note being put together."""

    kind: str
    lines: list[Line] = field(default_factory=list)
    number: int | None = None


class _Reader:
    """One pass over the lines, building pieces."""

    def __init__(self, lines: list[Line], outline: dict[str, int]):
        self.lines = lines
        self.outline = outline
        self.body_size = _body_size(lines)
        self.gap = _usual_gap(lines, self.body_size)
        self.vocabulary = vocabulary_of([line.text for line in lines])
        self.foot = _foot(lines, self.body_size * _NOTE_SIZE)
        self.heading_sizes = sorted({round(x.size) for x in lines if self._looks_like_heading(x)}, reverse=True)
        self.out: list[Piece] = []
        self.paragraph: _Open | None = None
        self.note: _Open | None = None
        self.next_note = 1
        self.in_endnotes = False
        self.seen_body = False

    def pieces(self) -> list[Piece]:
        i = 0
        previous: Line | None = None
        while i < len(self.lines):
            line = self.lines[i]
            heading = self._heading_at(i)
            if heading is not None:
                title, level, used = heading
                self._heading(title, level, [self.lines[j] for j in range(i, i + used)])
                previous, i = None, i + used
                continue
            if _CONTENTS_ENTRY.search(line.text):
                i += 1  # a table of contents is not text: its entries are the headings, with page numbers
                continue
            self.seen_body = self.seen_body or self._is_body_text(line)
            if self._is_note_line(i):
                self._note_line(line)
            else:
                self._body_line(line, previous)
                previous = line
            i += 1
        self._close_paragraph()
        self._close_note()
        return self.out

    def _heading_at(self, i: int) -> tuple[str, int, int] | None:
        """(title, level, lines used) when a heading starts at line i."""
        line = self.lines[i]
        if not self.seen_body:
            return None  # large type above the first paragraph is a title page: the text rules judge it
        if self.outline:
            for used in (1, 2, 3):
                group = self.lines[i : i + used]
                text = " ".join(x.text for x in group)
                if len(group) == used and normalise(text) in self.outline:
                    return text, self.outline[normalise(text)], used
            return None
        if not self._looks_like_heading(line):
            return None
        used = 1
        while i + used < len(self.lines) and self._same_style(line, self.lines[i + used]) and used < 3:
            used += 1
        level = self.heading_sizes.index(round(line.size)) + 1 if round(line.size) in self.heading_sizes else 1
        return " ".join(x.text for x in self.lines[i : i + used]), level, used

    def _is_body_text(self, line: Line) -> bool:
        """A line of running text in the body size (a title page has none, or only short lines)."""
        return abs(line.size - self.body_size) < 0.3 and len(line.text) > 60

    def _looks_like_heading(self, line: Line) -> bool:
        if MARKER.search(line.text) or len(line.text) > 150 or ends_sentence(line.text):
            return False
        return line.size >= self.body_size * _HEADING_SIZE or (line.bold and line.size >= self.body_size * 0.98)

    @staticmethod
    def _same_style(a: Line, b: Line) -> bool:
        return a.page == b.page and abs(a.size - b.size) < 0.2 and a.bold == b.bold and b.top - a.bottom < a.size

    def _heading(self, title: str, level: int, lines: list[Line]) -> None:
        self._close_paragraph()
        if _ENDNOTES_HEADING.match(title.strip()):
            self._close_note()
            self.in_endnotes = True
            return
        self.out.append(Piece("heading", title, _pages(lines), level=level))

    def _is_note_line(self, i: int) -> bool:
        return self.in_endnotes or i in self.foot

    def _note_line(self, line: Line) -> None:
        number, text = self._note_start(line)
        if number is not None:
            self._close_note()
            self.note = _Open("note", [replace_text(line, text)], number)
            self.next_note = number + 1
        elif self.note is not None:
            self.note.lines.append(line)
        # note text before the first note (a stray line in the foot) is left out

    def _note_start(self, line: Line) -> tuple[int | None, str]:
        marker = MARKER.match(line.text)
        if marker and line.starts_with_marker and superscript_to_int(marker.group(0)) == self.next_note:
            return self.next_note, line.text[marker.end() :].strip()
        plain = _ENDNOTE_START.match(line.text)
        if plain and int(plain.group("n")) == self.next_note and (self.in_endnotes or line.starts_with_marker):
            return self.next_note, line.text[plain.end() :]
        return None, line.text

    def _body_line(self, line: Line, previous: Line | None) -> None:
        current = self.paragraph
        if current is None or not self._continues(current.lines[-1], line, previous):
            self._close_paragraph()
            self.paragraph = _Open("paragraph", [line])
        else:
            current.lines.append(line)

    def _continues(self, last: Line, line: Line, previous: Line | None) -> bool:
        """Does `line` go on with the paragraph whose latest line is `last`?"""
        if abs(line.size - last.size) > 0.3 or line.bold != last.bold:
            return False
        indented = line.x0 > line.column_left + self.body_size * 0.8
        if last.page != line.page or last.column != line.column or previous is None:
            # A page or column break, or notes in between: the paragraph goes on when it was cut mid-sentence.
            # A break that falls between two sentences reads as a paragraph break (a full last line is no
            # proof either way: typeset paragraphs do end flush with the margin).
            return not indented and (not ends_sentence(last.text) or line.text[:1].islower())
        if line.top - last.bottom > self.gap + self.body_size * 0.35 or indented:
            return False
        return not (ends_sentence(last.text) and last.x1 < last.column_right - self.body_size * 2)

    def _close_paragraph(self) -> None:
        if self.paragraph is not None:
            lines = self.paragraph.lines
            self.out.append(Piece("paragraph", self._join(lines), _pages(lines)))
        self.paragraph = None

    def _close_note(self) -> None:
        if self.note is not None:
            lines = self.note.lines
            self.out.append(Piece("note", self._join(lines), _pages(lines), number=self.note.number))
        self.note = None

    def _join(self, lines: list[Line]) -> str:
        text = lines[0].text
        for line in lines[1:]:
            text = join_lines(text, line.text, self.vocabulary)
        return text


def replace_text(line: Line, text: str) -> Line:
    return replace(line, text=text, starts_with_marker=False)


def _pages(lines: list[Line]) -> tuple[int, ...]:
    return tuple(sorted({line.page for line in lines}))


def _foot(lines: list[Line], note_size: float) -> set[int]:
    """Indexes of the lines in the foot of their page or column: the trailing run of smaller lines."""
    foot: set[int] = set()
    in_foot = False
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        later = lines[i + 1] if i + 1 < len(lines) else None
        if later is None or later.page != line.page or later.column != line.column:
            in_foot = True
        in_foot = in_foot and line.size < note_size
        if in_foot:
            foot.add(i)
    return foot


def _body_size(lines: list[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0]


def _usual_gap(lines: list[Line], body_size: float) -> float:
    """The usual space between two body lines of a paragraph."""
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.column == b.column and a.size == b.size == body_size and b.top > a.bottom - 1
    ]
    return statistics.median(gaps) if gaps else body_size * 0.3
