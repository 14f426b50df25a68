"""The answer to a question about a source: the footnote the claim cites, then the claim's sentence.

"What is the source for the claim that …?", "Who reported that …?": the question quotes or
paraphrases a claim, and asks where it comes from. A footnoted report ties each claim to its
source through the marker that closes the claim's sentence, and the footnote names the source.
So the answer is the reference entry of each footnote it cites (of a note citing several, the
one the question names or the note places as the claim's: `cited_entry`), which answers the
question, then that sentence (carrying its footnote numbers), which the question restates; the
results lead with the units the answer quotes, in its order (the passage highlighted at the
claim), so the first result is the first sentence's unit (docs/retrieval.md, "Source questions").

The claim is looked for among the sentences of the passages in the ranked head, of the
passages citing a footnote in the head (a question that names the outlet or echoes the cited
title finds the note before the passage), and of the footnotes in the head (a note can make a
claim of its own and name its source after it: "An Afghan media outlet, TOLO News, published a
leaked draft …. "Khalilzad meets Bajwa …", Dawn, 9 March 2021."). A sentence closed by a
footnote marker, or a note's claim followed by its reference, is preferred, as a claim with a
source is what the question asks about; a document without notes (a web article) names its
sources in the sentence itself ("According to TTP data, …", "… told the BBC …"): such a
sentence is preferred alike, and the answer is that sentence carrying the attribution read from
it (service.attributions), with no note after it. A sentence closing no marker rests on the
next marker of its passage, as reports put one marker after a run of sentences on one source,
unless a sentence in between names its own source or the note names none (`noted_later`); the
answer is then the note, the claim, and the sentence carrying the note's number.
A head led by a document card asks about the documents, not a claim, and is left to the
general answer. A passage reached through a footnote is looked in whatever the request's
filters, so the claim, and with it the entry of the note that sources it, is the one found
unfiltered; a claim in a passage the filters leave out is not quoted nor shown (`Claim.admitted`):
a question asked of footnotes alone gets footnotes alone, the same entries as unfiltered (the
note's own claim would otherwise take the passage's place and quote the entry after it). Nothing
here reads which document it is: it holds for any footnoted report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from service.attributions import Attribution, closing, passage_attributions, read_attributions
from service.bm25 import terms_of
from service.citations import SourceKind, entry_spans, parse_sources
from service.records import AnswerSentence, Document, Result, Unit, footnote_id
from service.references import NOTHING_NAMED, SourceNamed, dates_given
from service.sentences import ScoredSentence, score_sentences
from service.store import SentenceTable


class Sources(Protocol):
    """What finding a claim reads from the loaded index (service.composing.Sources has it)."""

    @property
    def units(self) -> Sequence[Unit]: ...
    @property
    def documents(self) -> Mapping[str, Document]: ...
    @property
    def by_id(self) -> Mapping[str, int]: ...
    @property
    def sentences(self) -> SentenceTable: ...
    @property
    def sentence_terms(self) -> Mapping[int, frozenset[str]]: ...
    @property
    def reference(self) -> np.ndarray: ...


CLAIM_UNITS = 3  # the claim is looked for in the passages of the top this many results
MARKED_BONUS = 0.1  # a sentence closed by a footnote marker: a claim with a source
ATTRIBUTED_BONUS = 0.1  # a sentence naming its source in its words ("told the BBC"), without a marker
CITING_PENALTY = 0.05  # a passage reached through a footnote of the head, not ranked itself
RANK_PENALTY = 0.05  # per rank below the first, for the result the sentence was found through
NOTE_SENTENCES = 2  # reference entries quoted after the claim
# A reference entry of the head that beats every claim by this much is itself what the
# question is about ("Which book does Crisis Group recommend for background on …?").
REFERENCE_MARGIN: float | None = 0.1


@dataclass(frozen=True)
class Claim:
    """The sentence a source question asks about, and the footnotes its markers cite."""

    unit_index: int
    sentence: ScoredSentence
    footnotes: tuple[int, ...]  # the numbers its markers cite (a passage's sentence)
    notes: tuple[int, ...]  # the footnote units that name its source
    score: float  # the sentence's score with the bonuses and penalties above
    attributions: tuple[Attribution, ...] = ()  # the sources it names in its own words
    # A sentence citing nothing itself whose passage's next marker closes a later sentence of
    # its run (`noted_later`): that sentence's span and the numbers it carries; `notes` are then
    # those footnotes. None for a sentence with markers of its own.
    carrier: tuple[int, int] | None = None
    carried: tuple[int, ...] = ()
    # False for a passage the request's filters leave out, reached through a footnote of the
    # head: it chooses the note's entry, but the answer quotes only the notes (module docstring).
    admitted: bool = True


def find_claim(
    head: np.ndarray,
    vector: np.ndarray,
    terms: set[str],
    sources: Sources,
    lexical_weight: float,
    admits: Callable[[Unit], bool],
    named: SourceNamed = NOTHING_NAMED,
) -> Claim | None:
    """The best claim sentence among the first CLAIM_UNITS ranked units and the passages citing
    their footnotes (module docstring); a claim in a passage `admits` leaves out (the request's
    filters) is marked not `admitted`. A claim citing a note that holds an entry naming the source
    the question names (`named`, `names_in_notes`) wins over every claim citing none: "What did
    TOLO News report about …?" asks about the claim TOLO News is cited for."""
    if not len(head) or sources.units[int(head[0])].kind == "document":
        return None
    best: Claim | None = None
    best_named = False
    candidates = list(_candidates(head[:CLAIM_UNITS], vector, terms, sources, lexical_weight, admits))
    for claim in candidates:
        holds = bool(named.source) and names_in_notes(claim, named, sources)
        if best is None or (holds, claim.score) > (best_named, best.score):
            best, best_named = claim, holds
    if best is not None and not best.notes and not best.attributions:
        best = _sourced_instead(best, candidates, named, sources)
    if best is None or REFERENCE_MARGIN is None:
        return best
    reference = _best_reference(head[:CLAIM_UNITS], vector, terms, sources, lexical_weight)
    return None if reference > best.sentence.score + REFERENCE_MARGIN else best


