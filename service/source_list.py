"""List questions by source: "Which claims rest on interviews?", "Which claims in the Crisis
Group briefing come from news reports?", "What does the report cite The New York Times for?".

Such a question asks for every claim whose footnote names a source of one kind or from one
outlet, not for the passage that best matches its words (it shares none with the claims). So it
is answered from the parsed notes (service.citations), not from the ranking; in a document
without notes (a web article), from the sources its sentences name in their own words
(service.attributions: "Taliban spokesperson Suhail Shaheen told the BBC"):

- `read_list_question` reads the question: a list frame ("Which claims … rest on / come from /
  are sourced to / cite …", "What does … cite … for?", "What is … cited for?", "Which reports
  does … cite?"), then in the part naming the source the outlets or interviewers that the loaded
  notes name (as an entry's outlet, or in their words: `written_issuers`) and the outlets
  documents without notes name in words, then the kinds (by their words and synonyms,
  `service.citations.KIND_WORDS`), and in the part before it the documents the question names
  (by catalog fields, or by a document kind such as "briefing" that only some documents have);
- `ClaimIndex.listed` finds the claims: each sentence of a passage closed by a footnote marker
  whose note names such a source, and in a document without notes each sentence naming such a
  source in its words (an identified attribution: who or where), in document (reading) order,
  with those notes or attributions;
- `list_answer` quotes the first LIST_CLAIMS of them (fewer when their passages would not all
  fit in the results asked for: each quoted claim is a result), each with its footnote numbers
  or its attribution's words and the matching sources, shows their passages as the results, and
  counts them all in `Answer.source_list` (numbers, not prose). No claim: an honest abstention.

A kind is the same word for both: an attribution's kind comes from the reader
(service.attributions), in the vocabulary of footnote sources (service.citations.SourceKind),
so "interviews" are the notes citing an interview and the sentences where someone told an
outlet or the writer, spoke in an interview, or is an unnamed person who said it
(docs/sources.md, "Claims by source").

Asked for the notes themselves ("Which footnotes cite Dawn?", "List the notes that cite
books"), the same reading lists every note naming such a source instead (`ClaimIndex.listed_notes`):
each quoted by its sentence naming it, the notes as the results (a single "Which footnote …?" is
ranked: service.note_answer).

Document order, not relevance: the question names a kind of source, not a topic, so a score
against its words would order the claims by noise; a reader checking what a report rests on
reads it in its own order. docs/sources.md, "Claims by source", says what is not read. Nothing
here knows which documents are loaded: the vocabulary is English, the outlets are the notes'.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from service.answer import highlight_quoted, shown_result
from service.attributions import Attribution, closing
from service.citations import Source, SourceKind, entry_spans, name_key, named_kinds
from service.composing import Sources
from service.records import (
    Answer,
    AnswerSentence,
    Document,
    Hit,
    ListedNote,
    SourceList,
    Unit,
    footnote_id,
)
from service.source_answer import unit_attributions
from service.text import Span

LIST_CLAIMS = 10  # claims quoted in a list answer; `source_list.claims` counts them all
LIST_SCORE = 1.0  # a listed claim's passage answers by construction (its note names the source)

# The list frame. A plural noun for statements opens the question ("Which claims", "What
# statements", "Which of the briefing's claims"), or "What does … cite … for?" asks it.
_CLAIM_NOUNS = r"(?:claims|statements|sentences|assertions|passages|points|findings|facts|arguments|parts)"
# "Which", "What" or "List", and up to three words before the noun of what is listed.
_LIST_OPENING = r"^\s*(?:which|what|list)\b(?:\s+(?:of|all|the))*(?:\s+[\w'’-]+){0,3}?\s+"
_LIST_HEAD = re.compile(rf"{_LIST_OPENING}{_CLAIM_NOUNS}\b", re.I)
_RELATION = re.compile(
    r"\b(?:rests?\s+on|resting\s+on|rel(?:y|ies|ying)\s+on|(?:based|built|grounded)\s+(?:on|upon)|base[sd]?\s+on"
    r"|(?:sourced|attributed)\s+to|sourced\s+(?:from|in)|comes?\s+from|draws?\s+(?:on|from)|drawn\s+(?:on|from)"
    r"|cite[sd]?|citing|(?:supported|backed(?:\s+up)?)\s+by|(?:taken|quoted)\s+from)\b",
    re.I,
)
# Notes asked for in the plural ("Which footnotes", "List the endnotes"): the list is of notes.
_NOTES_HEAD = re.compile(rf"{_LIST_OPENING}(?:foot|end)?notes\b", re.I)
_CITE_FOR = re.compile(
    r"^\s*what\s+(?:does|do|did)\s+(?P<scope>.+?)\s+(?:cite|quote)\s+(?P<source>.+?)\s+for\s*\??\s*$", re.I
)
# The same asked in the passive, of the whole library: "What is The New York Times cited for?"
_CITED_FOR = re.compile(r"^\s*what\s+(?:is|are|was|were)\s+(?P<source>.+?)\s+(?:cited|quoted)\s+for\s*\??\s*$", re.I)
# The works themselves asked for by their kind, and nothing after the verb: "Which reports does
# the briefing cite?", "What books does Rashid's article draw on?" are lists of notes. "Which
# reports does the briefing cite on the TTP?" asks for a source of one claim (service.references).
_WORKS_CITED = re.compile(
    r"^\s*(?:which|what)\s+(?P<source>(?:[\w'’-]+\s+){0,3}?[\w'’-]+s)\s+(?:does|do|did)\s+(?P<scope>.+?)\s+"
    r"(?:cite|quote|rel(?:y|ies)\s+on|draw\s+on|use)\s*\??\s*$",
    re.I,
)

# An issuer the notes name in their own words rather than as an entry's outlet: a capitalised
# name of two or more words (joined by "and", "of", "for", "on") that owns a work ("the
# Congressionally mandated Afghanistan Study Group's February 2021 report: …") or that a work is
# "of" or "by" ("Twenty-seventh report of the Analytical Support and Sanctions Monitoring Team").
_ISSUER_WORD = r"[A-Z][\w.&-]*"
_ISSUER_NAME = rf"{_ISSUER_WORD}(?:\s+(?:(?:and|of|for|on)\s+)?{_ISSUER_WORD})+"
_WORK = (
    r"(?:reports?|stud(?:y|ies)|papers?|reviews?|surveys?|assessments?|analys[ie]s|data|findings|briefs?"
    r"|statements?|communiqu[eé]s?)"
)
_BETWEEN = r"(?:\s+(?!(?:in|on|of|to|the|a|an|and|for|by|with|at|from|as)\b)[\w-]+){0,3}?"  # "February 2021"
_WRITTEN_ISSUER = re.compile(
    rf"(?P<owner>{_ISSUER_NAME})['’]s{_BETWEEN}\s+(?i:{_WORK})\b"
    rf"|\b(?i:{_WORK})\s+(?:of|by|from)\s+(?:the\s+)?(?P<maker>{_ISSUER_NAME})"
)

_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.&-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’.&-]*)+")
_NAME = re.compile(r"\b[A-Z][\w.&-]*")
_QUESTION_WORD = re.compile(r"^(?:Which|What|List)\s+")


@dataclass(frozen=True)
class ListQuestion:
    """What a list question asks for: sources of these kinds and/or these outlets (or
    interviewers), in these documents. An outlet the notes never name asks for nothing."""

    kinds: tuple[SourceKind, ...]
    outlets: tuple[str, ...]
    documents: tuple[str, ...] | None  # None: every document
    unknown_outlet: bool = False  # the source part names someone no note names, and no kind
    notes: bool = False  # the notes themselves are asked for ("Which footnotes cite …?"), not the claims


@dataclass(frozen=True)
class Claim:
    """A sentence of a passage that cites a source: closed by footnote markers, or, in a
    document without notes, naming its sources in its own words."""

    unit_index: int
    span: Span
    footnotes: tuple[int, ...] = ()  # every note whose marker closes it, in order
    attributions: tuple[Attribution, ...] = ()  # its identified attributions (a document without notes)


@dataclass(frozen=True)
class ListedClaim:
    claim: Claim
    notes: tuple[ListedNote, ...] = ()  # those of its notes naming an asked source
    attributions: tuple[Attribution, ...] = ()  # those of its attributions naming one


def issuer(source: Source) -> str | None:
    """Who a footnote's source comes from as a list question names it: its outlet, or for an
    interview the interviewer ("Crisis Group interviews")."""
    return source.outlet or (source.author if source.kind == "interview" else None)


def attributed_issuer(source: Source) -> str | None:
    """Who a source named in the text comes from: its outlet ("the BBC", "TTP data"). Its
    `author` is the speaker, the one interviewed, not an interviewer or an issuer."""
    return source.outlet


def written_issuers(text: str) -> list[tuple[str, int]]:
    """The issuers a note names in its own words (`_WRITTEN_ISSUER`), each with where it is
    written: in the prose that introduces a citation or inside a cited title, where the entry's
    outlet is someone else (a publisher, the body a report was submitted to)."""
    found = []
    for match in _WRITTEN_ISSUER.finditer(text):
        group = "owner" if match.group("owner") else "maker"
        found.append((match.group(group), match.start(group)))
    return found


def _source_at(sources: Sequence[Source], at: int) -> Source | None:
    """The source a name written at `at` in a note belongs to: the citation holding it, else the
    first one after it (prose introduces the citation it quotes), else the last before it."""
    for source in sources:
        if source.span[0] <= at < source.span[1]:
            return source
    after = [s for s in sources if s.span[0] > at]
    if after:
        return after[0]
    return sources[-1] if sources else None


class ClaimIndex:
    """Every claim of the loaded units: marked claims with the parsed sources of the notes they
    cite, built once with the engine; and the sentences of documents without notes that name
    their sources in words, read from `attributions_of` (a passage's index -> its attributions)
    on the first list question, not at load (docs/sources.md, "When attributions are read")."""

    def __init__(
        self,
        units: Sequence[Unit],
        sources_of: Callable[[str], tuple[Source, ...]],
        attributions_of: Callable[[int], Sequence[Attribution]],
    ) -> None:
        self._units = units
        self._sources_of = sources_of
        self._attributions_of = attributions_of
        self._marked = tuple(claim for index, unit in enumerate(units) for claim in _marked_claims(index, unit))
        self._notes = tuple(index for index, unit in enumerate(units) if unit.kind == "footnote")
        names: dict[str, str] = {}
        # Issuers a note names in its words, by the note and the citation's span they belong to.
        self._written: dict[tuple[str, tuple[int, int]], tuple[str, ...]] = {}
        for unit in units:
            sources = sources_of(unit.id) if unit.kind == "footnote" else ()
            for source in sources:
                _add_name(names, issuer(source))
            for name, at in written_issuers(unit.text) if sources else ():
                owner = _source_at(sources, at)
                if owner is not None:
                    key = (unit.id, owner.span)
                    self._written[key] = (*self._written.get(key, ()), name)
                    _add_name(names, name)
        self._note_issuers = names
        self._read: tuple[tuple[Claim, ...], tuple[str, ...]] | None = None
        self._lock = threading.Lock()

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim, marked or attributed, in unit and reading order."""
        return self._read_attributions()[0]

    def issuers(self) -> tuple[str, ...]:
        """The outlets and interviewers the notes name (as an entry's outlet, or in their words:
        `written_issuers`) and the outlets the sentences of documents without notes name,
        longest first, so that "U.S. Institute of Peace" is read before a shorter name inside
        it. A callable: read when a question has a list frame."""
        return self._read_attributions()[1]

    def _read_attributions(self) -> tuple[tuple[Claim, ...], tuple[str, ...]]:
        with self._lock:
            if self._read is None:
                attributed = tuple(self._attributed_claims())
                names = dict(self._note_issuers)
                for claim in attributed:
                    for attribution in claim.attributions:
                        _add_name(names, attributed_issuer(attribution.source))
                claims = tuple(sorted((*self._marked, *attributed), key=lambda c: (c.unit_index, c.span)))
                self._read = claims, tuple(sorted(names.values(), key=lambda n: (-len(n), n)))
            return self._read

    def _attributed_claims(self) -> Iterable[Claim]:
        """The sentences of documents without notes that name a source in words, naming who or
        where (`identified`: "They also complained" names nobody to check)."""
        noted = {u.document_id for u in self._units if u.kind == "footnote" or u.footnote_refs}
        for index, unit in enumerate(self._units):
            if unit.kind != "passage" or unit.document_id in noted:
                continue
            by_sentence: dict[Span, list[Attribution]] = {}
            for attribution in self._attributions_of(index):
                if attribution.identified:
                    by_sentence.setdefault(attribution.sentence, []).append(attribution)
            for span, said in by_sentence.items():
                yield Claim(index, span, attributions=tuple(said))

    def listed(self, asked: ListQuestion) -> list[ListedClaim]:
        """The claims whose notes (or words) name an asked source, in document order. When a
        kind and an outlet are both asked for and no source is both, the outlet decides: "Dawn
        reports" are Dawn's news articles."""
        return _outlet_decides(asked, self._matching)

    def listed_notes(self, asked: ListQuestion) -> list[ListedNote]:
        """The notes naming an asked source, with those sources, in document order (the outlet
        decides as in `listed`)."""
        return _outlet_decides(asked, self._matching_notes)

    def _matching(self, asked: ListQuestion, kinds: Collection[SourceKind]) -> list[ListedClaim]:
        wanted = _wanted(asked, kinds)
        found: list[ListedClaim] = []
        for claim in self.claims:
            unit = self._units[claim.unit_index]
            if asked.documents is not None and unit.document_id not in asked.documents:
                continue
            notes: list[ListedNote] = []
            for number in claim.footnotes:
                note_id = footnote_id(unit.document_id, number)
                matching = tuple(s for s in self._sources_of(note_id) if wanted(s, self._issuers_of(note_id, s)))
                if matching:
                    notes.append(ListedNote(number, note_id, matching))
            said = tuple(a for a in claim.attributions if wanted(a.source, (attributed_issuer(a.source),)))
            if notes or said:
                found.append(ListedClaim(claim, tuple(notes), said))
        return found

    def _matching_notes(self, asked: ListQuestion, kinds: Collection[SourceKind]) -> list[ListedNote]:
        wanted = _wanted(asked, kinds)
        found: list[ListedNote] = []
        for index in self._notes:
            unit = self._units[index]
            if asked.documents is not None and unit.document_id not in asked.documents:
                continue
            matching = tuple(s for s in self._sources_of(unit.id) if wanted(s, self._issuers_of(unit.id, s)))
            if matching and unit.number is not None:
                found.append(ListedNote(unit.number, unit.id, matching))
        return found

    def _issuers_of(self, note_id: str, source: Source) -> tuple[str | None, ...]:
        """Who a note's source comes from: its outlet or interviewer, and the issuers the note
        names for it in its words ("the Afghanistan Study Group's … report" before a U.S.
        Institute of Peace entry)."""
        return (issuer(source), *self._written.get((note_id, source.span), ()))


Listed = TypeVar("Listed", ListedClaim, ListedNote)


def _outlet_decides(
    asked: ListQuestion, matching: Callable[[ListQuestion, Collection[SourceKind]], list[Listed]]
) -> list[Listed]:
    """What `matching` finds for the asked kinds and outlets; when a kind and an outlet are
    both asked for and nothing is both, for the outlet alone. Nothing for an unknown outlet."""
    if asked.unknown_outlet:
        return []
    found = matching(asked, asked.kinds)
    if not found and asked.kinds and asked.outlets:
        found = matching(asked, ())
    return found


def _wanted(asked: ListQuestion, kinds: Collection[SourceKind]) -> Callable[[Source, Iterable[str | None]], bool]:
    """Whether a source (and those it comes from) is of the kinds and outlets asked for."""
    outlets = {name_key(o) for o in asked.outlets}

    def wanted(source: Source, names: Iterable[str | None]) -> bool:
        named = not outlets or any(name is not None and name_key(name) in outlets for name in names)
        return (not kinds or source.kind in kinds) and named

    return wanted


def _add_name(names: dict[str, str], name: str | None) -> None:
    if name:
        names.setdefault(name_key(name), name)


def _marked_claims(index: int, unit: Unit) -> Iterable[Claim]:
    """A passage's sentences closed by markers, once each, in reading order."""
    if unit.kind != "passage":
        return
    seen: set[Span] = set()
    for ref in unit.footnote_refs:
        span = (ref.sentence[0], ref.sentence[1])
        if span not in seen:
            seen.add(span)
            yield Claim(index, span, unit.footnotes_closing(span))


def read_list_question(
    question: str, issuers: Callable[[], Sequence[str]], documents: Sequence[Document]
) -> ListQuestion | None:
    """What a list question asks for, or None when `question` is not one (module docstring).
    `issuers` gives the known outlets and interviewers, asked only of a question with a list
    frame (ClaimIndex.issuers reads the documents without notes the first time)."""
    cite_for = _CITE_FOR.match(question) or _CITED_FOR.match(question)
    works = None if cite_for else _WORKS_CITED.match(question)
    notes = works is not None
    framed = cite_for or works
    if framed is not None:  # the passive names no scope: every document
        scope, source = framed.groupdict().get("scope") or "", framed.group("source")
    else:
        head = _LIST_HEAD.match(question) or _NOTES_HEAD.match(question)
        relation = _RELATION.search(question, head.end()) if head else None
        if head is None or relation is None:
            return None
        scope, source = question[: relation.start()], question[relation.end() :]
        notes = head.re is _NOTES_HEAD
    outlets, rest = _named_issuers(source, issuers())
    unwritten, rest = _unwritten_issuers(rest)
    kinds, rest = named_kinds(rest)
    if works and not kinds:
        return None  # "Which Taliban leaders does the briefing quote?" names no kind of work
    if unwritten and not outlets:
        # "Which claims rest on the Pakistan Study Group's report?": the report asked for is
        # that body's, and no note names it; not every report.
        return None if cite_for else ListQuestion((), (), named_documents(scope, documents), True, notes)
    if not kinds and not outlets:
        # "Which claims rest on weak evidence?" is not about a source; "Which claims cite
        # Bloomberg?" is, about one no note names. "What did X cite Y for?" asks that only of
        # a source the notes know (it is a plain question otherwise).
        if cite_for or not _NAME.search(rest):
            return None
        return ListQuestion((), (), named_documents(scope, documents), unknown_outlet=True, notes=notes)
    return ListQuestion(kinds, outlets, named_documents(scope, documents), notes=notes)


# A capitalised name of two or more words in the part of a question naming the source, its
# possessive apart ("the Pakistan Study Group's report").
_ASKED_NAME = re.compile(rf"{_ISSUER_NAME}(?:['’]s\b)?")


def _unwritten_issuers(text: str) -> tuple[tuple[str, ...], str]:
    """The capitalised names of several words left in `text` once the known issuers are taken
    out that hold a kind noun and a word that is not one ("Pakistan Study Group", "Iraq Study
    Group"), and the text without them. Such a name is a body no note names, not a kind: its
    "Study" asks for that group's work, not for every study. A run of kind words alone ("News
    Reports", "Think-Tank Studies") is a kind spelt in capitals (docs/retrieval.md, "List
    questions by source")."""
    found: list[str] = []
    for match in _ASKED_NAME.finditer(text):
        name = match.group()
        kinds, remainder = named_kinds(name)
        if kinds and _NAME.search(remainder):
            found.append(name)
            text = text.replace(name, " ", 1)
    return tuple(found), text


def _named_issuers(text: str, issuers: Sequence[str]) -> tuple[tuple[str, ...], str]:
    """The known outlets and interviewers that `text` names, and the text without them.
    A name is matched as spelt (capitals included: "Dawn", not "dawn"), its leading "The"
    optional unless the name is "The" and one word ("The News", never "news")."""
    found: list[str] = []
    for name in issuers:
        words = [re.escape(w) for w in name.split()]
        the = words[0] in ("The", "the")
        if the and len(words) > 2:
            pattern = r"(?:[Tt]he\s+)?" + r"\s+".join(words[1:])
        else:
            pattern = r"\s+".join(["[Tt]he", *words[1:]] if the else words)
        match = re.search(r"(?<![\w-])" + pattern + r"(?![\w-])", text)
        if match:
            found.append(name)
            text = text[: match.start()] + " " + text[match.end() :]
    return tuple(found), text


def named_documents(scope: str, documents: Sequence[Document]) -> tuple[str, ...] | None:
    """The documents `scope` names: by id, by a capitalised name found in a catalog field
    ("the Crisis Group briefing", "the Foreign Policy article"), by the author's surname, or
    else by a document kind only some documents have ("the briefing"); None when it names none."""
    stripped = (_QUESTION_WORD.sub("", run) for run in _CAPITALISED_RUN.findall(scope))
    runs = [run for run in stripped if len(run.split()) > 1]
    named = tuple(d.id for d in documents if _names(scope, runs, d))
    if named:
        return named
    by_kind = tuple(d.id for d in documents if d.kind and re.search(rf"\b{re.escape(d.kind)}s?\b", scope, re.I))
    return by_kind if by_kind and len(by_kind) < len(documents) else None


def _names(scope: str, runs: Sequence[str], document: Document) -> bool:
    if re.search(rf"(?<![\w-]){re.escape(document.id)}(?![\w-])", scope):
        return True
    fields = [f for f in (document.title, document.publisher, document.series, document.author) if f]
    if any(re.search(rf"(?<!\w){re.escape(name_key(run))}(?!\w)", name_key(f)) for run in runs for f in fields):
        return True
    surname = document.author.split()[-1] if document.author else None
    return bool(surname and re.search(rf"\b{re.escape(surname)}\b", scope))


def _within_results(quoted: Sequence[AnswerSentence], top_k: int) -> list[AnswerSentence]:
    """The longest run of `quoted`, in its order, whose units fit in `top_k` results: every
    quoted sentence is then a result a reader can open and cite (several claims of one passage
    share its result). Asked for five results, a list shows its first five units' claims."""
    units: set[str] = set()
    kept: list[AnswerSentence] = []
    for sentence in quoted:
        units.add(sentence.unit_id)
        if len(units) > top_k:
            break
        kept.append(sentence)
    return kept


def list_answer(question: str, asked: ListQuestion, claims: ClaimIndex, sources: Sources, top_k: int) -> Answer:
    """The listed claims (module docstring): up to LIST_CLAIMS sentences with their notes, the
    passages holding them as results, and the counts; asked for the notes themselves, up to
    LIST_CLAIMS notes, each quoted by its sentence naming the source, the notes as results. An
    abstention when there are none."""
    found = claims.listed(asked)
    notes = claims.listed_notes(asked) if asked.notes else None
    if notes is None:
        quoted = [_claim_sentence(listed, sources) for listed in found[:LIST_CLAIMS]]
    else:
        quoted = [entry for note in notes[:LIST_CLAIMS] for entry in _note_entries(note, sources)]
    quoted = _within_results(quoted, top_k)
    counts = SourceList(
        asked.kinds,
        asked.outlets,
        asked.documents,
        claims=len(found),
        notes=len(notes) if notes is not None else len({n.unit_id for listed in found for n in listed.notes}),
        shown=len(quoted) if notes is None else len({sentence.unit_id for sentence in quoted}),
        attributions=sum(len(listed.attributions) for listed in found),
        items="notes" if notes is not None else "claims",
    )
    if not quoted:
        return Answer(question, True, (), (), source_list=counts, abstain_reason="no-listed-claim")
    shown = list(dict.fromkeys(sources.by_id[sentence.unit_id] for sentence in quoted))
    results = [
        shown_result(rank, Hit(sources.units[index], LIST_SCORE), (), sources)
        for rank, index in enumerate(shown, start=1)
    ]
    return Answer(question, False, tuple(quoted), highlight_quoted(results, quoted), source_list=counts)


def _claim_sentence(listed: ListedClaim, sources: Sources) -> AnswerSentence:
    """A listed claim's sentence, with all its notes and attributions and the listed ones."""
    unit = sources.units[listed.claim.unit_index]
    start, end = listed.claim.span
    return AnswerSentence(
        unit.text_at((start, end)),
        unit.id,
        (start, end),
        listed.claim.footnotes,
        closing(unit_attributions(sources, listed.claim.unit_index), (start, end)),
        listed=listed.notes,
        listed_attributions=listed.attributions,
    )


def _note_entries(note: ListedNote, sources: Sources) -> list[AnswerSentence]:
    """The citations of a listed note that name an asked source, each listing the note: every
    sentence of the note holding one, cut into the citations it joins with ";"
    (`service.citations.entry_spans`), quoting those where an asked source begins, the
    adjacent ones as one run. "Which footnotes cite TOLO News?" is answered by a note's
    `"…", TOLO News, 14 May 2021` alone, not by the sentence joining it to The News's article:
    the quote shows the source asked for, nothing a reader would take for it. A sentence that
    joins nothing is one entry, quoted whole (docs/sources.md, "Claims by source")."""
    index = sources.by_id[note.unit_id]
    text = sources.units[index].text
    begins = [source.span[0] for source in note.sources]
    quoted: list[tuple[int, int]] = []
    spans = sources.sentences.spans_of(index) or [(0, len(text))]
    for start, end in spans:
        joined = False  # the entry before this one was quoted: a run goes on
        for a, b in entry_spans(text, (start, end)):
            asked = any(a <= at < b for at in begins)
            if asked and joined:
                quoted[-1] = (quoted[-1][0], b)
            elif asked:
                quoted.append((a, b))
            joined = asked
    if not quoted:  # no sentence holds where a source begins: the note's first, as it reads
        quoted = [spans[0]]
    return [AnswerSentence(text[a:b], note.unit_id, (a, b), listed=(note,)) for a, b in quoted]
