"""Document cards: one unit per document made of its catalog fields, so that questions about
the documents themselves ("Who wrote…", "When was the briefing published?", "What do you have
on…") are retrieved, answered and cited like any other unit."""

from __future__ import annotations

from service.answer import human_date
from service.records import Document, Unit, UnitKind

CARD_KIND: UnitKind = "document"


def card_id(document_id: str) -> str:
    return f"{document_id}:card"


def document_card(document: Document, ordinal: int) -> Unit:
    """The card of `document`: one line a field. No full stops: the card is one sentence, so
    the answer to "when…?" or "who…?" quotes the whole card, date and author included."""
    fields = [
        ("Title", document.title),
        ("Kind", document.kind),
        ("Author", document.author),
        ("Publisher", document.publisher),
        ("Series", document.series),
        ("Date", human_date(document.date) if document.date else None),
    ]
    lines = [f"{name}: {' '.join(value.split())}" for name, value in fields if value]
    if document.url:
        lines.append(f"URL: {document.url}")
    return Unit(
        id=card_id(document.id),
        kind=CARD_KIND,
        document_id=document.id,
        section=None,
        text="\n".join(lines),
        ordinal=ordinal,
        spans=(),
    )