def _sourced_instead(best: Claim, candidates: Sequence[Claim], named: SourceNamed, sources: Sources) -> Claim:
    """A claim naming no source (a note's own sentence, a passage's without a marker) answers a
    source question with nothing; the best claim whose note holds an entry the question's names
    fit, beyond those that claim's sentence holds, takes its place: "Which agency reported that
    the Centcom chief and Bajwa discussed security …?" restates a note that cites nothing
    ("… the U.S. Central Command chief called Bajwa …") and echoes an entry of another note
    (`"Centcom chief, Bajwa discuss security, Afghan peace process", Agence France-Presse, …`).
    `best` stays when no such claim is found (docs/retrieval.md, "Source questions")."""
    if not named.terms:
        return best
    fitting = [c for c in candidates if c.notes and _names_fit_notes(c, named, sources)]
    return max(fitting, key=lambda c: c.score, default=best)


def _names_fit_notes(claim: Claim, named: SourceNamed, sources: Sources) -> bool:
    """Whether an entry of a note `claim` cites holds a name the question gives that the claim's
    sentence does not (`_note_fit` over all the question's names, not its source's alone)."""
    return any(_note_fit(note, claim, replace(named, source=named.terms), sources) > 0 for note in claim.notes)


def _best_reference(
    head: np.ndarray, vector: np.ndarray, terms: set[str], sources: Sources, lexical_weight: float
) -> float:
    """The best score of a reference entry among the units of the head (-inf without one)."""
    scores = [
        s.score
        for index in (int(i) for i in head)
        for s in score_sentences(sources.sentences, index, vector, terms, sources.sentence_terms, lexical_weight)
        if sources.reference[s.row]
    ]
    return max(scores, default=float("-inf"))


