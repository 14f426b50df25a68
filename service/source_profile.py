"""What a document rests on: its footnotes' parsed sources (service.citations), counted.

`unit_sources` parses every footnote unit once, document by document in footnote order, so
that "op. cit." and "ibid." resolve within their document; the engine calls it when it loads
an index (docs/sources.md says why then and what it costs). `source_profile` counts one
document's sources: by kind, the outlets cited most, interviews by month.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from service.citations import SOURCE_KINDS, Source, SourceKind, document_sources, name_key
from service.records import Unit

TOP_OUTLETS = 10


@dataclass(frozen=True)
class SourceProfile:
    """One document's sources, counted. Every citation counts, a source cited again (op. cit.,
    ibid., or in full) each time it is cited."""

    document_id: str
    footnotes: int  # footnotes of the document
    citing_footnotes: int  # footnotes that name at least one source
    citations: int  # sources named, over all footnotes
    short_references: int  # of which op. cit. / ibid. resolved to an earlier footnote
    by_kind: tuple[tuple[SourceKind, int], ...]  # every kind, in SOURCE_KINDS order
    outlets: tuple[tuple[str, int], ...]  # the TOP_OUTLETS outlets cited most, most first
    interviews_by_month: tuple[tuple[str, int], ...]  # ("2020-10", n), in time order
    undated_interviews: int  # interviews whose date gives no month


class Citations:
    """The parsed sources of every footnote of a set of units, and each document's profile.
    Built once (the engine builds it when it loads an index); reading it parses nothing."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self._by_unit = unit_sources(units)
        self._notes = notes_by_document(units, self._by_unit)

    def of(self, unit_id: str) -> tuple[Source, ...]:
        """The sources a footnote unit names; () for any other unit."""
        return self._by_unit.get(unit_id, ())

    def profile(self, document_id: str) -> SourceProfile:
        """The profile of one document (all zeros when it has no footnotes)."""
        return source_profile(document_id, self._notes.get(document_id, []))


def unit_sources(units: Sequence[Unit]) -> dict[str, tuple[Source, ...]]:
    """Every footnote unit's sources, by unit id."""
    by_document: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        if unit.kind == "footnote" and unit.number is not None:
            by_document[unit.document_id].append(unit)
    sources: dict[str, tuple[Source, ...]] = {}
    for notes in by_document.values():
        notes.sort(key=lambda u: u.number or 0)
        parsed = document_sources((u.number or 0, u.text) for u in notes)
        sources.update({u.id: parsed[u.number or 0] for u in notes})
    return sources


def notes_by_document(
    units: Sequence[Unit], sources: Mapping[str, tuple[Source, ...]]
) -> dict[str, list[tuple[Source, ...]]]:
    """Each document's footnotes' sources, in footnote order (the rows `source_profile` counts)."""
    notes: dict[str, list[tuple[int, tuple[Source, ...]]]] = defaultdict(list)
    for unit in units:
        if unit.kind == "footnote":
            notes[unit.document_id].append((unit.number or 0, sources.get(unit.id, ())))
    return {document: [s for _, s in sorted(rows, key=lambda row: row[0])] for document, rows in notes.items()}


def source_profile(document_id: str, notes: Sequence[tuple[Source, ...]]) -> SourceProfile:
    """The profile of `document_id` from its footnotes' sources (one tuple per footnote)."""
    cited = [s for note in notes for s in note]
    kinds = Counter(s.kind for s in cited)
    interviews = [s for s in cited if s.kind == "interview"]
    months = Counter(m for m in (_month(s.date) for s in interviews) if m)
    return SourceProfile(
        document_id=document_id,
        footnotes=len(notes),
        citing_footnotes=sum(1 for note in notes if note),
        citations=len(cited),
        short_references=sum(1 for s in cited if s.first_cited_in is not None),
        by_kind=tuple((kind, kinds[kind]) for kind in SOURCE_KINDS),
        outlets=_most_cited(s.outlet for s in cited),
        interviews_by_month=tuple(sorted(months.items())),
        undated_interviews=len(interviews) - sum(months.values()),
    )


def _most_cited(outlets: Iterable[str | None]) -> tuple[tuple[str, int], ...]:
    """The outlets cited most, most first, ties in alphabetical order; spelling variants that
    differ only in case or spacing are one outlet, named as first written."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for outlet in outlets:
        if outlet:
            key = name_key(outlet)
            names.setdefault(key, outlet)
            counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_OUTLETS]
    return tuple((names[key], n) for key, n in ranked)


def _month(date: str | None) -> str | None:
    """`2020-10`, from `2020-10-05`, `2020-10` or the start of `2020-10/2020-11`; None when
    the date gives no month."""
    if not date:
        return None
    start = date.split("/", 1)[0]
    return start[:7] if len(start) >= 7 and not start.startswith("?") else None
