"""Open in context: a unit in its place in its document, with the passages around it and
the notes it cites (`GET /v1/units/{id}/context`, docs/api.md).

Units are stored document by document in reading order, each passage followed by the
footnotes it is the first to cite (service.units), so a unit's neighbours are found by
walking the stored list from the unit's position, past footnotes and document cards, without
leaving the document. No index is kept for it: the walk passes only the footnotes between
two passages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from service.records import Document, Unit, footnote_id


@dataclass(frozen=True)
class UnitContext:
    """A unit with what surrounds it where the reader would find it."""

    unit: Unit
    document: Document
    previous: Unit | None  # the passage before it in its document (None at the start, or for a card)
    next: Unit | None  # the passage after it in its document (None at the end, or for a card)
    notes: tuple[Unit, ...]  # the footnotes a passage cites, in the order it cites them


def unit_context(
    units: Sequence[Unit], position: int, documents: Mapping[str, Document], by_id: Mapping[str, int]
) -> UnitContext:
    """The context of `units[position]`; `by_id` maps unit ids to positions in `units`.

    A document card stands for the whole document and has no place in its reading order:
    no neighbours. A footnote's previous passage is the first passage citing it.
    """
    unit = units[position]
    reads_in_order = unit.kind != "document"
    return UnitContext(
        unit=unit,
        document=documents[unit.document_id],
        previous=passage_from(units, position, -1) if reads_in_order else None,
        next=passage_from(units, position, +1) if reads_in_order else None,
        notes=cited_notes(units, unit, by_id),
    )


def passage_from(units: Sequence[Unit], position: int, step: int) -> Unit | None:
    """The first passage of the same document from `position` in direction `step` (±1),
    `position` itself excluded."""
    document = units[position].document_id
    at = position + step
    while 0 <= at < len(units) and units[at].document_id == document:
        if units[at].kind == "passage":
            return units[at]
        at += step
    return None


def cited_notes(units: Sequence[Unit], unit: Unit, by_id: Mapping[str, int]) -> tuple[Unit, ...]:
    """The footnote units `unit` cites, in citing order (a passage cites only the footnotes
    its document has: service.units)."""
    ids = (footnote_id(unit.document_id, number) for number in unit.footnotes)
    return tuple(units[by_id[i]] for i in ids if i in by_id)


def neighbourhood(units: Sequence[Unit], position: int, by_id: Mapping[str, int]) -> tuple[int, ...]:
    """Where a follow-up that moves on from `units[position]` (the unit the last answer led
    with) is often answered, as positions in `units`: the passage after it in its document and
    the notes its passage cites, the unit itself left out. A note's passage is the first passage
    citing it; a document card has none (docs/retrieval.md, "Follow-ups")."""
    unit = units[position]
    if unit.kind == "document":
        return ()
    base = position
    if unit.kind == "footnote":
        citing = [by_id[i] for i in unit.cited_by if i in by_id]
        if not citing:
            return ()
        base = citing[0]
    following = passage_from(units, base, +1)
    near = [by_id[following.id]] if following is not None else []
    near += [by_id[note.id] for note in cited_notes(units, units[base], by_id)]
    return tuple(dict.fromkeys(p for p in near if p != position))