def _candidates(
    head: np.ndarray,
    vector: np.ndarray,
    terms: set[str],
    sources: Sources,
    lexical_weight: float,
    admits: Callable[[Unit], bool],
) -> Iterator[Claim]:
    for rank, index in enumerate(int(i) for i in head):
        unit = sources.units[index]
        if unit.kind == "passage":
            yield from _passage_claims(index, None, RANK_PENALTY * rank, vector, terms, sources, lexical_weight)
        elif unit.kind == "footnote":
            yield from _note_claims(index, RANK_PENALTY * rank, vector, terms, sources, lexical_weight)
            penalty = RANK_PENALTY * rank + CITING_PENALTY
            citing_units = (sources.by_id[p] for p in unit.cited_by if p in sources.by_id)
            for citing in citing_units:
                claims = _passage_claims(citing, unit.number, penalty, vector, terms, sources, lexical_weight)
                admitted = admits(sources.units[citing])
                yield from (c if admitted else replace(c, admitted=False) for c in claims)


def _passage_claims(
    index: int,
    through: int | None,
    penalty: float,
    vector: np.ndarray,
    terms: set[str],
    sources: Sources,
    lexical_weight: float,
) -> Iterator[Claim]:
    """A passage's sentences; reached `through` a footnote, only those citing it, by their own
    marker or by the later one of their run that they rest on (`noted_later`)."""
    for sentence in score_sentences(sources.sentences, index, vector, terms, sources.sentence_terms, lexical_weight):
        claim = claim_of(index, sentence, sources)
        if through is not None and through not in claim.footnotes + claim.carried:
            continue
        bonus = MARKED_BONUS if claim.footnotes else ATTRIBUTED_BONUS if claim.attributions else 0.0
        yield replace(claim, score=sentence.score + bonus - penalty)


def claim_of(index: int, sentence: ScoredSentence, sources: Sources) -> Claim:
    """`sentence` of unit `index` taken as the claim asked about: a passage's sentence cites
    the notes its markers close it with, a footnote's own claim the note itself when the note
    holds a reference entry, a sentence citing nothing no note (docs/retrieval.md)."""
    unit = sources.units[index]
    span = (sentence.start, sentence.end)
    if unit.kind == "footnote":
        return Claim(index, sentence, (), (index,) if _names_source(index, sources) else (), sentence.score)
    numbers = unit.footnotes_closing(span)
    said = closing(unit_attributions(sources, index), span)
    if not numbers:
        later = noted_later(index, span, sources)
        if later is not None:
            carrier, carried, notes = later
            return Claim(index, sentence, (), notes, sentence.score, said, carrier, carried)
    return Claim(index, sentence, numbers, _note_units(unit, numbers, sources), sentence.score, said)


def _note_units(unit: Unit, numbers: Sequence[int], sources: Sources) -> tuple[int, ...]:
    """The footnote units of `unit`'s document numbered `numbers`, those the index holds."""
    found = (sources.by_id.get(footnote_id(unit.document_id, n)) for n in numbers)
    return tuple(i for i in found if i is not None)


def noted_later(
    index: int, span: tuple[int, int], sources: Sources
) -> tuple[tuple[int, int], tuple[int, ...], tuple[int, ...]] | None:
    """The sentence of passage `index` after `span` that carries the passage's next footnote
    marker, its footnote numbers and their note units, when those notes name a source (hold a
    reference entry) and no sentence in between names a source of its own in its words: reports
    often put one marker at the end of a run of sentences resting on one source ("Ghani accused
    Pakistan of …. As the U.S. leaves, Ghani said: "…"⁶⁴"), so a sentence without a marker rests
    on the next one. A sentence in between naming its own source starts another claim, and a
    note without a reference entry explains rather than sources (docs/retrieval.md, "Source
    questions"). Reads only markers, sentence order and the notes' form."""
    unit = sources.units[index]
    attributions = unit_attributions(sources, index)
    for later in (s for s in sources.sentences.spans_of(index) if s[0] >= span[1]):
        numbers = unit.footnotes_closing(later)
        if not numbers:
            if closing(attributions, later):
                return None
            continue
        notes = tuple(i for i in _note_units(unit, numbers, sources) if _names_source(i, sources))
        return (later, numbers, notes) if notes else None
    return None


