"""Precision and recall per field of the footnote parser (service.citations) on hand-labelled
footnotes, and of the in-text attribution reader (service.attributions) on hand-labelled
sentences: what `cited sources score` prints and tests/test_citations.py and
tests/test_attributions.py gate.

The labelled set is JSON Lines, one footnote a line, every footnote of a document in reading
order (a short reference is resolved against the footnotes before it, labelled or held out):

    {"id": "…:fn:27", "document": "…", "number": 27, "part": "dev" | "held-out", "text": "…",
     "sources": [{"kind": …, "author": …, "title": …, "outlet": …, "date": …, "url": …,
                  "place": …, "interviewee": …, "first_cited_in": …}]}

A line with `"style": "in-text"` is one sentence of running text instead (its `number` is
the sentence's position in its document), read by service.attributions alone; its sources'
`words` (the attribution's words) are documentation, not scored.

Per footnote (or sentence) the parsed sources are paired with the labelled ones in order (an alignment that
pairs a parsed and a labelled source only when they agree on two fields or more). A field of
a parsed source is right when it equals the label after folding case, quote marks, spaces and
trailing punctuation; precision is right / given by the parser, recall right / given by the
label. How the set was labelled: docs/sources.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.attributions import read_attributions
from service.citations import Source, document_sources
from service.errors import BadInput

FIELDS = ("kind", "author", "title", "outlet", "date", "url", "place", "interviewee", "first_cited_in")
PARTS = ("dev", "held-out")
STYLES = ("footnote", "in-text")  # what a labelled line is: a footnote, or a sentence naming its source
_PAIRING_FIELDS = ("kind", "author", "title", "outlet", "date", "interviewee")
MIN_AGREEMENT = 2  # fields a parsed and a labelled source must share to be paired


@dataclass(frozen=True)
class Labelled:
    """One labelled footnote, or one labelled sentence of running text (style "in-text")."""

    document: str
    number: int
    part: str
    text: str
    sources: tuple[dict[str, Any], ...]
    style: str = "footnote"


@dataclass
class FieldCount:
    """How often the parser gave a field, the label had it, and both agreed."""

    given: int = 0
    labelled: int = 0
    right: int = 0

    @property
    def precision(self) -> float | None:
        return self.right / self.given if self.given else None

    @property
    def recall(self) -> float | None:
        return self.right / self.labelled if self.labelled else None


@dataclass
class Score:
    """Per-field counts over one part of the labelled set."""

    part: str
    footnotes: int = 0  # footnotes, or sentences (style "in-text"), scored
    noun: str = "footnotes"  # what was counted, for the tables
    fields: dict[str, FieldCount] = field(default_factory=lambda: {f: FieldCount() for f in FIELDS})

    def add(self, parsed: Sequence[Source], labelled: Sequence[dict[str, Any]]) -> None:
        """Count one footnote: its parsed sources against its labelled ones."""
        self.footnotes += 1
        rows = [_as_row(s) for s in parsed]
        for row in rows:
            self._count(row, "given")
        for label in labelled:
            self._count(label, "labelled")
        for i, j in align(rows, labelled):
            for name in FIELDS:
                if labelled[j].get(name) is not None and same(rows[i].get(name), labelled[j].get(name)):
                    self.fields[name].right += 1

    def _count(self, row: dict[str, Any], side: str) -> None:
        for name in FIELDS:
            if row.get(name) is not None:
                count = self.fields[name]
                setattr(count, side, getattr(count, side) + 1)


def load_labels(path: Path) -> list[Labelled]:
    """The labelled footnotes of `path`; BadInput names the line that is not a labelled footnote."""
    labelled = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            style = data.get("style", "footnote")
            item = Labelled(
                data["document"], int(data["number"]), data["part"], data["text"], tuple(data["sources"]), style
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BadInput(f"{path}:{number}: not a labelled footnote or sentence ({exc})") from exc
        if item.part not in PARTS:
            raise BadInput(f"{path}:{number}: part must be one of {', '.join(PARTS)}")
        if item.style not in STYLES:
            raise BadInput(f"{path}:{number}: style must be one of {', '.join(STYLES)}")
        labelled.append(item)
    return labelled


def score_labels(labelled: Iterable[Labelled], parts: Sequence[str] = PARTS) -> dict[str, Score]:
    """Parse every labelled document's footnotes in order, and each labelled sentence alone;
    score the footnotes and sentences of `parts`."""
    items = list(labelled)
    notes = [i for i in items if i.style == "footnote"]
    noun = "footnotes" if notes else "sentences"
    if notes and len(notes) < len(items):
        noun = "footnotes and sentences"
    scores = {part: Score(part, noun=noun) for part in parts}
    for document in dict.fromkeys(item.document for item in notes):
        own = sorted((i for i in notes if i.document == document), key=lambda i: i.number)
        parsed = document_sources((i.number, i.text) for i in own)
        for item in own:
            if item.part in scores:
                scores[item.part].add(parsed[item.number], item.sources)
    for item in items:
        if item.style == "in-text" and item.part in scores:
            scores[item.part].add([a.source for a in read_attributions(item.text)], item.sources)
    return scores


def _as_row(source: Source) -> dict[str, Any]:
    return {name: getattr(source, name) for name in FIELDS}


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalised(value: Any) -> str:
    """Case, quote marks, dashes, spaces and the punctuation around a value folded away."""
    text = " ".join(str(value).translate(_QUOTES).casefold().split())
    return re.sub(r"^[\s\"',.;:]+|[\s\"',.;:]+$", "", text)


def same(a: Any, b: Any) -> bool:
    """Whether two field values are the same once normalised (None equals nothing)."""
    return a is not None and b is not None and normalised(a) == normalised(b)


def agreement(row: dict[str, Any], label: dict[str, Any]) -> int:
    """How many of the pairing fields two sources share."""
    return sum(same(row.get(f), label.get(f)) for f in _PAIRING_FIELDS)


def align(rows: Sequence[dict[str, Any]], labels: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (parsed, labelled), both in order, that maximise the total agreement; a pair needs
    MIN_AGREEMENT fields in common."""
    n, m = len(rows), len(labels)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            gain = agreement(rows[i], labels[j])
            paired = best[i + 1][j + 1] + gain if gain >= MIN_AGREEMENT else -1
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        gain = agreement(rows[i], labels[j])
        if gain >= MIN_AGREEMENT and best[i][j] == best[i + 1][j + 1] + gain:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def score_table(score: Score) -> list[list[str]]:
    """Rows `field, given, labelled, right, precision, recall` for a table."""
    rows = []
    for name in FIELDS:
        count = score.fields[name]
        rows.append(
            [
                name,
                str(count.given),
                str(count.labelled),
                str(count.right),
                _share(count.precision),
                _share(count.recall),
            ]
        )
    return rows


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
