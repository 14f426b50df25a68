"""Internal records: frozen dataclasses that flow through the pipeline.

corpus -> Document, Unit -> (index) -> Hit -> Answer. Wire models (pydantic) live in
`service.schemas`; these never leave the process as they are.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from service.attributions import Attribution
from service.citations import Source, SourceKind
from service.errors import BadInput, quote
from service.text import Span

# A "document" unit is a document's card: its catalog fields (service.cards).
UnitKind = Literal["passage", "footnote", "document"]
UNIT_KINDS: tuple[UnitKind, ...] = ("passage", "footnote", "document")
# How retrieval ranks (service.retrieve): both sides fused, or one side alone.
Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")
MAX_TOP_K = 20  # the most results one ask returns (the API's `top_k`, the CLI's `--top-k`)
UNKNOWN_SHOWN = 3  # unknown documents named in an error; the rest are counted


class Placed(Protocol):
    """Anything placed in a unit's text by where it starts and ends (a scored sentence)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Document:
    """One source document and its catalog metadata."""

    id: str
    path: str  # relative to the corpus folder
    title: str
    publisher: str | None = None
    series: str | None = None  # e.g. "Asia Briefing N°169"
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or YYYY-MM)
    url: str | None = None
    kind: str = "report"  # report | briefing | article | ...


@dataclass(frozen=True)
class FootnoteRef:
    """Where a footnote marker sat in a passage (docs/retrieval.md, "Footnote markers").

    `offset` is a character offset into the passage's `text`: just after the last character
    the marker followed (the end of the sentence it closes, before any following space).
    `sentence` is the `[start, end)` span of the sentence holding the offset, one of the
    sentences of the index's sentence table; a marker inside a sentence closes a clause.
    """

    number: int
    offset: int
    sentence: Span


SECTION_SEPARATOR = " › "  # between the headings of a unit's `section`, outermost first


@dataclass(frozen=True)
class Unit:
    """A passage (body paragraph), a footnote or a document card: the smallest thing the service shows.

    `text` is the source text with markdown emphasis and footnote markers removed and page
    breaks repaired; nothing else is rewritten. `spans` are the character ranges of the raw
    document the text came from (several when a page break cut the unit).
    """

    id: str
    kind: UnitKind
    document_id: str
    section: str | None
    text: str
    ordinal: int  # position among the document's units, in reading order
    spans: tuple[Span, ...]
    section_label: str | None = None  # short form of the section for citations, e.g. "III.A"
    number: int | None = None  # footnote number (footnotes only)
    footnotes: tuple[int, ...] = ()  # footnote numbers a passage cites, in order
    cited_by: tuple[str, ...] = ()  # ids of the passages citing a footnote
    pages: tuple[int, ...] = ()  # pages the unit spans (first page 1); () for unpaginated sources
    footnote_refs: tuple[FootnoteRef, ...] = ()  # each marker of a passage in place, in reading order

    def footnotes_closing(self, span: Span) -> tuple[int, ...]:
        """The numbers of the markers that sit inside `span` or at its end, once each, in order."""
        start, end = span
        numbers: list[int] = []
        for ref in self.footnote_refs:
            if start < ref.offset <= end and ref.number not in numbers:
                numbers.append(ref.number)
        return tuple(numbers)

    def text_at(self, span: Span) -> str:
        """The unit's text within `span` (a sentence, a card's line), verbatim."""
        start, end = span
        return self.text[start:end]

    def text_of(self, sentence: Placed) -> str:
        """The text of one of the unit's sentences, verbatim."""
        return self.text[sentence.start : sentence.end]


def footnote_id(document_id: str, number: int) -> str:
    """The id of footnote `number` of a document (service.units mints it)."""
    return f"{document_id}:fn:{number}"