def _names_source(note: int, sources: Sources) -> bool:
    """Whether footnote unit `note` holds a reference entry (an interview note counts)."""
    return any(sources.reference[row] for row in sources.sentences.of_unit(note))


def unit_attributions(sources: Sources, index: int) -> tuple[Attribution, ...]:
    """The sources a passage's sentences name in their words (service.attributions), read the
    first time they are asked for; () for a footnote or a document card."""
    unit = sources.units[index]
    if unit.kind != "passage":
        return ()
    return passage_attributions(unit.text, tuple(sources.sentences.spans_of(index)))


def _note_claims(
    index: int, penalty: float, vector: np.ndarray, terms: set[str], sources: Sources, lexical_weight: float
) -> Iterator[Claim]:
    """A footnote's own claims: its sentences that are not reference entries; the note itself
    names their source when it holds a reference entry."""
    for sentence in score_sentences(sources.sentences, index, vector, terms, sources.sentence_terms, lexical_weight):
        if not sources.reference[sentence.row]:
            claim = claim_of(index, sentence, sources)
            yield replace(claim, score=sentence.score + (MARKED_BONUS if claim.notes else 0.0) - penalty)


def claim_answer(
    claim: Claim,
    vector: np.ndarray,
    terms: set[str],
    sources: Sources,
    lexical_weight: float,
    limit: int,
    named: SourceNamed = NOTHING_NAMED,
) -> tuple[AnswerSentence, ...]:
    """The reference entry of each note naming the claim's source that cites it (`cited_entry`:
    the one the question's words `named` fit, else the one the note places as the claim's), or
    the note's best sentence for a note that cites nothing, then the claim's sentence
    with its footnote numbers, up to `limit` sentences: the note answers what the question asks,
    and the claim it sources, which the question restates, follows it, carrying the sources it
    names in its words ("Khalilzad said", "According to Ghani": who said it; the note's entry is
    where the report took it from). The claim leads only when no note's entry names its source:
    a note that cites nothing, or an interview note that says only how and when ("Crisis Group
    telephone interview, November 2020.", `names_no_one`), where the words ("A retired general
    said") are all the answer has of who the source is. A claim the request's filters leave out
    (not `admitted`) is not quoted: the notes' entries alone."""
    unit = sources.units[claim.unit_index]
    span = (claim.sentence.start, claim.sentence.end)
    stated = AnswerSentence(unit.text[span[0] : span[1]], unit.id, span, claim.footnotes, claim.attributions)
    answer: list[AnswerSentence] = []
    naming = False  # a quoted entry names the claim's source (`names_no_one`)
    # A note holding the source the question names leads the notes of a claim citing several.
    notes = sorted(claim.notes, key=lambda i: -_note_fit(i, claim, named, sources)) if named.source else claim.notes
    for index in notes[:NOTE_SENTENCES]:
        scored = score_sentences(sources.sentences, index, vector, terms, sources.sentence_terms, lexical_weight)
        others = [s for s in scored if s.row != claim.sentence.row]
        references = [s for s in others if sources.reference[s.row]]
        if references or others:
            chosen = (
                cited_entry(references, claim, index, named, sources)
                if references
                else max(others, key=lambda s: s.score)
            )
            note = sources.units[index]
            entry = note.text_of(chosen)
            naming = naming or (bool(references) and _entry_names_source(entry, named))
            answer.append(AnswerSentence.quoting(note, (chosen.start, chosen.end)))
    if not claim.admitted:
        return tuple(answer[:limit])
    words_lead = _words_name_source(claim, named, stated.text) and not naming
    if claim.carrier is not None:
        # The note, the claim, then the sentence whose marker ties the note to the claim's run,
        # carrying its number: a reader traces the source through the marker the text has.
        said = closing(unit_attributions(sources, claim.unit_index), claim.carrier)
        carrier = AnswerSentence.quoting(unit, claim.carrier, claim.carried, said)
        quoted = answer[: limit - 2]
        return tuple([stated, *quoted, carrier] if words_lead else [*quoted, stated, carrier])[:limit]
    return tuple([stated, *answer] if words_lead else [*answer[: limit - 1], stated])[:limit]


