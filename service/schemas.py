"""Wire models: the JSON that crosses the HTTP API, `cited ask --json` and the Slack bot.

These are the shapes docs/api.md promises. Internal records (service.records) are
converted here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from service.attributions import Attribution
from service.citations import Source, SourceKind
from service.records import MAX_TOP_K, UNIT_KINDS, Answer, AnswerSentence, Result, UnitKind
from service.source_profile import SourceProfile

# A question: trimmed, 1..1000 characters, no C0 control characters other than tab, newline
# and CR (lone surrogates are refused by the request handler). The pattern is in the OpenAPI
# schema too, so a fuzzer knows what we accept (docs/reliability.md, "HTTP API").
_ALLOWED = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_VISIBLE = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\s]"
QUESTION_PATTERN = rf"^{_ALLOWED}*{_VISIBLE}{_ALLOWED}*$"
Question = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=1000, pattern=QUESTION_PATTERN),
]
# A unit id: document id, kind and position; a section key may hold a heading's words
# (service.parse), so anything printable, but never a control character.
UNIT_ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"
UnitId = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=UNIT_ID_PATTERN)]
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:\-]+$")]


class StrictModel(BaseModel):
    """Strict types, no unknown fields: `"5"` is not an integer and typos are errors."""

    model_config = ConfigDict(strict=True, extra="forbid")


class AskFilters(StrictModel):
    """Absent or null: no restriction. An empty list would restrict to nothing and answer every
    question with an abstention, so it is refused like any other malformed filter."""

    documents: list[Identifier] | None = Field(None, min_length=1, max_length=100)
    kinds: list[UnitKind] | None = Field(None, min_length=1, max_length=len(UNIT_KINDS))


class AskRequest(StrictModel):
    question: Question
    top_k: int = Field(5, ge=1, le=MAX_TOP_K)
    conversation_id: Identifier | None = None
    filters: AskFilters | None = None


# Free text from a person: no control characters except tab, newline and carriage return.
COMMENT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000, pattern=COMMENT_PATTERN)]


class FeedbackRequest(StrictModel):
    """`POST /v1/feedback`: was this result of this ask helpful?"""

    ask_id: Identifier
    unit_id: UnitId  # a heading's words may be in it (spaces, "/"): service.units
    helpful: bool
    comment: Comment | None = None


class RecordOut(BaseModel):
    """A wire model whose fields are read from the attributes of the same name of an internal
    record, so that each field is named once: where it is declared."""

    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def from_record(cls, record: object) -> Self:
        """The wire form of `record` (a dataclass of service.records or of a store)."""
        return cls.model_validate(record)


def _pages_or_none(pages: Sequence[int] | None) -> list[int] | None:
    return list(pages) if pages else None


# Pages a unit spans, first page 1; null for sources without pages (a record's empty tuple).
Pages = Annotated[list[int] | None, BeforeValidator(_pages_or_none)]


class DocumentOut(RecordOut):
    id: str
    title: str
    publisher: str | None
    author: str | None
    date: str | None
    url: str | None
    series: str | None = None
    kind: str | None = None


class SourceOut(RecordOut):
    """One source a footnote names, parsed from its text (docs/sources.md); null where the
    footnote does not give the field."""

    kind: SourceKind
    author: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: str | None = Field(None, description="ISO 8601: 2018-06-08, 2021-01, 2018, or 2021-04/2021-05")
    url: str | None = None
    place: str | None = Field(None, description="Interviews: where, or where the interviewees are based")
    interviewee: str | None = Field(None, description="Interviews: the kind of interviewee, as the note says")
    first_cited_in: int | None = Field(None, description="op. cit. / ibid.: the footnote that cites it in full")


def sources_out(sources: Sequence[Source]) -> list[SourceOut]:
    return [SourceOut.from_record(s) for s in sources]


class AttributionOut(BaseModel):
    """A source a sentence names in its own words ("told the BBC", "according to TTP data"),
    read from the sentence (docs/sources.md, "Sources named in the text")."""

    text: str = Field(description="The attribution's words, verbatim: `Suhail Shaheen told the BBC`.")
    span: tuple[int, int] = Field(description="`[start, end)` of those words in the unit's `text`.")
    sentence: tuple[int, int] = Field(description="`[start, end)` of the sentence of `text` that names the source.")
    source: SourceOut = Field(
        description="The source in a footnote source's shape: kind, author (the speaker as written), outlet, date."
    )

    identified: bool = Field(
        description="Whether it names who or where (a speaker other than a bare pronoun, or an outlet): "
        'false for "They also complained that …". The page and Slack label only identified ones.'
    )

    @classmethod
    def from_record(cls, attribution: Attribution) -> AttributionOut:
        return cls(
            text=attribution.text,
            span=attribution.source.span,
            sentence=attribution.sentence,
            source=SourceOut.from_record(attribution.source),
            identified=attribution.identified,
        )


def attributions_out(attributions: Sequence[Attribution]) -> list[AttributionOut]:
    return [AttributionOut.from_record(a) for a in attributions]


class FootnoteOut(BaseModel):
    number: int
    text: str
    unit_id: str | None = None
    sources: list[SourceOut] = []


class FootnoteRefOut(RecordOut):
    """A footnote marker in place in a passage's `text` (docs/api.md, "Footnote markers");
    read from a service.records.FootnoteRef."""

    number: int = Field(description="The footnote's number in its document.")
    offset: int = Field(description="Character offset into `text` where the marker sat, after the text it follows.")
    sentence: tuple[int, int] = Field(description="`[start, end)` of the sentence of `text` the marker closes.")


SCORE_MEANING = (
    "The probability that this result answers the question, calibrated on the project's "
    "development questions: of results scored about 0.8, about 80 % contain the answer. Scores "
    "never rise down the ranking. A question about what the corpus never names (a year after "
    "every document, a person it never mentions) scores low throughout and abstains."
)


class ResultOut(BaseModel):
    rank: int
    unit_id: str
    kind: UnitKind
    score: float = Field(ge=0, le=1, description=SCORE_MEANING)
    text: str
    highlights: list[tuple[int, int]]
    document: DocumentOut
    section: str | None
    footnote_number: int | None
    footnotes: list[FootnoteOut]
    sources: list[SourceOut] = []  # a footnote result: the sources it names
    footnote_refs: list[FootnoteRefOut] = []  # passages: each marker in place, in reading order
    attributions: list[AttributionOut] = Field(
        default=[], description="Passages: the sources its sentences name in their own words, in reading order."
    )
    cited_by: list[str] = []
    pages: Pages = None
    citation: str

    @classmethod
    def from_record(cls, result: Result) -> ResultOut:
        unit = result.hit.unit
        return cls(
            rank=result.rank,
            unit_id=unit.id,
            kind=unit.kind,
            score=round(result.hit.score, 6),
            text=unit.text,
            highlights=[(a, b) for a, b in result.highlights],
            document=DocumentOut.from_record(result.document),
            section=unit.section,
            footnote_number=unit.number,
            footnotes=[
                FootnoteOut(
                    number=f.number or 0, text=f.text, unit_id=f.id, sources=sources_out(result.sources.get(f.id, ()))
                )
                for f in result.cited_footnotes
            ],
            footnote_refs=[FootnoteRefOut.from_record(ref) for ref in unit.footnote_refs],
            sources=sources_out(result.sources.get(unit.id, ())),
            attributions=attributions_out(result.attributions),
            cited_by=list(unit.cited_by),
            pages=list(unit.pages),
            citation=result.citation,
        )


class ListedNoteOut(RecordOut):
    """A footnote of a listed claim that names a source of the kind or outlet asked for."""

    number: int = Field(description="The footnote's number in its document (one of the sentence's `footnotes`).")
    unit_id: str = Field(description="The footnote's unit id.")
    sources: list[SourceOut] = Field(description="The sources it names of the asked kind or outlet, parsed.")


class AnswerSentenceOut(BaseModel):
    text: str
    unit_id: str
    footnotes: list[int] = Field(
        default=[], description="Numbers of the footnotes whose markers close this sentence in its unit."
    )
    attributions: list[AttributionOut] = Field(
        default=[], description="The sources this sentence names in its own words (spans in its unit's `text`)."
    )

    listed: list[ListedNoteOut] = Field(
        default=[],
        description="A list answer (`source_list` set): those of `footnotes` naming a source of the asked "
        "kind or outlet, with those sources. Empty otherwise.",
    )
    listed_attributions: list[AttributionOut] = Field(
        default=[],
        description="A list answer, in a document without notes: those of `attributions` naming a source of the "
        "asked kind or outlet in the sentence's words (`text` verbatim). Empty otherwise.",
    )

    @classmethod
    def from_sentence(cls, record: AnswerSentence) -> AnswerSentenceOut:
        return cls(
            text=record.text,
            unit_id=record.unit_id,
            footnotes=list(record.footnotes),
            attributions=attributions_out(record.attributions),
            listed=[ListedNoteOut.from_record(note) for note in record.listed],
            listed_attributions=attributions_out(record.listed_attributions),
        )


class SourceListOut(RecordOut):
    """A list question's reading and counts: "Which claims rest on interviews?" (docs/api.md,
    "Claims by source"). Numbers and the corpus's own names only; the answer holds the claims."""

    kinds: list[SourceKind] = Field(description="The source kinds asked for; empty when only an outlet is.")
    outlets: list[str] = Field(description="The outlets or interviewers asked for, as the parsed notes name them.")
    documents: list[str] | None = Field(description="The documents the question or the filters named; null: all.")
    order: str = Field("document", description="The claims are listed in document (reading) order.")
    claims: int = Field(
        description="Sentences closed by a note naming such a source, or, in a document without notes, naming "
        "one in their words: all of them, not only shown."
    )
    notes: int = Field(description="Distinct footnotes naming such a source.")
    shown: int = Field(description="Claims (or notes) quoted in `answer` (the first ten in document order).")
    attributions: int = Field(
        0,
        description="Sources of the asked kind or outlet named in the words of those claims (documents without notes).",
    )
    items: Literal["claims", "notes"] = Field(
        "claims",
        description="What `answer` lists: the claims, or the notes themselves when the question asks for them "
        '("Which footnotes cite Dawn?"), each quoted by its sentence naming the source.',
    )


