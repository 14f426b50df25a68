"""Questions about a note by its number, or about which note it is.

Readers of a footnoted report talk about its notes by number: "What does footnote 7 say?",
"What does note 11 cite?", "fn. 63", "n. 14", "endnote 36", in words too ("footnote seven", "the
twelfth footnote": service.number_words, up to ninety-nine). Such a question shares no words with
the note it names, so ranking cannot find it; it is answered from the notes themselves
(`read_numbered`, `numbered_answer`): the footnote units numbered N lead the results (of the
documents the question names, else of those the request's filters or the conversation restrict
to; when several documents have a note N, the engine orders them by the ordinary retrieval
score), and the answer quotes the first note's own sentences verbatim (the whole note up to
NOTE_SENTENCES; its reference entries first when the question asks what it cites). When no
admitted document has a note N the answer abstains: nothing is invented. A number is read only
after a note word ("N°169" is a series, "7 notes" a count).

"Which footnote is attached to the sentence about the 2,430km line?", "In which footnote does
the report explain the name Quetta shura?", "Which footnote cites The Guardian?" ask which note
it is (`which_note_topic`): the frame ("which footnote is attached to the sentence about") is
left out of what retrieval reads, the rest is ranked as any question is, and `lead_with_note`
puts first the note the head answers with: the first ranked unit when it is a note (its own text
answers), else the notes whose markers close the best claim sentence of the head (found as a
source question's claim is, service.source_answer), else the first note of the head. The note
leads the results and the answer (its citation carries its number), the claim's sentence follows
it. docs/retrieval.md, "Notes by number". Nothing here reads which document it is.

"When did Pakistan make public its proof …?" is matched by a body sentence that leaves the date
to the note its marker cites ("On 14 November 2020, … disclosed a dossier …"), or to that note's
reference entry (`"Safe havens", Dawn, 10 May 2021.`): `dated_note_first` puts the note's dated
sentence first, the body sentence after it (docs/retrieval.md, "A date left to the note").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from service.answer import LEXICAL_WEIGHT, TYPE_BONUS, highlight_quoted, shown_result
from service.answer_type import AnswerType, expected_type, states, states_calendar_date
from service.bm25 import terms_of
from service.composing import ANSWER_MARGIN, ANSWER_SENTENCES, COMMON_TERM_SHARE, Sources
from service.number_words import CARDINAL, ORDINAL, word_number
from service.question_words import DATE_ASKING_TERMS, SAYING_TERMS
from service.records import Answer, AnswerSentence, Document, Hit, Quoted, Result, Unit, footnote_id
from service.references import asks_for_source, saying_part, source_named
from service.retrieve import Ranked
from service.sentences import ScoredSentence, score_sentences
from service.source_answer import CLAIM_UNITS, claim_answer, claim_of, find_claim
from service.source_list import named_documents

NOTE_SCORE = 1.0  # a note named by its number answers by construction (docs/api.md)
# The notes the last answer's lead cites name the source a follow-up asks for ("Which report?"),
# by construction (docs/api.md)
QUOTED_SOURCE_SCORE = 1.0
NOTE_SENTENCES = ANSWER_SENTENCES  # a note's sentences quoted: the whole of a short note

# A note word, then its number: "footnote 7", "footnotes 7 and 8", "note no. 7", "fn. 7", "n. 7",
# "endnote #7", "footnote seven"; or an ordinal, then a note word: "the 12th footnote", "the
# twelfth note". "N°169" (a series), "No. 7" and "7 notes" are not notes by number.
_NOTE_WORD = r"(?<![\w°.])(?:(?:foot|end)?notes?|fns?\.?|(?-i:n)\.)"
_NUMBER = rf"(?:\d{{1,4}}\b|{CARDINAL})"
_NUMBERS = rf"{_NUMBER}(?:\s*(?:,|and|&|or)\s*{_NUMBER})*"
_NUMBERED = re.compile(rf"{_NOTE_WORD}\s*(?:no\.?\s*|number\s+|#\s*)?(?P<numbers>{_NUMBERS})", re.I)
_ORDINAL_NOTE = re.compile(rf"(?<![\w-])(?P<numbers>\d{{1,4}}(?:st|nd|rd|th)|{ORDINAL})\s+(?:foot|end)?note\b", re.I)
# What the question says about the note rather than which document it is in.
_TOPIC = re.compile(r"\b(?:about|regarding|concerning|on\s+the\s+subject\s+of)\b.*$", re.I | re.S)

# "Which footnote …", "In which note …", "What endnote …": the question asks which note.
_WHICH_NOTE = re.compile(
    r"^\s*(?:(?:in|from|under)\s+)?(?:which|what)\s+(?:(?:foot|end)?notes?|fn)(?:\s+(?:number|no\.?))?\b", re.I
)
# The words of the frame around the topic, left out of what retrieval reads.
_FRAME = re.compile(
    r"\b(?:is|are|was|were)\s+(?:attached|tied|linked|appended|added|keyed)\s+to\b|\bgoes\s+with\b|\bbelongs\s+to\b"
    r"|\b(?:the\s+)?(?:sentence|claim|statement|passage|paragraph|line|text)s?\s+(?:about|on|that|saying|where|which|with)\b"
    r"|\b(?:cites?|cited|citing|refers?\s+to|mentions?|names?)\b(?=\s+(?-i:[A-Z\"“'‘]|the\s+[A-Z]))",
    re.I,
)


@dataclass(frozen=True)
class NumberedNotes:
    """A question naming notes by number, and the documents it names (None: not one)."""

    numbers: tuple[int, ...]
    documents: tuple[str, ...] | None


def read_numbered(question: str, documents: Sequence[Document], history: Sequence[str] = ()) -> NumberedNotes | None:
    """The note numbers `question` names and the documents it (or else the latest earlier
    question naming one) names; None when it names no note by number."""
    found = [m for m in (_NUMBERED.search(question), _ORDINAL_NOTE.search(question)) if m is not None]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    if match.re is _NUMBERED:
        written = [m.group(0) for m in re.finditer(_NUMBER, match.group("numbers"), re.I)]
    else:
        written = [match.group("numbers")]
    numbers = tuple(dict.fromkeys(n for w in written if (n := word_number(w)) is not None))
    named = _named(question[: match.start()] + " " + question[match.end() :], documents)
    for earlier in reversed(history):
        if named is not None:
            break
        named = _named(earlier, documents)
    return NumberedNotes(numbers, named)


def _named(text: str, documents: Sequence[Document]) -> tuple[str, ...] | None:
    """The documents `text` names, leaving out what it asks about ("… say about Kugelman?")."""
    return named_documents(_TOPIC.sub("", text), documents)


def numbered_notes(
    asked: NumberedNotes,
    documents: Sequence[str],
    units: Sequence[Unit],
    by_id: Mapping[str, int],
    admits: Callable[[Unit], bool],
) -> list[int]:
    """The indices of the admitted footnote units with an asked number, in the asked documents,
    in catalog order (number, then document; `documents` are the catalog's ids in its order)."""
    found = []
    for number in asked.numbers:
        for document in documents:
            if asked.documents is not None and document not in asked.documents:
                continue
            index = by_id.get(footnote_id(document, number))
            if index is not None and admits(units[index]):
                found.append(index)
    return found


def note_sentences(index: int, sources: Sources, source_first: bool, limit: int) -> list[AnswerSentence]:
    """A note's own sentences, verbatim, in reading order, up to `limit`: its reference entries
    first when the question asks what it cites, last when it does not (a reference entry is
    where a claim comes from, not what the note says: docs/retrieval.md, "The answer")."""
    unit = sources.units[index]
    rows = list(sources.sentences.of_unit(index))
    rows.sort(key=lambda row: bool(sources.reference[row]) != source_first)  # stable: reading order kept
    quoted = []
    for row in rows[:limit]:
        start, end = (int(x) for x in sources.sentences.spans[row])
        quoted.append(AnswerSentence.quoting(unit, (start, end)))
    return quoted


def quoted_source_answer(
    question: str,
    lead: Quoted,
    vector: np.ndarray,
    sources: Sources,
    admits: Callable[[Unit], bool],
    top_k: int,
    *,
    own: bool = False,
) -> Answer | None:
    """A follow-up asking only for the source of what the last answer led with ("Which report?",
    "What's the source for that?", "Who wrote it?": antecedents.asked_alone), answered from the
    notes that sentence cites, or the source it names in its words, as a source question about
    it is (service.source_answer.claim_answer): each note's reference entry, then the sentence.
    Not ranked: ranking "Which report?" with its history finds the notes citing other reports of
    the same topic as readily (docs/retrieval.md, "Follow-ups"). A lead that is itself a
    reference entry is quoted again: it is the source; so is a report's own statement (`own`:
    its unit cites no note and it names no source in its words), whose document, in its
    result's citation, is its source. None when the sentence cites nothing and names no source,
    or its unit or notes are filtered out."""
    index = sources.by_id.get(lead.unit_id)
    if index is None:
        return None
    row = sources.sentences.row_at(index, (lead.span[0], lead.span[1]))
    if row is None or not admits(sources.units[index]):
        return None
    if sources.reference[row] or own:  # the entry itself, or a statement citing nothing: the source asked for
        entry = sources.units[index].text[lead.span[0] : lead.span[1]]
        said: tuple[AnswerSentence, ...] = (AnswerSentence(entry, lead.unit_id, lead.span),)
    else:
        claim = claim_of(index, ScoredSentence(index, lead.span[0], lead.span[1], 0.0, row), sources)
        if not (claim.notes or claim.attributions) or not all(admits(sources.units[i]) for i in claim.notes):
            return None
        terms = set(terms_of(question))
        said = claim_answer(claim, vector, terms, sources, LEXICAL_WEIGHT, ANSWER_SENTENCES, source_named(question))
        # Its notes first: the sentence naming a speaker in its words ("Khalilzad said …") was the
        # last answer; what is asked now is the article the note cites (a stable sort).
        said = tuple(sorted(said, key=lambda sentence: sentence.unit_id == lead.unit_id and bool(claim.notes)))
    if not said:
        return None
    shown: dict[str, list[tuple[int, int]]] = {}
    for sentence in said:
        shown.setdefault(sentence.unit_id, []).append(sentence.span)
    results = [
        shown_result(rank, Hit(sources.units[sources.by_id[unit_id]], QUOTED_SOURCE_SCORE), tuple(spans), sources)
        for rank, (unit_id, spans) in enumerate(list(shown.items())[:top_k], start=1)
    ]
    return Answer(question, False, said, highlight_quoted(results, said))


def numbered_answer(question: str, notes: Sequence[int], sources: Sources, top_k: int) -> Answer:
    """The notes as the results, best first, and the first note's sentences as the answer; an
    abstention when there is no such note."""
    if not notes:
        return Answer(question, True, (), (), abstain_reason="no-note")
    sentences = note_sentences(notes[0], sources, asks_for_source(question), NOTE_SENTENCES)
    results = [
        shown_result(rank, Hit(sources.units[index], NOTE_SCORE), (), sources)
        for rank, index in enumerate(notes[:top_k], start=1)
    ]
    return Answer(question, False, tuple(sentences), highlight_quoted(results, sentences))


def which_note_topic(question: str) -> str | None:
    """What a "Which footnote …?" question asks about, without its frame; None for another
    question."""
    match = _WHICH_NOTE.match(question)
    if match is None:
        return None
    topic = _FRAME.sub(" ", question[match.end() :])
    topic = re.sub(r"\s+", " ", topic).strip(" ?")
    return topic or None


def lead_with_note(
    question: str,
    composed: Answer,
    ranked: Ranked,
    vector: np.ndarray,
    terms: set[str],
    sources: Sources,
    admits: Callable[[Unit], bool],
) -> Answer:
    """`composed` (the general answer to the topic) with the note the question asks for leading
    the results and the answer, then the claim's sentence and passage; an abstention when the
    head has no note (module docstring)."""
    if composed.abstained:
        return replace(composed, question=question)
    notes, claim_unit, claim_sentence = _lead_notes(ranked, vector, terms, sources, admits)
    if not notes:
        return Answer(question, True, (), (), abstain_reason="no-note")
    room = NOTE_SENTENCES - (1 if claim_sentence is not None else 0)
    sentences = note_sentences(notes[0], sources, asks_for_source(question), max(room, 1))
    if claim_sentence is not None:
        sentences.append(claim_sentence)
    shown = {r.hit.unit.id: r for r in composed.results}
    leading = [*notes, *([claim_unit] if claim_unit is not None else [])]
    # A result composed for the topic keeps its highlights, the quoted sentences added to them.
    results: list[Result] = []
    for index in leading:
        found = shown.pop(sources.units[index].id, None)
        results.append(found if found is not None else shown_result(0, Hit(sources.units[index], 0.0), (), sources))
    results += shown.values()
    ordered = [replace(r, rank=rank) for rank, r in enumerate(results[: len(composed.results)], start=1)]
    return Answer(question, False, tuple(sentences[:NOTE_SENTENCES]), highlight_quoted(ordered, sentences))


def _lead_notes(
    ranked: Ranked, vector: np.ndarray, terms: set[str], sources: Sources, admits: Callable[[Unit], bool]
) -> tuple[list[int], int | None, AnswerSentence | None]:
    """The notes to lead with, and the claim's passage and sentence when a claim led to them."""
    head = ranked.units[:CLAIM_UNITS]
    if not len(head):
        return [], None, None
    if sources.units[int(head[0])].kind == "footnote":
        return [int(head[0])], None, None
    claim = find_claim(head, vector, terms, sources, LEXICAL_WEIGHT, admits)
    if claim is not None:
        unit = sources.units[claim.unit_index]
        if unit.kind == "footnote":
            return [claim.unit_index], None, None
        notes = [i for i in claim.notes if admits(sources.units[i])]
        if notes:
            span = (claim.sentence.start, claim.sentence.end)
            said = AnswerSentence(unit.text[span[0] : span[1]], unit.id, span, claim.footnotes)
            return notes, claim.unit_index, said
    return _first_notes(head, sources), None, None


def _first_notes(head: Iterable[np.integer], sources: Sources) -> list[int]:
    return [int(i) for i in head if sources.units[int(i)].kind == "footnote"][:1]


# A dated note sentence holding this many of the question's distinctive terms is about what it
# asks, however short it is (a cited headline: "Safe havens", Dawn, 10 May 2021).
HELD_TERMS = 2


def dated_note_first(
    question: str,
    composed: Answer,
    vector: np.ndarray,
    terms: set[str],
    sources: Sources,
    admits: Callable[[Unit], bool],
    another_event: Callable[[str], bool] = lambda _: False,
) -> Answer:
    """`composed` led by a sentence of a note its lead cites, when the question asks for a date,
    the lead (a passage's sentence) states none (or only the date of another event, as the
    verdict reads it: `another_event`, service.offtopic.unstated_event, and the note's sentence
    is no such date), and a cited note's sentence states one and holds a distinctive word of
    the question (or a note's sentence holding one is followed by a dated reference entry, its
    source), scoring within ANSWER_MARGIN of the lead: reports leave the date of what a sentence
    says to its note, written with another verb ("disclosed" for
    "made public") or only as the date of the entry that sources it. The note's sentences lead
    the answer and the note's result the results, the passage's sentence follows. When the
    lead's own notes state no such date, the notes the other sentences of its paragraph cite are
    read the same way, for a date their prose states: a report often dates an event once, in the
    note of the sentence that comes to it (docs/retrieval.md, "A date left to the note")."""
    if composed.abstained or not composed.sentences or expected_type(question) is not AnswerType.DATE:
        return composed
    if asks_for_source(question):  # its answer is the lead's note already (service.source_answer)
        return composed
    lead = composed.sentences[0]
    lead_index = sources.by_id.get(lead.unit_id)
    if lead_index is None:
        return composed
    dated_lead = states_calendar_date(lead.text, question)  # "a decade later" leaves the date to elsewhere
    if dated_lead and not another_event(lead.text):  # a date of the asked event keeps the lead
        return composed
    wanted = _distinctive(terms, sources)
    if sources.units[lead_index].kind == "footnote":
        return _dated_by_entry(composed, lead_index, wanted, question, sources)
    lead_score = next(
        (
            s.score
            for s in score_sentences(
                sources.sentences, lead_index, vector, terms, sources.sentence_terms, LEXICAL_WEIGHT
            )
            if (s.start, s.end) == lead.span
        ),
        None,
    )
    if lead_score is None:
        return composed
    read = _NoteReading(question, vector, terms, wanted, lead_score, sources, admits)
    best = _best_dated_note(lead.footnotes, sources.units[lead_index].document_id, read)
    if best is None:  # the paragraph's other notes (docs/retrieval.md, "A date left to the note")
        others = [n for n in sources.units[lead_index].footnotes if n not in lead.footnotes]
        best = _best_dated_note(others, sources.units[lead_index].document_id, read, prose_only=True)
    if best is None:
        return composed
    _, index, quoted = best
    unit = sources.units[index]
    if dated_lead and another_event(unit.text_of(quoted[0])):
        return composed  # the note dates another event as well: nothing better to lead with
    said = [AnswerSentence.quoting(unit, (s.start, s.end)) for s in quoted]
    rest = [s for s in composed.sentences if s.text not in {q.text for q in said}]
    sentences = (*said, *rest)[:ANSWER_SENTENCES]
    shown = {r.hit.unit.id: r for r in composed.results}
    first = shown.pop(unit.id, None) or shown_result(0, Hit(unit, 0.0), (), sources)
    ordered = [first, *shown.values()][: len(composed.results)]
    results = [replace(r, rank=rank) for rank, r in enumerate(ordered, start=1)]
    return replace(composed, sentences=sentences, results=highlight_quoted(results, sentences))


@dataclass(frozen=True)
class _NoteReading:
    """What reading a cited note for a date answer needs: the question, its vector and terms,
    its distinctive terms, the lead's sentence score, the loaded sources and the filters."""

    question: str
    vector: np.ndarray
    terms: set[str]
    wanted: frozenset[str]
    lead_score: float
    sources: Sources
    admits: Callable[[Unit], bool]


def _best_dated_note(
    numbers: Iterable[int], document: str, read: _NoteReading, *, prose_only: bool = False
) -> tuple[float, int, list[ScoredSentence]] | None:
    """The best of the notes `numbers` (of `document`) candidates to lead a date answer
    (`_dated_sentences`) that scores within ANSWER_MARGIN of the lead or holds HELD_TERMS: its
    score, the note's unit index and the sentences to quote; None when none does. `prose_only`
    (notes the lead's neighbours cite) keeps only a sentence of the note's own prose that states
    the date: a reference entry dates the article sourcing the neighbour's claim, not what the
    lead says ("U.S. reaches out to Bajwa …", Dawn, 8 June 2018, is no date of "the U.S. kept
    it in the loop")."""
    sources = read.sources
    best: tuple[float, int, list[ScoredSentence]] | None = None
    for number in numbers:
        index = sources.by_id.get(footnote_id(document, number))
        if index is None or not read.admits(sources.units[index]):
            continue
        for score, held, quoted in _dated_sentences(
            index, read.question, read.vector, read.terms, read.wanted, sources
        ):
            if prose_only and (len(quoted) > 1 or sources.reference[quoted[0].row]):
                continue
            close = score >= read.lead_score - ANSWER_MARGIN or held >= HELD_TERMS
            if close and (best is None or score > best[0]):
                best = (score, index, quoted)
    return best


def _distinctive(terms: set[str], sources: Sources) -> frozenset[str]:
    """The question's terms that tell a sentence apart: not how it asks, and in few sentences."""
    share_of = sources.term_share
    if share_of is None:
        return frozenset()
    return frozenset(t for t in terms - DATE_ASKING_TERMS if share_of(t) <= COMMON_TERM_SHARE)


def _asks_when_said(question: str, sentence: str, wanted: frozenset[str]) -> bool:
    """Whether a question dated by the entry after a note's `sentence` asks when that sentence
    was said, not when what it reports happened: the entry dates the statement it sources ("A
    … spokesperson said: '… release was facilitated …'" / "…", Dawn, 15 November 2018), not the
    release. It asks so with a verb of saying, or by naming something the sentence says outside
    its quotation (the speaker: "When did Pakistan's foreign ministry …?"); "When was Baradar
    released?" names only what the quotation reports (docs/tuning.md, session 25). A clause a
    verb of saying reports without quotation marks is reported the same: "When did Lashkar-e-
    Jhangvi shift its camps …?" names only what "an official disclosed that …" reports
    (`service.references.saying_part`; docs/tuning.md, session 43)."""
    return bool(terms_of(question) & SAYING_TERMS or wanted & terms_of(saying_part(sentence)))


def _dated_sentences(
    index: int, question: str, vector: np.ndarray, terms: set[str], wanted: frozenset[str], sources: Sources
) -> list[tuple[float, int, list[ScoredSentence]]]:
    """A note's candidates to lead a date answer, each scored (its best sentence's score and
    TYPE_BONUS), with how many wanted terms it holds and the sentences to quote: a sentence
    stating a date and holding a wanted term; or a sentence holding one, stating no date,
    followed by a reference entry that states one (the entry dates what the sentence says: it
    leads, the sentence follows)."""
    unit = sources.units[index]
    scored = score_sentences(sources.sentences, index, vector, terms, sources.sentence_terms, LEXICAL_WEIGHT)
    found = []
    for position, sentence in enumerate(scored):
        held = wanted & sources.sentence_terms.get(sentence.row, frozenset())
        if not held:
            continue
        if states(AnswerType.DATE, unit.text_of(sentence), question):
            found.append((sentence.score + TYPE_BONUS, len(held), [sentence]))
            continue
        after = scored[position + 1] if position + 1 < len(scored) else None
        if (
            after is not None
            and not sources.reference[sentence.row]
            and sources.reference[after.row]
            and states(AnswerType.DATE, unit.text_of(after), question)
        ):
            found.append((sentence.score + TYPE_BONUS, len(held), [after, sentence]))
    return found


def _dated_by_entry(composed: Answer, index: int, wanted: frozenset[str], question: str, sources: Sources) -> Answer:
    """A note's lead sentence that states no date, holding HELD_TERMS of the question's
    distinctive terms, led by the reference entry right after it when that states one: the
    entry sources the sentence and dates what it says ("A … spokesperson said: …" / "“…”,
    Dawn, 15 November 2018."). When the question asks when what the sentence reports happened,
    not when it was said (`_asks_when_said`), and no sentence of the answer states a date in any
    words, the answer is withdrawn: the one date there is dates the saying ("an official disclosed that
    the Taliban let Lashkar-e-Jhangvi shift its camps" / "Crisis Group telephone interview,
    October 2020." is no date of the shift; docs/tuning.md, session 43)."""
    lead = composed.sentences[0]
    unit = sources.units[index]
    row = sources.sentences.row_at(index, lead.span)
    if row is None or row + 1 == sources.sentences.of_unit(index).stop:
        return composed
    if sources.reference[row] or not sources.reference[row + 1]:
        return composed
    if len(wanted & sources.sentence_terms.get(row, frozenset())) < HELD_TERMS:
        return composed
    start, end = (int(x) for x in sources.sentences.spans[row + 1])
    entry = AnswerSentence.quoting(unit, (start, end))
    if not states(AnswerType.DATE, entry.text, question):
        return composed
    if not _asks_when_said(question, lead.text, wanted):
        if any(states(AnswerType.DATE, s.text, question) for s in composed.sentences):
            return composed  # another sentence quoted may date it (dev d3364, session 43)
        return Answer(composed.question, True, (), (), abstain_reason="no-date-stated")
    rest = [s for s in composed.sentences if s.text != entry.text]
    sentences = (entry, *rest)[:ANSWER_SENTENCES]
    return replace(composed, sentences=sentences, results=highlight_quoted(composed.results, sentences))