def _entry_names_source(entry: str, named: SourceNamed) -> bool:
    """Whether a note's reference entry names what the question asks for: the source
    (`names_no_one` false), or, when it asks who said the claim to an audience (`named.speaker`,
    "Who told senators that …?"), the speaker, which only an interview naming whom it was with
    does ("…, former head, National Counter Terrorism Authority, …"): a news article's entry
    names who reported the words, not who said them (docs/retrieval.md, "Source questions")."""
    if not named.speaker:
        return not names_no_one(entry)
    return any(source.kind == "interview" and source.interviewee for source in parse_sources(entry))


def _words_name_source(claim: Claim, named: SourceNamed, text: str) -> bool:
    """Whether the claim's sentence names a source in its words ("Khalilzad said", "told the
    BBC"): a passage's attributions, and for a speaker question a note's own claim's too
    ("Speaking at a trilateral meeting …, Qureshi said …"), which the note's entry follows."""
    return bool(claim.attributions) or (named.speaker and bool(read_attributions(text)))


def names_no_one(entry: str) -> bool:
    """Whether a reference entry names no source beyond how and when: every citation it holds
    an interview naming no interviewee ("Crisis Group telephone interview, October 2020.").
    Such an entry says less of who the source is than a claim's words ("A retired general
    said"), which then lead a source answer (`claim_answer`); an interview naming whom
    ("…, former head, National Counter Terrorism Authority, …"), a title or an outlet names it."""
    cited = parse_sources(entry)
    return bool(cited) and all(source.kind == "interview" and not source.interviewee for source in cited)


def cited_entry(
    references: Sequence[ScoredSentence], claim: Claim, note: int, named: SourceNamed, sources: Sources
) -> ScoredSentence:
    """Which of a note's reference sentences (in note order), or which citation of one, is the
    claim's source. A note often cites several: "X, Reuters, 18 June 2021. The UN report said
    …. "Twelfth report …", op. cit."; one sentence can join several with ";" ("A, Dawn, 8 June
    2018; B, Reuters, 3 October 2018"), each its own entry (`note_entries`). First the entry the
    question's words fit (`named`: the kinds its asking words name, "Which book", and the names
    it gives that the claim's sentence does not hold, "Which UN report", "Which article by Anwar
    Iqbal"), and the dates it gives that the claim's sentence does not write, counted in the
    entry's terms, its parsed kind and its dates; then the sentence the note places as the
    claim's: after a note's own claim (a note writes a claim, then its citation), or, for a
    passage's claim, the note's citations in a row from its first (`_citation_run`). A sentence
    is quoted whole when the question's words do not single out one of its entries (they fit
    none, or two as well): a note citing a list for a passage does not say which of them bears
    which sentence, so "What is the source for …?" gets the list, whether ";" joins it or it runs
    over sentences (docs/retrieval.md, "Which entry of a note")."""
    names, dates = _names_for(claim, note, named, sources), named.dates - _claim_dates(claim, sources)
    if claim.unit_index == note:
        after = [e for e in references if e.row > claim.sentence.row]
        placed = after[0] if after else references[-1]
    elif not any(_entry_fit(e, names, named.kinds, dates, sources) for e in _entries(references, sources)):
        return _citation_run(references, sources)
    else:
        placed = references[0]
    return _entry_named(references, placed, names, named.kinds, sources, dates)


def _entries(references: Sequence[ScoredSentence], sources: Sources) -> list[ScoredSentence]:
    """The citations of the reference sentences, in note order (`note_entries`)."""
    return [entry for sentence in references for entry in note_entries(sentence, sources)]


def _citation_run(references: Sequence[ScoredSentence], sources: Sources) -> ScoredSentence:
    """The note's first reference sentence and those following it with no sentence of the
    note's own between them, as one span: a passage's marker cites the note, and a note of
    several citations in a row ("A, op. cit. See also B, …") does not say which bears the
    claim, as a ";"-joined list does not; the first alone left out the one a reader may need
    (docs/retrieval.md, "Which entry of a note")."""
    first = last = references[0]
    for sentence in references[1:]:
        if sentence.row != last.row + 1:
            break
        last = sentence
    if last is first:
        return first
    return replace(first, end=last.end)