class AskResponse(BaseModel):
    question: str
    conversation_id: str
    ask_id: str
    abstained: bool
    answer: list[AnswerSentenceOut]
    results: list[ResultOut]
    index_version: str | None = None
    source_list: SourceListOut | None = Field(
        None, description='Set for a list question ("Which claims rest on interviews?"): what it asked for, counted.'
    )
    abstain_reason: str | None = Field(
        None,
        description="Why the answer abstained (null when it did not): the check that withdrew it, one of "
        "service.verdict.ABSTAIN_REASONS, e.g. 'weak-evidence', 'relation-unstated', 'not-in-kind'.",
    )

    @classmethod
    def from_answer(cls, answer: Answer, *, conversation_id: str, ask_id: str) -> AskResponse:
        return cls(
            question=answer.question,
            conversation_id=conversation_id,
            ask_id=ask_id,
            abstained=answer.abstained,
            answer=[AnswerSentenceOut.from_sentence(s) for s in answer.sentences],
            results=[ResultOut.from_record(r) for r in answer.results],
            index_version=answer.index_version or None,
            source_list=SourceListOut.from_record(answer.source_list) if answer.source_list else None,
            abstain_reason=answer.abstain_reason if answer.abstained else None,
        )


class KindCount(BaseModel):
    kind: SourceKind
    citations: int


