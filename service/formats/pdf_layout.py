"""PDF pages to text lines in reading order, with the size, weight and place of each.

pdfplumber gives words with their font, size and box. Words become lines (a superscript,
smaller and raised, joins the line it sits on, as superscript digits); a page whose words
leave an empty gutter down the middle is read column by column; lines repeated at the top or
foot of many pages (running heads and feet) and bare page numbers are dropped.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any

from service.formats.shaped import superscript

Word = dict[str, Any]

_SUPERSCRIPT_RATIO = 0.8  # a word this much smaller than its line, and raised, is a superscript
_PAGE_NUMBER = re.compile(r"^(page\s+)?(\d{1,4}|[ivxlc]{1,6})(\s+(of|/)\s+\d{1,4})?$", re.IGNORECASE)
_NOTE_NUMBERS = re.compile(r"^\d{1,4}(,\d{1,4})*$")


@dataclass(frozen=True)
class Line:
    """One printed line: its text (markers as superscript digits) and where and how it is set."""

    page: int  # first page 1
    column: int  # 0 for a single column or a line across columns, else 1, 2
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float  # the size most of its characters are set in
    bold: bool
    starts_with_marker: bool  # opens with a superscript number, as a footnote does
    column_left: float = 0.0
    column_right: float = 0.0


def page_words(page: Any) -> list[Word]:
    """The upright words of a pdfplumber page, each with its font name and size."""
    return [w for w in page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False) if w["upright"]]


def page_lines(words: list[Word], number: int, width: float) -> list[Line]:
    """The lines of one page's words in reading order."""
    if not words:
        return []
    gutter = _gutter(words, width)
    if gutter is None:
        return _lines(words, number, 0, (min(w["x0"] for w in words), max(w["x1"] for w in words)))
    left = [w for w in words if w["x1"] <= gutter]
    right = [w for w in words if w["x0"] >= gutter]
    across = [w for w in words if w["x0"] < gutter < w["x1"]]
    bounds = {
        1: (min(w["x0"] for w in left), max(w["x1"] for w in left)),
        2: (min(w["x0"] for w in right), max(w["x1"] for w in right)),
    }
    ordered: list[Line] = []
    full = _lines(across, number, 0, (min(w["x0"] for w in words), max(w["x1"] for w in words)))
    columns = {c: _lines(ws, number, c, bounds[c]) for c, ws in ((1, left), (2, right))}
    floor = float("-inf")
    for ceiling in [line.top for line in full] + [float("inf")]:
        for column in (1, 2):
            ordered.extend(line for line in columns[column] if floor <= line.top < ceiling)
        ordered.extend(line for line in full if line.top == ceiling)
        floor = ceiling
    return ordered


def _gutter(words: list[Word], width: float) -> float | None:
    """The x of a band in the middle of the page that (almost) no word crosses and that splits the
    words in two halves of some size: a two-column page. A centred page number or a title across
    both columns may cross it."""
    crossing = [0] * (int(width) + 2)
    for word in words:
        for x in range(max(int(word["x0"]), 0), min(int(word["x1"]) + 1, len(crossing))):
            crossing[x] += 1
    tolerance = max(2, len(words) // 50)
    ends = sorted(w["x1"] for w in words)
    starts = sorted(w["x0"] for w in words)
    best: tuple[int, int, float] | None = None  # (words on the smaller side, -crossings, x)
    for x in range(int(width * 0.3), int(width * 0.7)):
        if any(crossing[x + d] > tolerance for d in range(-3, 4)):
            continue
        smaller = min(bisect_right(ends, x), len(starts) - bisect_left(starts, x))
        candidate = (smaller, -crossing[x], float(x))
        if best is None or candidate > best:
            best = candidate
    return best[2] if best is not None and best[0] >= 10 else None


def _lines(words: list[Word], page: int, column: int, bounds: tuple[float, float]) -> list[Line]:
    """Words grouped into lines top to bottom; a raised smaller word joins the line it sits on."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w["bottom"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        for row in reversed(rows[-3:]):
            top = min(w["top"] for w in row)
            bottom = max(w["bottom"] for w in row)
            if top <= middle <= bottom:
                row.append(word)
                break
        else:
            rows.append([word])
    ends = Counter(round(max(w["x1"] for w in row)) for row in rows)
    right = float(ends.most_common(1)[0][0]) if ends else bounds[1]  # where justified lines end
    lines = [_line(sorted(row, key=lambda w: w["x0"]), page, column, (bounds[0], right)) for row in rows]
    return sorted(lines, key=lambda line: line.top)


def _line(row: list[Word], page: int, column: int, bounds: tuple[float, float]) -> Line:
    sizes: Counter[float] = Counter()
    for word in row:
        sizes[round(word["size"], 1)] += len(word["text"])
    size = sizes.most_common(1)[0][0]
    baseline = max(w["bottom"] for w in row if round(w["size"], 1) == size)
    parts: list[str] = []
    starts_with_marker = False
    for i, word in enumerate(row):
        text = word["text"]
        raised = word["size"] < size * _SUPERSCRIPT_RATIO and word["bottom"] < baseline - 0.5
        if raised and _NOTE_NUMBERS.match(text):
            marker = ",".join(superscript(int(n)) for n in text.split(","))
            if i == 0:
                starts_with_marker = True
                parts.append(marker)
            else:
                parts[-1] += marker
            continue
        parts.append(text)
    body = [w for w in row if round(w["size"], 1) == size]
    bold = all(_is_bold(w["fontname"]) for w in body)
    text = " ".join(parts)
    if starts_with_marker and len(parts) > 1:  # '⁵' 'See' -> '⁵See' is what the text shape wants as '⁵ See'
        text = parts[0] + " " + " ".join(parts[1:])
    return Line(
        page,
        column,
        text,
        min(w["top"] for w in row),
        baseline,
        row[0]["x0"],
        row[-1]["x1"],
        size,
        bold,
        starts_with_marker,
        bounds[0],
        bounds[1],
    )


def _is_bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", "demi"))


def without_running_lines(pages: list[list[Word]]) -> list[list[Word]]:
    """Each page's words without its running head and foot (the top or bottom row when it recurs,
    digits aside, on many pages) or a bare page number there. Rows are taken across the whole
    width, before columns are found, so a head split over two columns still reads as one."""
    edges = [_edge_rows(words) for words in pages]
    seen: Counter[str] = Counter(key for rows in edges for key in {_row_key(row) for row in rows})
    repeated = max(2, math.ceil(len(pages) * 0.2))
    result = []
    for words, rows in zip(pages, edges, strict=True):
        dropped = {
            id(w) for row in rows if seen[_row_key(row)] >= repeated or _PAGE_NUMBER.match(_row_text(row)) for w in row
        }
        result.append([w for w in words if id(w) not in dropped])
    return result


def _edge_rows(words: list[Word]) -> list[list[Word]]:
    """The top and the bottom row of a page's words."""
    if not words:
        return []
    top = min(w["top"] for w in words)
    bottom = max(w["bottom"] for w in words)
    first = [w for w in words if w["top"] < top + 2]
    last = [w for w in words if w["bottom"] > bottom - 2 and w not in first]
    return [row for row in (first, last) if row]


def _row_text(row: list[Word]) -> str:
    return " ".join(w["text"] for w in sorted(row, key=lambda w: w["x0"])).strip()


def _row_key(row: list[Word]) -> str:
    return re.sub(r"\d+", "#", " ".join(_row_text(row).lower().split()))