def _claim_dates(claim: Claim, sources: Sources) -> frozenset[str]:
    """The dates the claim's sentence writes: a date the question shares with it is the claim's
    ("Who reported that on 3 October 2019 …?"), not the one of the source asked for."""
    text = sources.units[claim.unit_index].text_of(claim.sentence)
    return dates_given(text)


def _names_for(claim: Claim, note: int, named: SourceNamed, sources: Sources) -> frozenset[str]:
    """The names the question gives of the source it asks for, less those the claim's sentence
    holds (the claim's, not its source's) and those of the note's own document (`document_own_names`)."""
    own = document_own_names(sources.documents[sources.units[note].document_id])
    return named.terms - sources.sentence_terms.get(claim.sentence.row, frozenset()) - own


def _note_fit(note: int, claim: Claim, named: SourceNamed, sources: Sources) -> int:
    """How many of the question's names (`_names_for`) the best-fitting reference entry of
    footnote unit `note` holds (0 for a note holding none, or no entry)."""
    names = _names_for(claim, note, replace(named, terms=named.source), sources)
    if not names:
        return 0
    text = sources.units[note].text
    rows = sources.sentences.of_unit(note)
    spans = [
        entry
        for row, span in zip(rows, sources.sentences.spans_of(note), strict=True)
        if sources.reference[row] and row != claim.sentence.row
        for entry in entry_spans(text, span)
    ]
    return max((len(names & terms_of(text[a:b])) for a, b in spans), default=0)


def names_in_notes(claim: Claim, named: SourceNamed, sources: Sources) -> bool:
    """Whether a note `claim` cites holds a reference entry naming the source the question
    names ("What did TOLO News report about …?": note 75's `"…", TOLO News, 22 April 2021`)."""
    return any(_note_fit(note, claim, named, sources) > 0 for note in claim.notes)


def asked_entry(sentence: ScoredSentence, named: SourceNamed, sources: Sources) -> ScoredSentence:
    """A reference sentence that answers a source question by itself (service.answer: the cited
    article is what the question asks about, "Which outlet reported that Samiul Haq called
    Mullah Omar …?"): the entry of its note the question names, as `cited_entry` chooses, else
    the sentence whole. All the note's reference sentences are read, not the best-scored one
    alone: "Which article by Ron Moreau …?" of `Adrian Hanni, "Why does Pakistan releasing a
    key Taliban leader matter?", …. See also Ron Moreau, "…", Newsweek, …` scores the first
    higher on the question's topic words, while its names and date fit the second
    (docs/retrieval.md, "Which entry of a note")."""
    own = document_own_names(sources.documents[sources.units[sentence.unit_index].document_id])
    references = _note_references(sentence, sources)
    return _entry_named(references, sentence, named.terms - own, named.kinds, sources, named.dates)


def _note_references(sentence: ScoredSentence, sources: Sources) -> list[ScoredSentence]:
    """The reference sentences of `sentence`'s unit in reading order, `sentence` itself among
    them with its score (the others carry its score too: only their words are compared)."""
    rows = sources.sentences.of_unit(sentence.unit_index)
    spans = sources.sentences.spans_of(sentence.unit_index)
    return [
        sentence if row == sentence.row else replace(sentence, start=a, end=b, row=row)
        for row, (a, b) in zip(rows, spans, strict=True)
        if sources.reference[row] or row == sentence.row
    ]


