"""The engine: the loaded index plus the model, answering questions.

Every front door (HTTP API, Slack, CLI, evaluation) calls `Engine.ask`; none holds
retrieval logic of its own. A question goes through three stages, each in its own module:
encode and rank (service.retrieve, over the `IndexFiles` service.store loaded), then compose
the answer (service.answer); the engine scores the results with the calibration fitted on
the development set (service.calibration) and abstains below its cut; last, one stage reads
whether the answer says what was asked (a date or quantity in kind, the asked event, more than a
cited title) and withdraws it when not (service.verdict). A list question
("Which claims rest on interviews?") is answered from the parsed notes (or, in a document
without notes, the sources its sentences name) instead, without ranking (service.source_list);
so is a question naming a note by its number ("What does footnote 7 say?"), from the notes; a
"Which footnote …?" question is ranked on what it is about, and its note leads
(service.note_answer).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

import faiss
import numpy as np

from service.answer import NO_FILTERS, ComposeRequest, cited_notes_only, compose, led_by_the_answer
from service.answer_type import AnswerType, expected_type
from service.antecedents import (
    Asked,
    asked_alone,
    does_the_same,
    names_a_doer,
    past_who_is,
    ranking_reading,
    resolve_person,
    resolve_person_read,
    restates_lead,
    says_the_same,
    tells,
    titled_names,
)
from service.asides import unstated_aside
from service.bm25 import term_share, terms_of, tokenize, units_holding
from service.calibration import Calibration, load_calibration
from service.cards import (
    CARD_KIND,
    CARD_SCORE,
    TITLED_SHARE,
    CardQuestion,
    card_answer,
    card_id,
    documents_answer,
    held_share,
    read_card_by_topic,
    read_card_question,
    read_document_by_topic,
    read_documents_on,
)
from service.citations import Source
from service.composing import ANSWER_SENTENCES, Sources
from service.context import UnitContext, cited_notes, neighbourhood, unit_context
from service.count_owner import owner_count_at
from service.date_events import date_event_answer, read_date_event
from service.embed import Embedder, load_embedder
from service.errors import NotFound, quote
from service.evidence import CorpusScope, feature_rows, name_heads
from service.headings import SectionNames, pieces_about
from service.name_forms import name_shares
from service.note_answer import (
    NumberedNotes,
    dated_note_first,
    lead_with_note,
    numbered_answer,
    numbered_notes,
    quoted_source_answer,
    read_numbered,
    which_note_topic,
)
from service.offtopic import (
    CorpusLexicon,
    asked_of_library,
    corpus_cosine,
    dates_in_own_words,
    read_topic,
    residual_unmatched,
    written_name,
)
from service.phrasal import succession_plainly
from service.pointing import is_fragment
from service.question_words import EVENT_VERB_TERMS, QUESTION_TERMS
from service.records import (
    Answer,
    AnswerSentence,
    Document,
    Filters,
    Mode,
    Quoted,
    Result,
    Unit,
    footnote_id,
)
from service.references import asks_for_source, corpus_own_names, is_reference
from service.relations import (
    OFFICE_FORMS,
    AskedRelation,
    UnitRelations,
    names_holder,
    office_asked,
    states_successor,
    successor_of_pronoun_asked,
    titles_someone_as,
    writes_office_unnamed,
)
from service.repeats import asks_what_followed, points_at_a_thing
from service.retrieve import CONTEXT_SHARE, Query, Ranked, encode, rank
from service.said_about import SaidAbout, topic_word_spans
from service.scope import Scope, as_asked, attributions, documents_named, read_scope, scoped_filters
from service.sentences import sentence_query
from service.settings import Settings
from service.source_answer import unit_attributions
from service.source_list import ClaimIndex, ListQuestion, list_answer, read_list_question
from service.source_profile import Citations, SourceProfile
from service.spelling import Speller, corpus_speller
from service.store import IndexFiles, SentenceTable, open_index, open_published
from service.summaries import asks_for_the_library, read_summary_question, summary_answer
from service.text import question_form
from service.titles import TitleTable
from service.truecase import corpus_truecaser
from service.verdict import AnswerJudge, Verdict

log = logging.getLogger(__name__)

# The reason `_calibrated` gives an answer under the cut, read again in `_answer` for the evidence
# that held it there (`_withheld_by`).
BELOW_CUT = "below-cut"
WEAK_SUPPORT = 0.02  # a quote after the lead needs its result's chance at this share of the lead's (docs/tuning.md)
# A follow-up's evidence read on the turn alone as well (Engine._read_alone_too; docs/tuning.md,
# session 35): below the cut, another unit the turn alone ranks first above it answers; above it, a
# turn asking with a word no unit writes abstains when alone it ranks another unit first below it.
READS_ALONE_BELOW = True
READS_ALONE_UNSEEN = True
# Verdicts read on the lead sentence alone: for a date question the next result may date the asked
# event in its stead (Engine._date_stated_next).
RELEADS = frozenset(("not-in-kind", "another-event"))
DOCUMENTS_DEPTH = 10  # ranked units read for "What documents do you have on …?"
# Share of a document's topic ("the article about Pakistan's win in Afghanistan") that may be
# words no unit holds: the user's words for what the document says in its own ("win" for
# "victory"); a topic mostly of such words is not the library's (docs/retrieval.md).
TOPIC_UNKNOWN_SHARE = 0.5
# How far the chance of the best unit of the document a scope names by its topic ("What does the
# article about … say about …?") must stand above the best of any other document's for the
# question to be ranked within it alone (Engine.scope_by_topic; docs/tuning.md, session 37).
SCOPE_TOPIC_MARGIN = 0.1


@dataclass(frozen=True, eq=False)
class QuestionReading:
    """How the engine reads a question it ranks: the one reading `Engine.ask` answers from and
    `Engine.evidence` fits the calibration on, so that the two cannot drift apart."""

    # The question, or, when it names the document or section whose words it asks for
    # ("What does Kugelman say about India?"), its topic (service.scope; a "Which footnote …?"
    # answer leads with the note this asks for).
    scoped: str
    filters: Filters | None  # the request's, narrowed to the documents it names so
    topic: str | None  # what a "Which footnote …?" question asks about (service.note_answer)
    read: str  # what the answer is composed for: `topic`, else `scoped`
    # What the ranking reads: `read`, beside what a follow-up's "it" and "that date" stand for
    # (service.antecedents); a "Which footnote …?" question's topic as it is.
    ranked_as: str
    read_sections: SectionNames  # the headings `read` names (its answer's sentences are chosen without them)
    ranked_sections: SectionNames  # those `ranked_as` names (their passages gain in the ranking)
    # The earlier questions the ranking reads the question with: the history, after the question
    # its chain of follow-ups started from when the chain pushed it out (service.chat.chain_root).
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class LastLead:
    """The unit the last answer led with, when a follow-up asks of it alone (`Engine._last_lead`):
    read once per ask, for the ranking, the composing and the abstaining alike."""

    unit: int  # its index
    told: bool  # it tells what is asked: ranked first (`Engine._last_lead_first`)
    entry: bool  # the lead sentence is a reference entry telling it: composed for the earlier question too
    unsigned: bool  # "Who wrote it?" of a note whose sources name no author: no writer to give
    unsaid: str | None = None  # "Who said that?" of a lead sentence quoting no one: that sentence
    source: bool = False  # "Which report?", "Who wrote it?": its source is asked (note_answer.quoted_source_answer)
    # "What's the source?" of a lead whose unit cites no note and whose sentence names no source
    # in its words (a report's own statement): its document is its source, the sentence is quoted
    # again (note_answer.quoted_source_answer), where a ranking of "source" gave any unit
    unsourced: bool = False
    # "Who led it?" of a lead sentence that names no one the conversation has not: the lead is not
    # quoted again; `unit` is then a note its passage cites that names someone, when one does
    restates: bool = True
    # "Who called them off?" of a lead sentence naming no one whose passage cites no note naming
    # anyone: that sentence (`Engine._done_as_led` reads the answer against it)
    undone: str | None = None


@dataclass(frozen=True, eq=False)
class Scored:
    """A ranking's first units read for the verdict: their evidence rows (service.evidence.FEATURES,
    read with the question's history) and the chance that each answers. A follow-up whose first
    chance the turn alone gave in its stead keeps the rows its history read (`Engine._read_alone_too`):
    what `Engine._withheld_by` reads to tell the two apart."""

    ranked: Ranked
    rows: np.ndarray
    chances: list[float]


class Engine:
    """Answers questions from one loaded index version. Safe to share between threads."""

    def __init__(
        self, files: IndexFiles, embedder: Embedder, settings: Settings, calibration: Calibration | None = None
    ) -> None:
        self.files = files
        self.embedder = embedder
        self.settings = settings
        self.calibration = calibration or load_calibration()
        self._abstain_below = (
            self.calibration.abstain_below if settings.abstain_probability is None else settings.abstain_probability
        )
        self.version = files.manifest.version
        self.documents: dict[str, Document] = {d.id: d for d in files.documents}
        self._units = files.units
        self._by_id = {u.id: i for i, u in enumerate(files.units)}
        # Each unit's document as a small integer, so "does this document write the term" is one
        # array lookup over the term's postings rather than a walk through them (document_writes)
        self._document_codes = {d: i for i, d in enumerate(self.documents)}
        self._unit_documents = np.array(
            [self._document_codes.get(u.document_id, -1) for u in files.units], dtype=np.int32
        )
        reference = np.array(
            [
                is_reference(files.units[int(u)].text_at((int(a), int(b)))) or files.units[int(u)].kind == CARD_KIND
                for u, (a, b) in zip(files.sentences.unit_of, files.sentences.spans, strict=True)
            ],
            dtype=bool,
        )
        self._sources = Sources(
            files.units,
            self.documents,
            self._by_id,
            files.sentences,
            files.sentence_terms,
            reference,
            _all_of_unit(reference, files.sentences, len(files.units)),
            self.unit_pieces if files.tokens is not None and files.window_spans is not None else None,
            lambda term: term_share(files.sentence_bm25, term),
            titled_names(u.text for u in files.units),  # who "he" may be, and a one-word name (service.antecedents)
            corpus_own_names(self.documents.values()),  # the corpus's publishers and authors (answer.names_its_source)
        )
        # Lowercase questions get the corpus's capitals, misspelt words its spelling (service.spelling)
        speller = corpus_speller(corpus_truecaser(files.units, files.sentences), embedder, files.bm25)
        self._speller = speller
        self._corpus_form = speller.read
        self._scope = CorpusScope(
            files.bm25.vocab_dict,
            files.documents,
            lambda unit: self._units[unit].text,
            len(self._units),
            lambda term: units_holding(files.bm25, term),
            speller.particle,  # a name runs on across the particles the speller reads
        )
        self._lexicon = CorpusLexicon(files.lexicon, embedder.encode)  # encoded at build (service.store.lexicon)
        self._relations = UnitRelations(
            self._unit_sentences,
            self._card_text,
            self._document_year,
            self._term_share,
            self._sentence_cosines,
            self._lexicon.counts_alike,
            self._topic_alike if files.tokens is not None and files.window_spans is not None else None,
            # who the whole corpus titles with an office and its owner (service.titles)
            TitleTable(
                (sentence for unit in range(len(self._units)) for sentence in self._unit_sentences(unit)),
                OFFICE_FORMS.values(),
            ).speaker_holders,
        )
        self._topic_vector = lru_cache(maxsize=256)(embedder.encode_query)
        # A topic's words as the question writes them, in context (service.said_about.TOPIC_WORD_ALIKE)
        self._topic_words = lru_cache(maxsize=256)(self._read_topic_words)
        # Whether a composed and calibrated answer says what was asked (service.verdict)
        self._judge = AnswerJudge(
            self._sources.all_references,
            self._by_id,
            self._term_share,
            self._lexicon,
            settings.answer_type_cosine,
            self._abstain_below,
            lambda unit_id: self._document_year(self._by_id[unit_id]),
            self._scope.unwritten_sources,
            lambda question, unit_id: (
                unit_id in self._by_id and self._relations.speaks_of(question, self._by_id[unit_id])
            ),
            # how often the corpus writes each country or body: a rare one names what is asked
            name_shares(sentence for unit in range(len(self._units)) for sentence in self._unit_sentences(unit)),
        )
        # Parsed once per loaded index, not per request, and not stored in it: a parser fix
        # takes effect at the next load without a rebuild (docs/sources.md, "When").
        self._citations = Citations(files.units)
        self._claims = ClaimIndex(
            files.units, self._citations.of, lambda index: unit_attributions(self._sources, index)
        )

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id, or NotFound."""
        return self._units[self.position(unit_id)]

    def context(self, unit_id: str) -> UnitContext:
        """The unit with this id in its place: neighbouring passages, the notes it cites
        (service.context); NotFound for an unknown id."""
        return unit_context(self._units, self.position(unit_id), self.documents, self._by_id)

    def position(self, unit_id: str) -> int:
        """The unit's place in catalog order (its row in every table of the index), or NotFound."""
        try:
            return self._by_id[unit_id]
        except KeyError:
            raise NotFound(f"no unit {quote(unit_id)}") from None

    def all_units(self) -> list[Unit]:
        """Every unit, in catalog and reading order."""
        return list(self._units)

    def source_profile(self, document_id: str) -> SourceProfile:
        """What a document's footnotes cite, counted (service.source_profile), or NotFound."""
        if document_id not in self.documents:
            raise NotFound(f"no document {quote(document_id)}")
        return self._citations.profile(document_id)

    @property
    def history_turns(self) -> int:
        """How many earlier questions a follow-up is read with (service.chat picks them)."""
        return self.settings.history_turns

    @property
    def titled(self) -> frozenset[str]:
        """The names the corpus writes after a title (antecedents.titled_names): a follow-up
        naming one of them ends a chain of follow-ups (service.chat.chain_root)."""
        return self._sources.titled

    # Read-only views of what the engine loaded, for tests and tools that check one step of an
    # answer on the real index (README.md, "Development"); requests go through `ask`.
    @property
    def sources(self) -> Sources:
        """What composing an answer reads from the loaded index (service.composing.Sources):
        its units, their sentences, terms and word pieces. Frozen, and shared by every request."""
        return self._sources

    @property
    def speller(self) -> Speller:
        """The corpus's speller: a question's words in the corpus's capitals and spelling
        (service.spelling); `speller.read` is how every question is read first."""
        return self._speller

    @property
    def lexicon(self) -> CorpusLexicon:
        """The corpus's words with their encodings, as the build stored them (service.offtopic)."""
        return self._lexicon

    @property
    def judge(self) -> AnswerJudge:
        """What decides whether a composed answer says what was asked (service.verdict)."""
        return self._judge

    @property
    def scope(self) -> CorpusScope:
        """How much of a question the corpus has never seen (service.evidence): its unknown
        names, years and share of words, read from the loaded index."""
        return self._scope

    def ask(
        self,
        question: str,
        *,
        top_k: int = 5,
        filters: Filters | None = None,
        history: Sequence[str] = (),
        mode: Mode = "hybrid",
        quoted: Collection[Quoted] = (),
        said: Sequence[Quoted] = (),
        root: str | None = None,
        on_evidence: Callable[[list[Unit], np.ndarray], None] | None = None,
        in_conversation: bool = False,
        leads: Sequence[Quoted | None] = (),
    ) -> Answer:
        """Ranked units for `question`, with highlights and a verbatim answer, or an abstention.

        `history` holds the earlier questions to read with this one, oldest first, as
        service.chat.reading picks them, so that "Who led it?" finds what "it" was;
        "he" is read as the person an earlier question names, and the ranking reads "it" beside
        the thing an earlier question asked about and "that date" beside the date the last
        answer's lead (`said`, the sentences it quoted) gave (service.antecedents). `quoted`
        holds the sentences the conversation's earlier answers quoted, which the answer leads
        past when a new one is as well supported (service.repeats). `root` is the question a
        chain of follow-ups started from, out of `history` (service.chat.chain_root): the ranking
        reads it before the history, as context; "he" is not read as the person it names, nor is
        it read for anything else the history tells. `on_evidence` is handed the
        first `top_k` ranked units and their evidence rows, as `evidence` gives them, when the
        question is ranked (`cited eval --calibrate` asks a conversation's turns once for both).
        `in_conversation`: the question follows earlier turns of a conversation, read with them or
        not (a question naming its person is read alone); with `history`, it does too. Such a turn
        asking of someone's private life is withdrawn when no quote states it (service.asides).
        `leads` holds, per question of `history`, the sentence its answer led with, where an
        earlier follow-up's "he" is read as the one that answer named (`_read_with_history`).
        Every answer leaves through `service.answer.cited_notes_only`.
        """
        inside = in_conversation or bool(history)
        answer = self._answer(question, top_k, filters, history, mode, quoted, said, root, on_evidence, inside, leads)
        return cited_notes_only(question, answer)

    def _answer(
        self,
        question: str,
        top_k: int,
        filters: Filters | None,
        history: Sequence[str],
        mode: Mode,
        quoted: Collection[Quoted],
        said: Sequence[Quoted],
        root: str | None,
        on_evidence: Callable[[list[Unit], np.ndarray], None] | None,
        inside: bool = False,
        leads: Sequence[Quoted | None] = (),
    ) -> Answer:
        """`ask`'s answer before `service.answer.cited_notes_only` (`ask` says what each argument
        is; `inside`: it follows earlier turns of a conversation)."""
        clock = time.perf_counter()
        asked = question
        question, history = _read_with_history(
            question, history, self._corpus_form, self.titled, self._texts(said[:1]), self._lead_texts(leads)
        )
        unranked = self._answer_unranked(question, history, filters, top_k, mode)
        if unranked is not None:  # from the notes, a card or an opening, not ranked
            return self._unranked(unranked, asked, clock)
        on = read_documents_on(question)  # "What documents do you have on …?": the cards, by retrieval
        if on is not None and (filters is None or filters.kinds is None or "document" in filters.kinds):
            found = self._documents_on(on, filters, mode)
            return self._unranked(documents_answer(question, found, self._sources, top_k), asked, clock)
        noted = self._lead_notes(question, history, said, filters)
        if noted:  # "What does the note say?": the notes closing the last lead sentence, not ranked
            return self._unranked(numbered_answer(question, noted, self._sources, top_k), asked, clock)
        reading = self._question_reading(question, history, filters, self._texts(said), root, mode)
        lead = self._last_lead(question, history, said, reading.filters)
        if lead is not None and lead.unsigned:  # "Who wrote it?" of an unsigned article: no one to name
            log.debug("answer withdrawn", extra={"fields": {"reason": "unsigned"}})
            timing = {"answer": time.perf_counter() - clock}
            return Answer(asked, True, (), (), self.version, timing, abstain_reason="unsigned")
        admits = (reading.filters or NO_FILTERS).admits
        query = encode(self.embedder, reading.ranked_as, reading.context, mode)
        timings = {"encode": time.perf_counter() - clock}
        if lead is not None and lead.source and (lead.told or lead.unsourced):  # "Which report?": the lead's notes
            vector = sentence_query(query.vector, query.alone, CONTEXT_SHARE)
            sourced = quoted_source_answer(question, said[0], vector, self._sources, admits, top_k, own=lead.unsourced)
            if sourced is not None:
                return self._unranked(sourced, asked, clock)
        ranked = rank(self.files, query, reading.filters, mode, self.settings, timings, reading.ranked_sections)
        ranked = self._reordered(query, ranked, history, lead)
        clock = time.perf_counter()
        scored = self._scored(query, ranked, top_k, reading.ranked_sections, history, on_evidence)
        if history:  # a follow-up's evidence read on the turn alone too (docs/retrieval.md, "Abstention")
            scored = self._read_alone_too(reading, scored, top_k, mode)
        if scored.chances and scored.chances[0] < self._abstain_below:  # an asked year a lower result states
            scored = self._year_stated_lower(query, scored, top_k, reading.ranked_sections, history)
        ranked, chances = scored.ranked, scored.chances
        vector = sentence_query(query.vector, query.alone, CONTEXT_SHARE)
        # The answer's sentences are chosen on what the question asks about, without the words
        # that only name a section it names (service.headings): the ranking has used them.
        pieces = query.alone_tokens if query.alone_tokens is not None else query.tokens
        pieces = pieces_about(reading.ranked_sections, pieces, self.embedder.encode_query_with_tokens)
        read = self._composed_for(reading.read, history, lead)
        request = ComposeRequest(
            read,
            query.text,
            vector,
            ranked,
            top_k,
            pieces,
            admits,
            quoted,
            about=reading.read_sections.about,
            beside=self._neighbourhood(said) if quoted else (),
            borrowed=_borrowed_terms(asked, question, self._corpus_form),
            followed=self._followed(asked, said, lead) if quoted else None,
            follows=bool(history),
            pointed=said[0] if quoted and said and points_at_a_thing(asked) else None,
        )
        answer = self._composed(request, reading, history, chances)
        verdict = self._judge.judge(reading.read, answer, ranked.best_dense, question)  # does it say what was asked?
        if not verdict.stands:  # the next result may date the asked event (docs/retrieval.md, "Abstention")
            answer, verdict = self._date_stated_next(
                query, request, reading, history, (answer, verdict), (ranked.best_dense, question)
            )
        reason: str | None = verdict.reason if not verdict.stands else None
        withheld: str | None = None  # under the cut nothing is withdrawn: the reason only names why
        if answer.abstained and answer.abstain_reason == BELOW_CUT:  # which evidence held it under the cut
            withheld = self._withheld_by(scored)
        if reason is None and inside and answer.sentences and self._unstated_aside(reading.read, answer):
            reason = "private-aside"  # "What is his favourite colour?" of a policy passage
        if reason is None and inside and answer.sentences and successor_of_pronoun_asked(reading.read):
            talked_of = [*history, *self._texts(said), *(text for text in self._lead_texts(leads) if text)]
            if not self._states_successor_of_one_named(talked_of, answer):
                reason = "no-successor"  # "Who replaced him later?" answered with another man's successor
        if reason is None and lead is not None and lead.unsaid is not None and answer.sentences:
            # "Who said that?" of a lead quoting no one: someone retrieved says the same, or no one
            reason = None if says_the_same(answer.sentences[0].text, lead.unsaid, read) else "unsaid"
        if reason is None and lead is not None and lead.undone is not None and answer.sentences:
            # "Who called them off?" of a lead naming no one: its passage, its notes or the same act, or no one
            reason = None if self._done_as_led(answer.sentences[0], lead, asked) else "undone"
        if reason is not None:
            log.debug("answer withdrawn", extra={"fields": {"reason": reason}})
            answer = Answer(answer.question, True, (), (), abstain_reason=reason)
        elif withheld is not None:
            answer = Answer(answer.question, True, (), (), abstain_reason=withheld)
        answer = led_by_the_answer(answer)
        timings["answer"] = time.perf_counter() - clock
        results = tuple(self._with_sources(r) for r in answer.results)
        why = answer.abstain_reason if answer.abstained else None
        return Answer(asked, answer.abstained, answer.sentences, results, self.version, timings, abstain_reason=why)

    def _composed(
        self, request: ComposeRequest, reading: QuestionReading, history: Sequence[str], chances: list[float]
    ) -> Answer:
        """The answer composed from `request`'s ranking and scored by `chances`, before the
        verdict: a note asked for, or one dating the lead, leads (service.note_answer); an office's
        holder leads; quotes the calibration gives little support are left out."""
        composed = compose(request, self._sources, self.settings)
        read, vector, admits = request.question, request.vector, request.admits
        if reading.topic is not None:  # the note it asks for leads (service.note_answer)
            terms = set(tokenize([reading.topic])[0])
            composed = lead_with_note(reading.scoped, composed, request.ranked, vector, terms, self._sources, admits)
        else:  # a date the lead leaves to the note it cites leads (service.note_answer)
            asked_terms = set(tokenize([reading.read_sections.about or read])[0])
            composed = dated_note_first(
                read, composed, vector, asked_terms, self._sources, admits, self._judge.another_event(read)
            )
        answer = self._calibrated(composed, chances)
        answer = self._holder_named_lead(reading.read, history, answer)
        answer = _owner_count_led(reading.read, answer)
        if reading.topic is None and not asks_for_source(read):  # quotes chosen on their own words
            answer = without_weak_support(answer)
        return answer

    def _date_stated_next(
        self,
        query: Query,
        request: ComposeRequest,
        reading: QuestionReading,
        history: Sequence[str],
        withdrawn: tuple[Answer, Verdict],
        judged: tuple[float, str],
    ) -> tuple[Answer, Verdict]:
        """For "When did X <verb>?" whose answer the verdict withdraws (RELEADS: its lead states no
        date, or dates another event), the answer composed with the second result first, when that
        result scores at or above the cut as the first, the verdict lets its answer stand, and its
        lead writes the asked event and X in the question's own words (service.offtopic,
        `dates_in_own_words`): a note naming the thing in full ("Composed of …, the Quadrilateral
        Dialogue began in January 2016.") ranks above the passage dating the asked event ("That
        dialogue, moreover, came to a halt after … in May 2016."). Only dates, and only the
        question's own words: session 38's reading of the second result for a date or a quantity,
        its event read in words the model reads alike too, answered questions the corpus does not
        answer (docs/tuning.md, sessions 38 and 40). The withdrawn answer and verdict otherwise."""
        answer, verdict = withdrawn
        ranked = request.ranked
        if verdict.reason not in RELEADS or expected_type(reading.read) is not AnswerType.DATE or len(ranked.units) < 2:
            return withdrawn
        kept = self._first_above_cut(query, ranked, 1, request.top_k, reading.ranked_sections, history)
        if kept is None:
            return withdrawn
        again = self._composed(replace(request, ranked=kept.ranked), reading, history, kept.chances)
        if again.abstained or not again.sentences:
            return withdrawn
        if not dates_in_own_words(reading.read, again.sentences[0].text, self._term_share):
            return withdrawn
        stands = self._judge.judge(reading.read, again, *judged)
        return (again, stands) if stands.stands else withdrawn

    def _holder_named_lead(self, question: str, history: Sequence[str], answer: Answer) -> Answer:
        """For "Who is/was <office>?" (service.relations.office_asked) whose lead writes the office
        and names no one holding it ("Pakistan's Afghan envoy had joined …", "Bajwa and the ISI
        head met …"), the answer led by the first sentence naming its holder: another quoted
        one, else one of its results' units stating the asked relation; one
        whose owner is read (`names_holder`) before one whose title no name owns ("Foreign
        Minister Shah Mahmood Qureshi", `titles_someone_as`); the old lead after it. When none
        names one, the answer stands as it is, and the verdict withdraws it (`unnamed-holder`):
        it writes the office and no one who holds it (docs/retrieval.md, "The asked relation")."""
        if answer.abstained or not answer.sentences:
            return answer
        asked = office_asked(question, history)
        if asked is None:
            return answer
        if not writes_office_unnamed(asked, answer.sentences[0].text):
            return self._holder_led_from_results(question, history, asked, answer)
        candidates = list(self._holder_candidates(question, history, answer))
        readers: tuple[Callable[[str], bool], ...] = (
            lambda text: names_holder(asked, text),
            lambda text: titles_someone_as(asked, text),
        )
        for names in readers:
            found = next((sentence for sentence in candidates if names(sentence.text)), None)
            if found is not None:
                rest = tuple(s for s in answer.sentences if s.text != found.text)
                return replace(answer, sentences=(found, *rest)[:ANSWER_SENTENCES])
        return answer

    def _holder_led_from_results(
        self, question: str, history: Sequence[str], asked: AskedRelation, answer: Answer
    ) -> Answer:
        """`answer` led by the first sentence of its results naming the asked office's holder or
        titling someone the corpus titles with that office and owner
        (`UnitRelations.names_or_titles_holder`), in a unit stating the asked relation, when its
        lead does neither: the holder move (`UnitRelations.said_first`) put first a result naming
        the holder ("Afghanistan President Ashraf Ghani"), yet a sentence nearer the question's
        words and naming someone else ("President Biden … to support Afghanistan") was chosen to
        lead. The old lead follows (docs/tuning.md, session 58)."""
        names = partial(self._relations.names_or_titles_holder, asked)
        lead = answer.sentences[0].text
        if names(lead):
            return answer
        # A bare title ("Foreign Minister Qureshi") answers too, unless the corpus titles others
        # with the office and its owner: then it is someone else's ("President Biden").
        if titles_someone_as(asked, lead) and not self._relations.titled_holders(asked):
            return answer
        for result in answer.results:
            position = self._by_id[result.hit.unit.id]
            if not self._relations.states(question, position, history):
                continue
            unit = self._units[position]
            for start, end in self.files.sentences.spans_of(position):
                found = AnswerSentence.quoting(unit, (start, end), unit.footnotes_closing((start, end)))
                if names(found.text):
                    rest = tuple(s for s in answer.sentences if s.text != found.text)
                    return replace(answer, sentences=(found, *rest)[:ANSWER_SENTENCES])
        return answer

    def _holder_candidates(self, question: str, history: Sequence[str], answer: Answer) -> Iterator[AnswerSentence]:
        """The sentences that may lead an office's answer in its stead: the answer's other quoted
        ones, then every sentence of its results (the first `top_k` ranked, five by default),
        each of a unit stating the asked relation (its year, its owner). Deeper than the
        ranking's move (HOLDER_HEAD): only a lead writing the office bare is replaced, and a
        result naming the holder is the one the answer lacked (docs/tuning.md, session 31)."""
        for sentence in answer.sentences[1:]:
            position = self._by_id.get(sentence.unit_id)
            if position is None or self._relations.states(question, position, history):
                yield sentence
        for result in answer.results:
            position = self._by_id[result.hit.unit.id]
            if not self._relations.states(question, position, history):
                continue
            unit = self._units[position]
            for start, end in self.files.sentences.spans_of(position):
                yield AnswerSentence.quoting(unit, (start, end), unit.footnotes_closing((start, end)))

    def _answer_unranked(
        self, question: str, history: Sequence[str], filters: Filters | None, top_k: int, mode: Mode
    ) -> Answer | None:
        """The answer to `question` (read with its history) when `ask` gives it without the
        calibrated ranking: the first of these that takes it answers. A note by its number, from
        the notes (service.note_answer); what happened on a date, from the sentences stating it
        (service.date_events); a list question, from the parsed notes
        (service.source_list); a field of a named document, from its card, and what a document
        is about, from its opening, unless the filters leave neither (service.cards,
        service.summaries); "What documents do you have?", every card. None for any other
        question. ("What documents do you have on …?" is not one: the calibrated ranking picks
        its documents, `_documents_on`.)"""
        admits = (filters or NO_FILTERS).admits
        documents = list(self.documents.values())
        numbered = read_numbered(question, documents, history)
        if numbered is not None:
            notes = self._numbered_notes(question, numbered, filters, mode)
            return numbered_answer(question, notes, self._sources, top_k)
        dated = read_date_event(question)  # "What happened on Sept. 7?": the sentences stating it
        if dated is not None:
            return date_event_answer(question, dated, self._sources, self._citations.of, admits, top_k)
        listing = self._list_question(question, filters)
        if listing is not None:
            return list_answer(question, listing, self._claims, self._sources, top_k)
        carded = read_card_question(question, documents)
        if carded is not None and (answer := card_answer(question, carded, self._sources, admits, top_k)):
            return answer
        if carded is None and (topical := self._card_by_topic(question, filters, mode)) is not None:
            if answer := card_answer(question, topical, self._sources, admits, top_k):
                return answer
        summarised = read_summary_question(question, documents)  # "What is the briefing about?"
        if summarised is not None and (answer := summary_answer(question, summarised, self._sources, admits, top_k)):
            return answer
        if asks_for_the_library(question):
            library = [(d.id, CARD_SCORE) for d in documents if card_id(d.id) in self._sources.by_id]
            return documents_answer(question, library, self._sources, top_k)
        return None

    def _question_reading(
        self,
        question: str,
        history: Sequence[str],
        filters: Filters | None,
        said: Sequence[str],
        root: str | None = None,
        mode: Mode = "hybrid",
    ) -> QuestionReading:
        """How `question` (read with its history) is ranked and answered (`QuestionReading`) within the
        request's `filters`. A question naming the documents whose words it asks for ("According
        to the briefing, …", "What does Kugelman say about …?") or a section of one is ranked on
        its topic within them and the request's kinds (service.scope); a request whose document
        filter leaves them out, and any other question, as asked. `said` holds the sentences the
        last answer's lead quoted, where a follow-up's "that date" points (service.antecedents);
        `root` the question its chain of follow-ups started from, which the ranking reads before
        `history` (`context`)."""
        scope = read_scope(question, list(self.documents.values()), self.document_writes)
        if scope is None:  # "What does the article about <topic> say about …?"
            scope = self.scope_by_topic(question, filters, mode)
        sections = None  # the headings `question` names, read only when no document is named
        if scope is None:
            sections = self.files.headings.read(question)
            scope = self._section_scope(sections)
        within = scoped_filters(scope, filters) if scope is not None else None
        if scope is not None and within is not None:
            question, filters = scope.topic, within
        topic = which_note_topic(question)  # "Which footnote …?": retrieval reads what it is about
        read = question if topic is None else topic
        context = tuple(history) if root is None else (self._corpus_form(_plain_form(root)), *history)
        ranked_as = read if topic is not None else ranking_reading(read, context, said)
        read_sections = self._sections(read, sections)
        return QuestionReading(
            question, filters, topic, read, ranked_as, read_sections, self._sections(ranked_as, read_sections), context
        )

    def document_writes(self, document_id: str, text: str) -> bool:
        """Whether some unit of `document_id` holds each term of `text` (the BM25 postings):
        a name the document writes is what it is about (service.scope, `placed_elsewhere`)."""
        terms = terms_of(text)
        code = self._document_codes.get(document_id)
        return (
            code is not None
            and bool(terms)
            and all(bool(np.any(self._unit_documents[units_holding(self.files.bm25, term)] == code)) for term in terms)
        )

    def _sections(self, text: str, known: SectionNames | None) -> SectionNames:
        """The headings `text` names (service.headings): `known` when it was read from `text`."""
        return known if known is not None and known.text == text else self.files.headings.read(text)

    def _lead_texts(self, leads: Sequence[Quoted | None]) -> list[str | None]:
        """Per earlier turn, the sentence its answer led with (None: none, or no longer indexed)."""
        return [next(iter(self._texts([lead])), None) if lead is not None else None for lead in leads]

    def _texts(self, quoted: Sequence[Quoted]) -> list[str]:
        """The sentences quoted, as their units write them (one no longer indexed is left out)."""
        units = (self._units[self._by_id[q.unit_id]] if q.unit_id in self._by_id else None for q in quoted)
        return [unit.text[q.span[0] : q.span[1]] for q, unit in zip(quoted, units, strict=True) if unit is not None]

    def _section_scope(self, named: SectionNames) -> Scope | None:
        """A question naming a section ("What does the conclusion recommend …?") asks what that
        section's document says: it is ranked within that document, as asked (the section's own
        passages gain from its heading's words: service.headings), so an answer quoting another
        document's sentence is not offered as the section's."""
        passages = named.sections
        if not len(passages):
            return None
        return Scope(tuple(sorted({self._units[int(i)].document_id for i in passages})), named.text)

    def _unmatched(self, query: Query, ranked: Ranked, sections: SectionNames, follows: bool = False) -> float:
        """The question's residual_unmatched (service.offtopic), read on the question alone, a
        follow-up's too ("What about the square root of 144?" opens like one), and on what it
        asks of a document or section it names as its source ("What does the conclusion
        recommend Pakistan do?": "Pakistan do?"; `sections`: the headings the question names);
        the rest of the question is encoded only when its unseen words weigh enough. `follows`:
        the question is read with earlier turns (service.offtopic.read_topic)."""
        asked = asked_of_library(query.question, lambda words: self.names_library(words, sections))
        if asked == "":  # "What did the Crisis Group recommend?": what the library says, nothing else
            return 0.0
        read = query.question if asked is None else asked
        reading = read_topic(read, self._term_share, len(self._units), self._lexicon.paraphrased, follows)
        return residual_unmatched(reading, lambda text: corpus_cosine(self.files, self.embedder, text, ranked.units))

    def _term_share(self, term: str) -> float:
        """The share of units holding a stemmed term (0 for one the corpus never writes)."""
        return term_share(self.files.bm25, term)

    def names_library(self, words: str, within: SectionNames | None = None) -> bool:
        """Whether `words` name a document of the library by its card (service.scope, as a
        question naming its source is read) or a section by its heading (service.headings);
        `within`: the headings named by the question `words` are part of, when it has been read
        (no other heading can be named by part of it)."""
        sections = self.files.headings.read(words) if within is None else within
        return bool(documents_named(words, list(self.documents.values())) or sections.named_by(words))

    def _unranked(self, answer: Answer, asked: str, started: float) -> Answer:
        """An answer read from the notes rather than ranked (a note by its number, a list),
        finished as every answer is: the question as asked, its results' parsed sources, the
        index version and its one timing."""
        return replace(
            answer,
            question=asked,
            results=tuple(self._with_sources(r) for r in answer.results),
            index_version=self.version,
            timings={"answer": time.perf_counter() - started},
        )

    def unit_pieces(self, unit: int) -> tuple[np.ndarray, np.ndarray]:
        """A unit's stored word-piece vectors and where each piece lies in the unit's text, as
        the build stored them; a version built before it stored them has its windows tokenized
        again for their offsets (overlapping windows repeat a sentence: no maximum changes)."""
        files = self.files
        kept = files.unit_pieces(unit)
        if kept is not None:
            return kept
        assert files.tokens is not None and files.window_spans is not None
        text = self._units[unit].text
        spans, vectors = [], []
        for window in files.unit_windows(unit):
            start, end = (int(x) for x in files.window_spans[window])
            offsets = self.embedder.piece_spans(text[start:end]) + start
            stored = files.tokens.windows(window, window + 1)
            count = min(len(offsets), len(stored))  # equal unless the model cut a window short
            spans.append(offsets[:count])
            vectors.append(stored[:count])
        dim = files.manifest.dim
        return (
            np.concatenate(spans) if spans else np.zeros((0, 2), dtype=np.int64),
            np.concatenate(vectors) if vectors else np.zeros((0, dim), dtype=np.float32),
        )

    def _numbered_notes(self, question: str, asked: NumberedNotes, filters: Filters | None, mode: Mode) -> list[int]:
        """The notes a question names by number, within the filters' documents and kinds; when
        several documents have them, best first by the ordinary retrieval of the question over
        those notes alone (catalog order for a note it does not reach)."""
        admits = (filters or NO_FILTERS).admits
        notes = numbered_notes(asked, list(self.documents), self._units, self._by_id, admits)
        if len({self._units[i].document_id for i in notes}) < 2:
            return notes
        within = Filters(tuple(dict.fromkeys(self._units[i].document_id for i in notes)), ("footnote",))
        ranked = rank(self.files, encode(self.embedder, question, (), mode), within, mode, self.settings)
        position = {int(u): p for p, u in enumerate(ranked.units)}
        return sorted(notes, key=lambda i: position.get(i, len(position)))

    def _card_by_topic(self, question: str, filters: Filters | None, mode: Mode) -> CardQuestion | None:
        """ "Who wrote the article about Pakistan's win in Afghanistan?": the asked field of the
        document whose units retrieval finds first for the topic, among those the question's
        words about the document admit (service.cards.read_card_by_topic); None when none is
        found above the abstention cut, or when the topic is a work the document cites: the
        first unit found is a note whose cited title holds most of the topic's words ("the
        report on Pashtun alienation" is a Crisis Group report the briefing cites, and its note
        answers). docs/retrieval.md, "Questions about a document"."""
        asked = read_card_by_topic(question, list(self.documents.values()))
        if asked is None:
            return None
        within = asked.documents
        if filters is not None and filters.documents is not None:
            within = tuple(d for d in within if d in filters.documents)
        found = self._found_on(asked.topic, Filters(within, None), mode, TOPIC_UNKNOWN_SHARE) if within else []
        if not found or self._cites_topic(found[0][2], asked.topic):
            return None
        return CardQuestion(asked.fields, (found[0][0],))

    def scope_by_topic(self, question: str, filters: Filters | None, mode: Mode) -> Scope | None:
        """ "What does the article about Pakistan's win in Afghanistan say about the TTP?",
        "According to the report on the peace talks, what did Islamabad want?": the document a
        phrase of attribution names by its topic (service.cards.read_document_by_topic), picked
        as `_card_by_topic` picks it, and the rest of the question as the scope's topic. None
        unless the pick is clear: the document's best unit for the topic clears the abstention
        cut by SCOPE_TOPIC_MARGIN over every other document's best, and is no note citing a work
        titled by the topic ("the report on Pashtun alienation" is a work the briefing cites).
        docs/retrieval.md, "What a named document says"."""
        documents = list(self.documents.values())
        for said, asked in attributions(question):
            named = read_document_by_topic(said, documents) if asked else None
            if named is None:
                continue
            within, topic = named
            if filters is not None and filters.documents is not None:
                within = tuple(d for d in within if d in filters.documents)
            if not within:
                return None
            found = self._found_on(topic, None, mode, TOPIC_UNKNOWN_SHARE)
            if not found or found[0][0] not in within or self._cites_topic(found[0][2], topic):
                return None
            others = max((chance for document, chance, _ in found[1:]), default=self._abstain_below)
            if found[0][1] - max(others, self._abstain_below) < SCOPE_TOPIC_MARGIN:
                return None
            return Scope((found[0][0],), as_asked(asked, question))
        return None

    def _cites_topic(self, position: int, topic: str) -> bool:
        """Whether the unit at `position` is a note naming a work whose title holds most of
        `topic`'s words (TITLED_SHARE)."""
        unit = self._units[position]
        if unit.kind != "footnote":
            return False
        words = set(tokenize([topic])[0]) - QUESTION_TERMS
        titles = (source.title for source in self._citations.of(unit.id) if source.title)
        return bool(words) and any(held_share(words, set(tokenize([t])[0])) >= TITLED_SHARE for t in titles)

    def _documents_on(self, topic: str, filters: Filters | None, mode: Mode) -> list[tuple[str, float]]:
        """The documents whose passages and notes retrieval finds for `topic`, best first, each
        with the calibrated chance of its best unit in the head; those below the abstention cut
        are left out, and none is on a topic with a word no unit holds (service.cards)."""
        within = None if filters is None else Filters(filters.documents, None)
        return [(document, chance) for document, chance, _ in self._found_on(topic, within, mode)]

    def _found_on(
        self, topic: str, filters: Filters | None, mode: Mode, unknown: float = 0.0
    ) -> list[tuple[str, float, int]]:
        """`_documents_on`, each document with the position of its best unit; none when more
        than `unknown` of the topic's words are words no unit holds."""
        if self._scope.question(topic).unknown_share > unknown:  # words no document uses: none is on it
            return []
        query = encode(self.embedder, topic, (), mode)
        sections = self.files.headings.read(topic)
        ranked = rank(self.files, query, filters, mode, self.settings, sections=sections)
        found: dict[str, tuple[float, int]] = {}
        chances = self._scored(query, ranked, DOCUMENTS_DEPTH, sections).chances
        for unit, chance in zip(ranked.units, chances, strict=False):
            if chance >= self._abstain_below:
                found.setdefault(self._units[int(unit)].document_id, (chance, int(unit)))
        return [(document, chance, position) for document, (chance, position) in found.items()]

    def _list_question(self, question: str, filters: Filters | None) -> ListQuestion | None:
        """A list question (service.source_list) within the filters' documents; None for any
        other question, or when the filters leave out passages (a list quotes passages)."""
        if filters is not None and filters.kinds is not None and "passage" not in filters.kinds:
            return None
        asked = read_list_question(question, self._claims.issuers, list(self.documents.values()))
        if asked is None or filters is None or filters.documents is None:
            return asked
        named = asked.documents if asked.documents is not None else filters.documents
        return replace(asked, documents=tuple(d for d in named if d in filters.documents))

    def _with_sources(self, result: Result) -> Result:
        """The result with the parsed sources of its footnote units (itself, the notes it cites)."""
        notes = [u for u in (result.hit.unit, *result.cited_footnotes) if u.kind == "footnote"]
        return replace(result, sources={u.id: self._citations.of(u.id) for u in notes})

    def evidence(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        said: Sequence[Quoted] = (),
        root: str | None = None,
        depth: int = 10,
        mode: Mode = "hybrid",
        leads: Sequence[Quoted | None] = (),
    ) -> tuple[list[Unit], np.ndarray]:
        """The first `depth` ranked units and their evidence rows (service.evidence.FEATURES),
        whatever the calibration would make of them: what `cited eval --calibrate` fits on. The
        question is read as `ask` reads it (`_question_reading`), with the sentences the last
        answer's lead quoted (`said`) and the question its chain of follow-ups started from (`root`)."""
        asked, earlier = _read_with_history(
            question, history, self._corpus_form, self.titled, self._texts(said[:1]), self._lead_texts(leads)
        )
        reading = self._question_reading(asked, earlier, None, self._texts(said), root, mode)
        query = encode(self.embedder, reading.ranked_as, reading.context, mode)
        ranked = rank(self.files, query, reading.filters, mode, self.settings, sections=reading.ranked_sections)
        ranked = self._reordered(query, ranked, earlier, self._last_lead(asked, earlier, said, None))
        rows = self._evidence_rows(query, ranked, depth, reading.ranked_sections, earlier)
        return [self._units[int(u)] for u in ranked.units[:depth]], rows

    def answered_unranked(self, question: str, *, history: Sequence[str] = ()) -> bool:
        """Whether `ask` answers `question` without the calibrated ranking (`_answer_unranked`, or
        the documents on a topic): no calibrated score decides whether it abstains, so the
        abstention cut is not fitted on it."""
        asked, earlier = _read_with_history(question, history, self._corpus_form, self.titled)
        # "What documents do you have on …?" is answered from the cards the ranking finds, by no cut.
        return (
            self._answer_unranked(asked, earlier, None, 1, "hybrid") is not None or read_documents_on(asked) is not None
        )

    def _reordered(self, query: Query, ranked: Ranked, history: Sequence[str], lead: LastLead | None) -> Ranked:
        """`ranked` as the answer and the calibration's evidence both read it: the asked speaker's
        unit first (`_speaker_first`), then the last answer's lead for a follow-up asking of it
        alone (`_last_lead_first`). One place, so that `ask` and `evidence` cannot drift apart."""
        return self._last_lead_first(query, self._speaker_first(query, ranked, history), lead)

    def _speaker_first(self, query: Query, ranked: Ranked, history: Sequence[str]) -> Ranked:
        """`ranked` with the first unit that has the asked speaker speak moved to the top when the
        first does not (service.relations.UnitRelations.said_first); each position keeps its
        fused score."""
        return _moved_first(ranked, self._relations.said_first(query.question, ranked.units, history))

    def _last_lead(
        self, question: str, history: Sequence[str], said: Sequence[Quoted], filters: Filters | None
    ) -> LastLead | None:
        """The unit the last answer led with (`said[0]`), when `question` asks only for a value
        ("And when?", "How many?"), a place ("Where?"), a source ("Who wrote it?"), a speaker
        ("Who said that?") or whoever did it ("Who led it?") of it (antecedents.asked_alone),
        within the request's filters, with whether it tells it (antecedents.tells); None
        otherwise. The follow-up asks it of what that answer quoted: a note's date or author of
        the article it cited, which a ranking of the history's words may put below the passage
        citing the note, or leave out (docs/retrieval.md, "Follow-ups"). Read once per ask."""
        asked = asked_alone(question) if said and history else None
        unit = self._by_id.get(said[0].unit_id) if asked is not None else None
        if asked is None or unit is None or not (filters or NO_FILTERS).admits(self._units[unit]):
            return None
        cited = self._cited_sources(unit)
        lead = self._texts(said[:1])
        # A speaker, or whoever did it, is asked of the sentence the answer led with, not of any
        # name in its unit.
        text = lead[0] if asked in (Asked.SPEAKER, Asked.DOER) and lead else self._units[unit].text
        attributions = unit_attributions(self._sources, unit)
        told = tells(asked, text, question, cited, bool(attributions), history)
        if asked is Asked.DOER and not told:  # the note its passage cites naming who did it
            note = self._doer_note(unit, said[0].span, (*history, question))
            undone = lead[0] if note is None and lead else None
            found = note if note is not None else unit
            return LastLead(found, note is not None, False, False, restates=False, undone=undone)
        entry = told and bool(lead) and is_reference(lead[0]) and tells(asked, lead[0], question, cited)
        unsaid = text if asked is Asked.SPEAKER and not told else None
        unsigned = asked is Asked.WRITER and bool(cited) and not told
        # Another sentence of the unit naming its source in words is not this sentence's source.
        named = any(tuple(attribution.sentence) == tuple(said[0].span) for attribution in attributions)
        unsourced = asked is Asked.SOURCE and not cited and not named
        return LastLead(unit, told, entry, unsigned, unsaid, asked in (Asked.WRITER, Asked.SOURCE), unsourced)

    def _lead_notes(
        self, question: str, history: Sequence[str], said: Sequence[Quoted], filters: Filters | None
    ) -> list[int]:
        """The notes a follow-up asking only for "the note" (antecedents.Asked.NOTE) asks for,
        within the request's filters: those whose markers close the sentence the last answer
        led with (`said[0]`), in order, or that lead itself when it is a note. None for any
        other question, or a lead sentence no marker closes: it is ranked as asked. A reader
        sees the marker beside the sentence quoted; ranked on its words alone, "the note" would
        find any note (docs/retrieval.md, "Follow-ups")."""
        position = self._by_id.get(said[0].unit_id) if said and history else None
        if position is None or asked_alone(question) is not Asked.NOTE:
            return []
        unit = self._units[position]
        ids = [unit.id] if unit.kind == "footnote" else []
        ids += [footnote_id(unit.document_id, n) for n in unit.footnotes_closing(said[0].span)]
        admits = (filters or NO_FILTERS).admits
        notes = (self._by_id[i] for i in ids if i in self._by_id)
        return [i for i in notes if admits(self._units[i])]

    def _done_as_led(self, sentence: AnswerSentence, lead: LastLead, question: str) -> bool:
        """Whether an answer's first `sentence` may give whoever did what `lead.undone` tells (a
        lead sentence naming no one, whose passage cites no note naming anyone) when `question`
        asks only that: it is quoted from the lead's unit or a note that unit cites, where a
        report tells more of the same act, or it writes the same act elsewhere
        (antecedents.does_the_same). Any other sentence answers with the verb written of another
        event, or with anyone named near the words of the conversation: "Who called them off?"
        of protests in Kabul with "… President Trump abruptly called off talks …"
        (docs/retrieval.md, "Follow-ups")."""
        unit = self._units[lead.unit]
        own = {unit.id, *(note.id for note in cited_notes(self._units, unit, self._by_id))}
        return sentence.unit_id in own or does_the_same(sentence.text, lead.undone or "", question)

    def _doer_note(self, unit: int, span: tuple[int, int], asked: Sequence[str]) -> int | None:
        """The first note a passage's lead sentence (`span` of `unit`) leaves whoever did it to:
        of the notes the passage cites, those closing that sentence first, then the others in
        order, the first whose sentences (not its reference entries) name someone the
        conversation's questions (`asked`) do not. "Who drew it?" of "Afghan leaders have long
        refused to recognise the 2,430km line …" is told by the note closing it ("The 1893
        agreement between Mortimer Durand, …"); None when no note names anyone."""
        passage = self._units[unit]
        numbers = dict.fromkeys((*passage.footnotes_closing(span), *passage.footnotes))
        conversation = " ".join(asked)
        for number in numbers:
            note = self._by_id.get(footnote_id(passage.document_id, number))
            if note is None:
                continue
            texts = (self._units[note].text[a:b] for a, b in self.files.sentences.spans_of(note))
            if any(not is_reference(text) and names_a_doer(text, conversation) for text in texts):
                return note
        return None

    def _followed(self, question: str, said: Sequence[Quoted], last: LastLead | None = None) -> Quoted | None:
        """The sentence the last answer led with (`said[0]`), when `question` asks what came after
        it (service.repeats.next_lead) or only for a value of it or whoever did it ("When was
        that?", "Who led it?": service.repeats.restated_lead, unless that sentence names no one
        new: `LastLead.restates`); None otherwise."""
        lead = self._texts(said[:1])
        restated = restates_lead(question) and (last is None or last.restates)
        asks = lead and (asks_what_followed(question, lead[0]) or restated)
        return said[0] if asks else None

    def _neighbourhood(self, said: Sequence[Quoted]) -> tuple[int, ...]:
        """The passage after the unit the last answer led with (`said[0]`) and the notes its
        passage cites, where a follow-up moving on is often answered (service.context); a note
        the last answer led with is one of them, last: its other sentences tell more of the
        same (service.repeats.cited_note_lead)."""
        position = self._by_id.get(said[0].unit_id) if said else None
        if position is None:
            return ()
        near = neighbourhood(self._units, position, self._by_id)
        return (*near, position) if self._units[position].kind == "footnote" else near

    def _cited_sources(self, unit: int) -> list[Source]:
        """The parsed sources of a note, or of the notes a passage cites (service.citations)."""
        notes = (self._units[unit], *cited_notes(self._units, self._units[unit], self._by_id))
        return [source for note in notes for source in self._citations.of(note.id)]

    def _composed_for(self, read: str, history: Sequence[str], lead: LastLead | None) -> str:
        """What the answer is composed for: `read`, or, when it asks only for a value of what
        the last answer led with and that lead was a reference entry stating one (a note's
        "Title", Outlet, date for "Which paper published it?"), the earlier question with it:
        "And when?" asks the date of that source, and a source question's answer quotes the
        entry, where any other leaves reference entries out (service.answer)."""
        return f"{history[-1]} {read}" if lead is not None and lead.entry else read

    def _last_lead_first(self, query: Query, ranked: Ranked, lead: LastLead | None) -> Ranked:
        """`ranked` with the last answer's lead unit (`_last_lead`) first; added when the new
        ranking left it out of its candidates (its dense evidence is its best sentence's cosine
        to the question in context, its lexical none), so that it can lead all the same. The
        fused scores stay by position, as when a speaker's sentence moves first."""
        if lead is None or not lead.told:
            return ranked
        found = np.flatnonzero(ranked.units == lead.unit)
        if len(found):
            return _moved_first(ranked, int(found[0]))
        # A lead the last answer quoted has sentences, so its best cosine is one of theirs.
        cosine = float(self.files.sentences.best_cosine(np.array([lead.unit]), query.vector[0])[0])
        last = ranked.scores[-1:] if len(ranked.scores) else np.zeros(1)
        added = Ranked(
            np.r_[ranked.units, lead.unit].astype(ranked.units.dtype),
            np.r_[ranked.scores, last].astype(ranked.scores.dtype),
            np.r_[ranked.dense, cosine].astype(ranked.dense.dtype),
            np.r_[ranked.lexical, 0.0].astype(ranked.lexical.dtype),
        )
        return _moved_first(added, len(added.units) - 1)

    def _evidence_rows(
        self, query: Query, ranked: Ranked, depth: int, sections: SectionNames, history: Sequence[str] = ()
    ) -> np.ndarray:
        units = ranked.units[:depth]
        return feature_rows(
            self._scope.question(query.question),
            ranked.dense[:depth],
            self._scope.coverage(query.text, units, query.question),
            ranked.scores[: depth + 1],
            self._relations.unstated(query.question, units, history),
            self._unmatched(query, ranked, sections, follows=bool(history)),
        )

    def _unit_sentences(self, unit: int) -> list[str]:
        """A unit's sentences as the index splits them."""
        text = self._units[unit].text
        return [text[start:end] for start, end in self.files.sentences.spans_of(unit)]

    def _sentence_cosines(self, unit: int, text: str) -> np.ndarray:
        """Per sentence of a unit, its cosine to `text` (the topic of "What did X say about
        Y?", service.said_about), from the sentence vectors the index stores."""
        rows = self.files.sentences.of_unit(unit)
        vector = np.asarray(self._topic_vector(text), dtype=np.float32).reshape(-1)
        return np.asarray(self.files.sentences.vectors[rows.start : rows.stop], dtype=np.float32) @ vector

    def _topic_alike(self, question: str, said: SaidAbout, unit: int, sentences: slice) -> dict[str, float]:
        """Per word of a topic written without a name, read in `question` (or alone, when a
        follow-up's topic comes from an earlier turn), its best cosine to a word piece of the
        unit's `sentences`, read in context as the index stored them (service.said_about,
        TOPIC_WORD_ALIKE)."""
        words = self._topic_words(question, said)
        bounds = self.files.sentences.spans_of(unit)[sentences]
        if not words or not bounds:
            return {}
        spans, vectors = self.unit_pieces(unit)
        inside = (spans[:, 0] >= bounds[0][0]) & (spans[:, 1] <= bounds[-1][1])
        if not inside.any():
            return {}
        pieces = np.asarray(vectors[inside], dtype=np.float32)
        pieces /= np.maximum(np.linalg.norm(pieces, axis=1, keepdims=True), 1e-9)
        return {stem: float((pieces @ vector).max()) for stem, vector in words.items()}

    def _read_topic_words(self, question: str, said: SaidAbout) -> dict[str, np.ndarray]:
        """Each word of the topic as `question` writes it (or the topic alone), the unit-length
        mean of its word pieces in the model's last layer: one encoding per question."""
        text = question if said.topic_text in question else said.topic_text
        spans = topic_word_spans(said, text)
        if not spans:
            return {}
        _, tokens = self.embedder.encode_query_with_tokens(text)
        offsets = self.embedder.piece_spans(text)[: len(tokens)]
        words: dict[str, np.ndarray] = {}
        for stem, start, end in spans:
            inside = (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
            if inside.any():
                mean = np.asarray(tokens[inside].mean(axis=0), dtype=np.float32)
                words[stem] = mean / (float(np.linalg.norm(mean)) or 1.0)
        return words

    def _card_text(self, unit: int) -> str:
        """What a unit's document card says of its source: every unit of it is by that author."""
        document = self.documents[self._units[unit].document_id]
        return " ".join(part for part in (document.title, document.author, document.publisher, document.series) if part)

    def _document_year(self, unit: int) -> int | None:
        date = self.documents[self._units[unit].document_id].date
        return int(date[:4]) if date and date[:4].isdigit() else None

    def _scored(
        self,
        query: Query,
        ranked: Ranked,
        depth: int,
        sections: SectionNames,
        history: Sequence[str] = (),
        on_evidence: Callable[[list[Unit], np.ndarray], None] | None = None,
    ) -> Scored:
        """The evidence rows of the first `depth` ranked units and the probability that each
        answers, best first (service.calibration; fitted on the fused order); `sections`: the
        headings the question names. `on_evidence` is handed the units and the rows."""
        rows = self._evidence_rows(query, ranked, depth, sections, history)
        if on_evidence is not None:
            on_evidence([self._units[int(u)] for u in ranked.units[:depth]], rows)
        chances: list[float] = self.calibration.probabilities(rows).tolist()
        return Scored(ranked, rows, chances)

    def _withheld_by(self, scored: Scored) -> str:
        """Why the first result's chance is under the cut, as an abstention reason
        (`Calibration.withheld_by` in service.calibration, on the evidence row the chance was read
        from); a follow-up whose chance is the turn alone's while the row read with its history
        scores above the cut (`_read_alone_too`) is "alone-below-cut". Read on abstentions only."""
        rows = scored.rows
        if not len(rows):
            return "weak-evidence"
        if self.calibration.probabilities(rows[:1])[0] >= self._abstain_below and scored.chances:
            return "alone-below-cut"
        return self.calibration.withheld_by(rows[0], self._abstain_below)

    def _year_stated_lower(
        self, query: Query, scored: Scored, depth: int, sections: SectionNames, history: Sequence[str]
    ) -> Scored:
        """Below the cut, for a question asking of a year its first result does not state, the
        ranking with the lower result stating it first (`UnitRelations.year_stated_lower` in service.relations),
        scored, when that result scores above the cut as the first; `scored` otherwise
        (docs/retrieval.md, "Abstention")."""
        ranked = scored.ranked
        position = self._relations.year_stated_lower(query.question, ranked.units, ranked.scores, history)
        if not position:
            return scored
        return self._first_above_cut(query, ranked, position, depth, sections, history) or scored

    def _first_above_cut(
        self, query: Query, ranked: Ranked, position: int, depth: int, sections: SectionNames, history: Sequence[str]
    ) -> Scored | None:
        """`ranked` with its result at `position` moved first, scored, when that result scores at
        or above the cut as the first; None otherwise (a lower result stating what the first does
        not is read in its stead only where it would be answered on its own)."""
        moved = self._scored(query, _moved_first(ranked, position), depth, sections, history)
        return moved if moved.chances and moved.chances[0] >= self._abstain_below else None

    def _read_alone_too(self, reading: QuestionReading, scored: Scored, top_k: int, mode: Mode) -> Scored:
        """A follow-up's ranking and chances, read with its history (`scored`) and, where that
        reading's first chance may mislead, on the turn alone (its pronoun read as the person it
        names). Below the cut, the turn alone answers when its own words rank another unit first
        above the cut: the history held the earlier turn's unit first. Above it, a turn asking
        with a word no unit writes ("What do they think of the new iPhone?") abstains when alone
        it ranks another unit first and finds nothing above the cut: the history lent it the
        earlier turn's evidence; its first chance is then the turn alone's, its rows the
        history's. A fragment ("And about India?") is never answered alone (docs/tuning.md,
        session 35)."""
        ranked, chances = scored.ranked, scored.chances
        if not chances or not len(ranked.units):
            return scored
        below = chances[0] < self._abstain_below
        if not below and (not READS_ALONE_UNSEEN or not self._writes_unseen(reading.read)):
            return scored
        # A fragment ("And about India?" after "What did he say about Pakistan?") asks what the
        # turn before asked: alone it would be answered about India by anyone.
        if below and (not READS_ALONE_BELOW or is_fragment(reading.read)):
            return scored
        sections = reading.ranked_sections
        alone_query = encode(self.embedder, reading.read, (), mode)
        alone_ranked = rank(self.files, alone_query, reading.filters, mode, self.settings, None, sections)
        alone = self._scored(alone_query, alone_ranked, top_k, sections)
        if not alone.chances or not len(alone.ranked.units):
            return scored
        another = int(alone.ranked.units[0]) != int(ranked.units[0])
        if below:
            return alone if alone.chances[0] >= self._abstain_below and another else scored
        if alone.chances[0] < self._abstain_below and another:
            return replace(scored, chances=[alone.chances[0], *chances[1:]])
        return scored

    def _unstated_aside(self, question: str, answer: Answer) -> bool:
        """Whether `question` (as read: its pronoun read as the person) asks of someone's private
        life or tastes what no quoted sentence of `answer` states of one it names
        (service.asides)."""
        quoted = [(s.text, self.unit(s.unit_id).text) for s in answer.sentences]
        return unstated_aside(question, quoted, name_heads(question, lambda word: written_name(word, self._term_share)))

    def _states_successor_of_one_named(self, talked_of: Sequence[str], answer: Answer) -> bool:
        """Whether a quoted sentence of `answer` states the successor (relations.states_successor)
        of someone the conversation named: a person whose name the corpus writes after a title
        (`titled`) and an earlier question, an earlier answer's lead or a sentence the last answer
        quoted (`talked_of`) writes. For a follow-up asking who succeeded "him" where "him" was
        read as no one: "successor Shaikh Haibatullah Akhunzada" (Mansour's) answers it after a
        turn whose answer named Mansour, not after one on the Taliban's chief negotiator
        (docs/tuning.md, session 54)."""
        written = terms_of(" ".join(talked_of))
        named = [terms_of(name) for name in self.titled if terms_of(name) and terms_of(name) <= written]
        return any(states_successor(name, s.text) for name in named for s in answer.sentences)

    def _writes_unseen(self, question: str) -> bool:
        """Whether `question` asks with a word of its own that no unit writes ("iPhone",
        "pilgrimage"), beyond how it asks (QUESTION_TERMS, and the verb of "What happened …?",
        which asks for an event rather than naming its topic, and which reports seldom write)."""
        own = terms_of(question) - QUESTION_TERMS - EVENT_VERB_TERMS
        return any(self._term_share(term) == 0 for term in own)

    def _calibrated(self, answer: Answer, chances: list[float]) -> Answer:
        """The answer with each result scored by the probability fitted for its rank, or an
        abstention when the first is below the cut: too weak, or about what the corpus never
        names. By rank, not by unit: composing may move a reference entry below the passage
        that answers, and the first result is then the one the first rank's evidence backs."""
        if answer.abstained:
            return answer
        scored = [
            replace(result, hit=replace(result.hit, score=chances[position] if position < len(chances) else 0.0))
            for position, result in enumerate(answer.results)
        ]
        if not scored or scored[0].hit.score < self._abstain_below:
            return Answer(answer.question, True, (), (), abstain_reason=BELOW_CUT)
        return replace(answer, results=tuple(scored))


def _moved_first(ranked: Ranked, position: int) -> Ranked:
    """`ranked` with the candidate at `position` first, the others in their order; each
    position keeps its fused score (the calibration reads the fused order)."""
    if position == 0:
        return ranked
    order = np.r_[position, np.arange(position), np.arange(position + 1, len(ranked.units))]
    return replace(ranked, units=ranked.units[order], dense=ranked.dense[order], lexical=ranked.lexical[order])


def without_weak_support(answer: Answer) -> Answer:
    """The answer without the sentences after the lead that come from a result the
    calibration gives under WEAK_SUPPORT of the lead's result's chance: a sentence chosen on
    its own words from a passage that almost surely does not answer, which a reader takes as
    part of the answer (docs/retrieval.md, "Scores"). A sentence from a unit not among the
    results (a note the lead cites) is kept: it was quoted for what it is. Answers whose quotes
    follow from the lead (a source question's notes, a note's claim) are not pruned: the caller
    leaves them out."""
    chance = {r.hit.unit.id: r.hit.score for r in answer.results}
    if not answer.sentences or answer.sentences[0].unit_id not in chance:
        return answer
    floor = WEAK_SUPPORT * chance[answer.sentences[0].unit_id]
    lead, *rest = answer.sentences
    return replace(answer, sentences=(lead, *(s for s in rest if chance.get(s.unit_id, floor) >= floor)))


def _read_with_history(
    question: str,
    history: Sequence[str],
    corpus_form: Callable[[str], str],
    titled: Collection[str] = frozenset(),
    lead: Sequence[str] = (),
    leads: Sequence[str | None] = (),
) -> tuple[str, list[str]]:
    """The question and its history as the engine reads them, the same when asking and when
    fitting the calibration: folded to NFKC, given the corpus's capitals when typed without
    any and its spelling of a word it never writes (`corpus_form`: service.truecase,
    service.spelling), "he" read as the person an earlier question names (service.antecedents),
    in the earlier questions too: "What did he say about Pakistan?" is read as the question
    before "And about India?" with the person it asked about. `lead` holds the sentence the last
    answer led with, where "he" after a "Who …?" asking for its subject finds its person;
    `leads`, per question of `history`, the sentence its own answer led with (None: unknown),
    where an earlier follow-up's "he" finds its person the same way, so that "Who replaced him
    later?" after "Who is Pakistan's army chief?" and "When did he visit Kabul?" asks of the
    army chief the first answer named, not of no one (docs/tuning.md, session 53)."""
    earlier: list[str] = []
    from_answers: list[str] = []  # the names earlier follow-ups were read as from their answers
    for at, asked in enumerate(history):
        before = (leads[at - 1] if 0 < at <= len(leads) else None) or ""
        read, name = resolve_person_read(
            corpus_form(_plain_form(asked)), earlier, titled, before, from_answers, earlier_turn=True
        )
        earlier.append(read)
        from_answers += [name] if name else []
    answer = lead[0] if lead else ""
    read = resolve_person(corpus_form(_plain_form(question)), earlier, titled, answer, from_answers)
    return past_who_is(read, earlier, titled)


def _plain_form(text: str) -> str:
    """A question or an earlier one as the readings take it before the corpus's spelling:
    compatibility characters folded (service.text.question_form) and a phrasal verb of
    succession written as reports write it (service.phrasal.succession_plainly)."""
    return succession_plainly(question_form(text))


def _borrowed_terms(asked: str, read: str, corpus_form: Callable[[str], str]) -> frozenset[str]:
    """The terms the question as read (`read`: `_read_with_history`) holds and the question as
    asked does not: the name its pronoun was read as (service.antecedents). They find the
    passage about the person; the sentence about them the follow-up asks for is told by its
    own words, since a report names a person once and then writes "he" and "his" ("What did he
    do in Kabul?": "… just a few days after his arrival in Kabul, …", not "Hameed has mediated
    …" for holding the name; docs/tuning.md, session 25)."""
    return terms_of(read) - terms_of(corpus_form(_plain_form(asked)))


def _all_of_unit(flags: np.ndarray, sentences: SentenceTable, n_units: int) -> np.ndarray:
    """Per unit, whether it has sentences and every one of them is flagged."""
    unflagged = np.zeros(n_units, dtype=bool)
    np.logical_or.at(unflagged, sentences.unit_of, ~flags)
    counts = np.diff(sentences.first)
    return (counts > 0) & ~unflagged


def load_engine(settings: Settings, embedder: Embedder | None = None, calibration: Calibration | None = None) -> Engine:
    """Load the published index, refusing a missing, stale or corrupt one with a one-line cause;
    scored with `calibration`, or the saved one."""
    verified = None
    if embedder is None:
        verified, _ = open_published(settings)  # a bad index is refused before the model takes seconds to load
        embedder = load_embedder(settings)
    faiss.omp_set_num_threads(1)  # request threads already use the cores
    files = open_index(settings, fingerprint=embedder.fingerprint, dim=embedder.dim, verified=verified)
    return Engine(files, embedder, settings, calibration)


def _owner_count_led(question: str, answer: Answer) -> Answer:
    """The answer led by its first quoted sentence giving the count a "How many …?" question asks
    of a country, people or body, when its lead gives another's (service.count_owner,
    `owner_count_at`); as it is otherwise. With no such sentence quoted, the verdict withdraws
    the answer ("another-count")."""
    if answer.abstained:
        return answer
    at = owner_count_at(question, [s.text for s in answer.sentences])
    if at is None:
        return answer
    sentences = answer.sentences
    return replace(answer, sentences=(sentences[at], *sentences[:at], *sentences[at + 1 :]))
