"""Wire models of the HTTP API beyond `service.schemas` (feedback, conversations, units,
probes and problem details). Strict like the ask request: unknown fields are errors.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.records import UnitKind
from service.schemas import DocumentOut, FootnoteRefOut, Pages, RecordOut


class FeedbackOut(BaseModel):
    ask_id: str
    unit_id: str
    helpful: bool
    recorded: bool = True


class TurnOut(RecordOut):
    ask_id: str
    question: str
    unit_ids: list[str]
    abstained: bool
    created_at: str


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