class OutletCount(BaseModel):
    outlet: str
    citations: int


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM")
    interviews: int


class SourceProfileOut(BaseModel):
    """`GET /v1/documents/{id}/sources` and `cited sources profile --json`: what a document's
    footnotes cite. Every citation counts, a source cited again (op. cit., ibid.) each time."""

    document_id: str
    footnotes: int
    citing_footnotes: int = Field(description="Footnotes that name at least one source")
    citations: int = Field(description="Sources named, over all footnotes")
    short_references: int = Field(description="Citations by op. cit. or ibid., resolved to an earlier footnote")
    by_kind: list[KindCount]
    outlets: list[OutletCount] = Field(description="The outlets cited most, most first (ten at most)")
    interviews_by_month: list[MonthCount]
    undated_interviews: int = Field(description="Interviews whose date gives no month")
    index_version: str | None = None

    @classmethod
    def from_profile(cls, profile: SourceProfile, *, index_version: str | None = None) -> SourceProfileOut:
        return cls(
            document_id=profile.document_id,
            footnotes=profile.footnotes,
            citing_footnotes=profile.citing_footnotes,
            citations=profile.citations,
            short_references=profile.short_references,
            by_kind=[KindCount(kind=k, citations=n) for k, n in profile.by_kind],
            outlets=[OutletCount(outlet=o, citations=n) for o, n in profile.outlets],
            interviews_by_month=[MonthCount(month=m, interviews=n) for m, n in profile.interviews_by_month],
            undated_interviews=profile.undated_interviews,
            index_version=index_version,
        )