def _entry_named(
    references: Sequence[ScoredSentence],
    placed: ScoredSentence,
    names: frozenset[str],
    kinds: frozenset[SourceKind],
    sources: Sources,
    dates: frozenset[str] = frozenset(),
) -> ScoredSentence:
    """The entry of the reference sentences (`note_entries`) that the question's `names`,
    `kinds` and `dates` fit best (one point per name among its terms, one for its parsed kind
    named, one per date of the question it writes: `_dates_fit`); the
    `placed` sentence whole when they fit none of the entries, and the best one's sentence whole
    when another entry of it fits as well: the question's words do not single one out."""
    entries = _entries(references, sources)
    if len(entries) == 1:
        return entries[0]

    def fit(entry: ScoredSentence) -> int:
        return _entry_fit(entry, names, kinds, dates, sources)

    # The first of equals: the placed sentence's first entry, else the note's order.
    best = max(entries, key=lambda e: (fit(e), e.row == placed.row))
    if fit(best) == 0:
        return placed
    if sum(fit(e) == fit(best) for e in entries if e.row == best.row) > 1:  # "Which article …" of articles
        return next(r for r in references if r.row == best.row)
    return best


def _entry_fit(
    entry: ScoredSentence, names: frozenset[str], kinds: frozenset[SourceKind], dates: frozenset[str], sources: Sources
) -> int:
    """How well the question's words fit one entry (`_entry_named`)."""
    text = sources.units[entry.unit_index].text_of(entry)
    parsed = {source.kind for source in parse_sources(text)}
    return len(names & terms_of(text)) + len(kinds & parsed) + _dates_fit(dates, text)


def _dates_fit(dates: frozenset[str], entry: str) -> int:
    """How many of the question's `dates` the entry writes: the same date, or one within the
    question's month ("November 2018" fits "15 November 2018")."""
    if not dates:
        return 0
    written = dates_given(entry)
    return sum(any(w == d or w.startswith(d + "-") for w in written) for d in dates)


def note_entries(sentence: ScoredSentence, sources: Sources) -> list[ScoredSentence]:
    """A reference sentence of a note as its citations, each with the sentence's row and score:
    the entries it joins with ";" (`service.citations.entry_spans`: `"T1", Dawn, 8 June
    2018; "T2", Reuters, 3 October 2018.` is two), else the sentence whole. A source answer
    quotes the one entry asked for, not the list (docs/retrieval.md, "Which entry of a note")."""
    spans = entry_spans(sources.units[sentence.unit_index].text, (sentence.start, sentence.end))
    if len(spans) == 1:
        return [sentence]
    return [replace(sentence, start=a, end=b) for a, b in spans]


def document_own_names(document: Document) -> frozenset[str]:
    """The terms of the names `document` goes by in its catalog entry: its publisher, series and
    author. A question naming them ("What source does the Crisis Group briefing give for …?")
    says where the claim is, not which of a note's entries it asks for; counted, they chose a
    note's "See also Crisis Group Report …" over the entry that cites the claim. All the
    corpus's documents' are service.references.corpus_own_names."""
    return terms_of(" ".join(name for name in (document.publisher, document.series, document.author) if name))


def lead_with_claim(
    results: Sequence[Result],
    claim: Claim,
    lead: Result,
    notes: Sequence[Result],
    answer: Sequence[AnswerSentence],
    top_k: int,
) -> tuple[Result, ...]:
    """The results with the claim's passage (`lead`, built by the caller when it was not among
    them), highlighted at the claim, and the `notes` naming its source (built by the caller when
    not ranked) first, in the order the `answer` quotes them: the result a reader meets first is
    the one the answer's first sentence comes from, and it carries the first rank's score
    (docs/retrieval.md, "Scores"). The others follow in their order, ranks renumbered. A claim's
    passage the request's filters leave out (not `admitted`) is not shown: the notes lead."""
    first = replace(lead, highlights=((claim.sentence.start, claim.sentence.end),))
    quoted = {r.hit.unit.id: r for r in ((first,) if claim.admitted else ()) + tuple(notes)}
    order = list(dict.fromkeys([s.unit_id for s in answer if s.unit_id in quoted] + list(quoted)))
    rest = [r for r in results if r.hit.unit.id not in quoted]
    shown = [quoted[unit_id] for unit_id in order]
    return tuple(replace(r, rank=rank) for rank, r in enumerate([*shown, *rest][:top_k], start=1))