def uncited_notes(quoted: Sequence[tuple[str, Collection[int]]]) -> list[str]:
    """The notes among an answer's quoted units that neither lead it nor are carried by a quoted
    sentence of their document: quoted beside a claim that does not cite them, they would be read
    as its source. `quoted` is the answer's units in order, each with the footnote numbers its
    sentence carries or lists as naming the asked source ("Which footnotes cite Dawn?"). The
    engine holds every source answer to this and the harness counts it (`uncited_references`);
    a unit id is its document's id, which holds no colon, and a kind (`footnote_id`)."""
    cited = {quoted[0][0]} if quoted else set()  # a note that leads is what the answer quotes
    for unit_id, numbers in quoted:
        document = unit_id.split(":", 1)[0]
        cited.update(footnote_id(document, number) for number in numbers)
    return [unit_id for unit_id, _ in quoted if ":fn:" in unit_id and unit_id not in cited]


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some documents and/or kinds; None means no restriction."""

    documents: tuple[str, ...] | None = None
    kinds: tuple[UnitKind, ...] | None = None

    def admits(self, unit: Unit) -> bool:
        """True when `unit` passes both filters."""
        if self.documents is not None and unit.document_id not in self.documents:
            return False
        return self.kinds is None or unit.kind in self.kinds

    def check_documents(self, known: Collection[str]) -> None:
        """BadInput naming the filtered documents that are not among `known` (the index's)."""
        unknown = [d for d in self.documents or () if d not in known]
        if unknown:
            shown = ", ".join(quote(d) for d in unknown[:UNKNOWN_SHOWN])
            more = f" and {len(unknown) - UNKNOWN_SHOWN} more" if len(unknown) > UNKNOWN_SHOWN else ""
            raise BadInput(f"unknown document {shown}{more}; known: {', '.join(known) or 'none'}")


@dataclass(frozen=True)
class Hit:
    """One retrieved unit with its fused score and the scores that made it."""

    unit: Unit
    score: float
    dense: float | None = None  # cosine of the best window, if retrieved densely
    lexical: float | None = None  # BM25 score, if retrieved lexically


@dataclass(frozen=True)
class ListedNote:
    """A footnote that names a source of the kind or outlet a list question asks for, with those
    sources only (service.source_list)."""

    number: int
    unit_id: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class AnswerSentence:
    """A sentence copied verbatim from a result's text."""

    text: str
    unit_id: str
    span: Span = (0, 0)  # where `text` is in the unit's text
    footnotes: tuple[int, ...] = ()  # the notes whose markers close it in its unit
    # The sources it names in its own words ("told the BBC"), spans in the unit's text
    # (service.attributions).
    attributions: tuple[Attribution, ...] = ()
    # A list answer: those of its notes naming the asked source (a list of notes: the note it is from).
    listed: tuple[ListedNote, ...] = ()
    # A list answer in a document without notes: those of its attributions naming the asked source.
    listed_attributions: tuple[Attribution, ...] = ()

    @classmethod
    def quoting(
        cls, unit: Unit, span: Span, footnotes: tuple[int, ...] = (), attributions: tuple[Attribution, ...] = ()
    ) -> AnswerSentence:
        """The sentence at `span` of `unit`, quoted verbatim with where it is."""
        return cls(unit.text_at(span), unit.id, span, footnotes, attributions)


@dataclass(frozen=True)
class Quoted:
    """A sentence an answer quoted, by where it is: its unit and its span in the unit's text.

    A conversation's turns record these (service.conversations) so that a follow-up can lead
    with what the earlier answers did not already say (service.answer, docs/retrieval.md,
    "Follow-ups").
    """

    unit_id: str
    span: Span


@dataclass(frozen=True)
class SourceList:
    """What a list question asked for and how much the corpus holds (service.source_list):
    counts, never prose, so that the answer stays the corpus's own sentences."""

    kinds: tuple[SourceKind, ...]  # the asked kinds; () when only an outlet is asked for
    outlets: tuple[str, ...]  # the asked outlets or interviewers, as the parsed notes spell them
    documents: tuple[str, ...] | None  # the documents the question (or the filters) named; None: all
    claims: int  # sentences closed by a note (or, without notes, naming in words) such a source
    notes: int  # distinct footnotes naming such a source
    shown: int  # claims (or notes) in `answer` (the first LIST_CLAIMS in document order whose units fit top_k)
    attributions: int = 0  # sources named in the text of documents without notes, of those claims
    items: Literal["claims", "notes"] = "claims"  # what `answer` lists ("Which footnotes cite …?": notes)


@dataclass(frozen=True)
class Result:
    """A ranked result as front doors show it."""

    rank: int
    hit: Hit
    document: Document
    highlights: tuple[Span, ...]  # character offsets into hit.unit.text
    citation: str
    cited_footnotes: tuple[Unit, ...] = ()  # the footnotes a passage cites
    # The parsed sources of this result's footnotes, by unit id: the result itself when it is
    # a footnote, and the footnotes it cites (service.citations; empty lists included).
    sources: Mapping[str, tuple[Source, ...]] = field(default_factory=dict, compare=False)
    # A passage's sources named in its sentences' own words, in order (service.attributions).
    attributions: tuple[Attribution, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the engine returns for one question."""

    question: str
    abstained: bool
    sentences: tuple[AnswerSentence, ...]
    results: tuple[Result, ...]
    index_version: str = ""
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    source_list: SourceList | None = None  # a list question's counts (service.source_list)
    # Why an abstention abstained: one of service.verdict.ABSTAIN_REASONS; None when answered.
    abstain_reason: str | None = None
