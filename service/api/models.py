"""Wire models of the HTTP API beyond `service.schemas` (feedback, conversations, units,
probes and problem details). Strict like the ask request: unknown fields are errors.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.context import UnitContext
from service.records import UnitKind
from service.schemas import DocumentOut, FootnoteRefOut, Pages, RecordOut


class FeedbackOut(BaseModel):
    ask_id: str
    unit_id: str
    helpful: bool
    recorded: bool = True


class QuotedOut(RecordOut):
    """A sentence a turn's answer quoted, by where it is (its text is the unit's, verbatim)."""

    unit_id: str
    span: tuple[int, int] = Field(description="[start, end) character offsets into the unit's `text`")


class TurnOut(RecordOut):
    ask_id: str
    question: str
    unit_ids: list[str]
    abstained: bool
    created_at: str
    quoted: list[QuotedOut] = Field(
        default=[],
        description="The sentences this turn's answer quoted, in order: a follow-up leads past them when "
        "it can. Empty for an abstention and for turns recorded before turns kept them.",
    )


class ConversationOut(RecordOut):
    id: str
    source: str
    created_at: str
    turns: list[TurnOut]


class UnitOut(RecordOut):
    """One indexed unit, the same fields as a line of `cited units`."""

    id: str
    kind: UnitKind
    document_id: str
    section: str | None
    number: int | None
    text: str
    footnotes: list[int]
    cited_by: list[str]
    pages: Pages = None
    footnote_refs: list[FootnoteRefOut] = []  # passages: each marker in place, in reading order


class ContextOut(BaseModel):
    """`GET /v1/units/{id}/context`: a unit in its place in its document (service.context)."""

    unit: UnitOut
    document: DocumentOut
    section: str | None = Field(description="The heading of the unit's section, outermost first, joined by ' › '.")
    previous: UnitOut | None = Field(description="The passage before the unit in reading order, footnotes skipped.")
    next: UnitOut | None = Field(description="The passage after the unit in reading order, footnotes skipped.")
    notes: list[UnitOut] = Field(description="The footnotes the unit cites, in the order it cites them, in full.")

    @classmethod
    def from_record(cls, context: UnitContext) -> ContextOut:
        return cls(
            unit=UnitOut.from_record(context.unit),
            document=DocumentOut.from_record(context.document),
            section=context.unit.section,
            previous=UnitOut.from_record(context.previous) if context.previous else None,
            next=UnitOut.from_record(context.next) if context.next else None,
            notes=[UnitOut.from_record(note) for note in context.notes],
        )


class DocumentsOut(BaseModel):
    documents: list[DocumentOut]
    index_version: str


class ParseReportOut(RecordOut):
    """What a file turned into, as `cited add` prints it."""

    file: str
    format: str
    units: int
    passages: int
    footnotes: int
    markers: int
    pages: int | None
    headings: list[str]
    warnings: list[str]


class DocumentAddedOut(BaseModel):
    """`POST /v1/documents`: the catalog entry written, the parse report, the index now serving."""

    document: DocumentOut
    report: ParseReportOut
    index_version: str | None


class HealthOut(BaseModel):
    status: str = "ok"


class ReadyOut(BaseModel):
    status: str = "ready"
    index_version: str
    units: int


class ProblemError(BaseModel):
    """One validation error: where and what, never the offending input."""

    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details, plus the request id to quote in a bug report."""

    type: str = "about:blank"
    title: str
    status: int = Field(ge=400, le=599)
    detail: str
    request_id: str | None = None
    errors: list[ProblemError] | None = None
