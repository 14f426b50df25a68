"""Wire models of the HTTP API beyond `service.schemas` (feedback, conversations, units,
probes and problem details). Strict like the ask request: unknown fields are errors.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.conversations import Conversation
from service.parse_report import ParseReport
from service.records import Unit, UnitKind
from service.schemas import DocumentOut, FootnoteRefOut


class FeedbackOut(BaseModel):
    ask_id: str
    unit_id: str
    helpful: bool
    recorded: bool = True


class TurnOut(BaseModel):
    ask_id: str
    question: str
    unit_ids: list[str]
    abstained: bool
    created_at: str


class ConversationOut(BaseModel):
    id: str
    source: str
    created_at: str
    turns: list[TurnOut]

    @classmethod
    def from_record(cls, conversation: Conversation) -> ConversationOut:
        return cls(
            id=conversation.id,
            source=conversation.source,
            created_at=conversation.created_at,
            turns=[
                TurnOut(
                    ask_id=t.ask_id,
                    question=t.question,
                    unit_ids=list(t.unit_ids),
                    abstained=t.abstained,
                    created_at=t.created_at,
                )
                for t in conversation.turns
            ],
        )


class UnitOut(BaseModel):
    """One indexed unit, the same fields as a line of `cited units`."""

    id: str
    kind: UnitKind
    document_id: str
    section: str | None
    number: int | None
    text: str
    footnotes: list[int]
    cited_by: list[str]
    pages: list[int] | None = None  # paginated sources only
    footnote_refs: list[FootnoteRefOut] = []  # passages: each marker in place, in reading order

    @classmethod
    def from_record(cls, unit: Unit) -> UnitOut:
        return cls(
            id=unit.id,
            kind=unit.kind,
            document_id=unit.document_id,
            section=unit.section,
            number=unit.number,
            text=unit.text,
            footnotes=list(unit.footnotes),
            cited_by=list(unit.cited_by),
            pages=list(unit.pages) or None,
            footnote_refs=[FootnoteRefOut.from_record(ref) for ref in unit.footnote_refs],
        )


class DocumentsOut(BaseModel):
    documents: list[DocumentOut]
    index_version: str


class ParseReportOut(BaseModel):
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

    @classmethod
    def from_record(cls, report: ParseReport) -> ParseReportOut:
        return cls(
            file=report.file,
            format=report.format,
            units=report.units,
            passages=report.passages,
            footnotes=report.footnotes,
            markers=report.markers,
            pages=report.pages,
            headings=list(report.headings),
            warnings=list(report.warnings),
        )


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
