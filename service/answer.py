"""From ranked units to what a user sees: highlighted sentences, a verbatim extractive answer,
an abstention when the evidence is weak, and an exact citation for each result.

The answer is chosen among the sentences of the top results, not only their highlights:

- each sentence is scored against the question (service.sentences: cosine to the question in
  context, plus the share of the question's own terms it holds, not its history's);
- a sentence that states what a date or quantity question asks for (service.answer_type)
  gains TYPE_BONUS, so "How long is the Durand Line?" quotes the sentence with "2,430km"; so
  does one that defines the term of a definition question ("What is the Haqqani network?":
  "… the Haqqani network, the Taliban's most … faction"); for a "Who…"/"Which…" question a
  sentence naming someone or something the question does not gains NAME_BONUS (one naming
  alone a surname the corpus titles, TITLED_NAME_BONUS; for "Who is X's brother?" one writing
  the asked role as X's, "Sirajuddin Haqqani's younger brother, Anas", NAME_BONUS), and for "Who
  <verb>ed …?" one writing that verb with a name or a body gains it and AGENT_BONUS ("prepared
  by NATO interrogators" for "Who prepared it?");
- reference entries (service.references) are left out of the answer unless the question asks
  for a source, and then they gain SOURCE_BONUS; a document card (service.cards) is one, the
  corpus's own catalog entry; results that are nothing but references, or whose reference
  entry matches the question better than any of their claims, or as well while holding a
  question word none of them holds (a cited title echoing the question), move down the
  ranking of a question that does not ask for one (they still rank);
- a question that asks for a source is answered with the footnote the claim's sentence cites,
  then that sentence (which the question restates); the results lead with the quoted units in
  the answer's order (service.source_answer); without a claim sentence in the
  head, reference entries gain SOURCE_BONUS in choosing the lead below, and the lead is quoted
  with the reference entries of the notes it cites, and nothing else: a reference that the
  quoted sentence does not cite is not its source (docs/retrieval.md, "Source questions");
- the top result's best sentence leads (a definition question's: the first of the top results
  that defines its term, or of the first 20 when none of the top three does, moved up to
  third), chosen with each sentence's own late interaction (MaxSim over the
  word pieces inside it, LATE_WEIGHT) unless the question asks for a date or quantity; when it
  restates the question, the next sentence of its unit comes second, or first when it states
  the asked-for value and the restating one does not; when it restates part of the question
  and the next sentence holds a distinctive word of the question that it lacks ("… about
  Pakistan's responsibility?": "He added, however, that 'Pakistan has a special
  responsibility …'"), the next one leads and it follows; a lead whose verb stands for one in
  the sentence before ("It is in Pakistan's interest to do so.") follows that sentence, and a
  sentence that asks ("What's new?") is never quoted (docs/tuning.md);
- a question asking for someone's post, for a named thing of a kind ("Which madrasa …?") or for
  something besides what it sets aside ("Apart from X, …") is led by a sentence holding that (an
  office beside the name, a name with the noun, a name or number besides X) when the lead holds
  none: its unit's best such sentence, else a later result's close to the lead, the lead second
  (service.answer_type.asked_kind; docs/retrieval.md, "A lead that holds what is asked");
- a comparison of two things by time or amount ("Which came first, A or B?", "how many more X
  than Y") whose lead states one side only quotes second the best sentence of the results that
  states the other, with a date or number (compared; docs/retrieval.md, "Both sides of a
  comparison");
- an answer sentence, and a passage result, carries the sources its sentences name in their own
  words ("told the BBC", "according to TTP data": service.attributions);
- a follow-up whose lead an earlier answer of the conversation quoted leads instead with a new
  sentence that scores higher, or one as well supported that holds more of the follow-up's own
  distinctive words, the repeated one second, and its result comes first (service.repeats).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

import numpy as np

from service.answer_type import (
    AnswerType,
    AskedKind,
    StatedPremise,
    asked_agent,
    asked_kind,
    asked_places,
    asks_for_name,
    defined_term,
    defines,
    embedded_premise,
    expected_type,
    fronted_premise,
    names_a_body,
    names_a_place,
    names_beyond,
    names_someone_new,
    names_the_kind,
    stated_premise,
    states,
    states_office,
    states_or_dates,
    states_relative_time,
    writes_office,
)
from service.antecedents import Asked, asked_alone, names_a_doer, restates_lead, writes_personal_pronoun
from service.attributions import closing
from service.bm25 import terms_of, tokenize
from service.dates import MONTH_NAMES, MONTH_TERMS, YEAR, date_values
from service.evidence import WORD, capitalised_names
from service.holders import asks_who_the_role_is
from service.question_words import (
    ASKING_TERMS,
    BY_AMOUNT,
    BY_TIME,
    COMPARING_TERMS,
    FUNCTION_TERMS,
    LATER,
    SUBJECT_PRONOUNS,
)
from service.records import Answer, AnswerSentence, Document, Filters, Hit, Quoted, Result, Unit, footnote_id
from service.references import NOTHING_NAMED, SourceNamed, asks_for_source, claim_asked, outside_title, source_named
from service.relations import asked_role, is_post, writes_role_of
from service.repeats import (
    asked_lead,
    cited_note_lead,
    is_repeat,
    lead_first,
    new_lead,
    next_lead,
    own_words_lead,
    restated_lead,
)
from service.retrieve import Ranked
from service.said_about import read_said_about
from service.sentences import (
    ScoredSentence,
    asks_for_its_noun,
    asks_what_it_points_to,
    is_question,
    late_scores,
    leans_on_previous,
    pick_highlights,
    points_back,
    score_sentences,
    subject_points_back,
)
from service.settings import Settings
from service.source_answer import (
    NOTE_SENTENCES,
    asked_entry,
    claim_answer,
    claim_of,
    find_claim,
    lead_with_claim,
    unit_attributions,
)
from service.store import SentenceTable
from service.text import POSSESSIVE_END, normalise, quoted_phrases

LEXICAL_WEIGHT = 0.25  # share of query-term overlap in a sentence's highlight score
HIGHLIGHT_MARGIN = 0.08
MAX_HIGHLIGHTS = 2
ANSWER_SENTENCES = 3
ANSWER_UNITS = 3  # the answer quotes the top this many results
ANSWER_MARGIN = 0.12  # answer sentences score within this of the best one
TYPE_BONUS = 0.15  # a sentence stating the asked-for date or quantity
SOURCE_BONUS = 0.4  # a reference entry, when the question asks for a source
REFERENCE_DEMOTION = 0.5  # a reference-only result's fused score, for a question not about sources
RESTATES = 0.6  # a sentence holding this share of the question's terms restates it
REFERENCE_LED_DEPTH = 20  # candidates checked for a cited title that echoes the question
DEFINITION_DEPTH = 20  # candidates searched for the one that defines a definition question's term
NAME_BONUS = 0.5  # a sentence naming someone or something new, for a "Who…"/"Which…" question (docs/tuning.md)
# A sentence writing alone a surname the corpus titles ("Trump's letter to Khan"), for a
# "Who…"/"Which…" question: half NAME_BONUS, a one-word name telling less (docs/tuning.md, session 33).
TITLED_NAME_BONUS = 0.25
AGENT_BONUS = 0.15  # and one writing the asked verb with its doer, for "Who <verb>ed …?" (docs/tuning.md, session 25)
LATE_WEIGHT = 2.5  # weight of a sentence's own MaxSim when choosing the lead among its unit's (docs/tuning.md)
PARTLY_RESTATES = 0.4  # a lead holding this share of the question's terms sets up the next sentence's answer
READS_WHY_PREMISE = (
    True  # "Why P?" read as an embedded premise, its lead adding fewer terms (docs/tuning.md, session 34)
)
READS_FRONTED_PREMISE = True  # "Besides P, what else …?", "In what way has P?" (docs/tuning.md, session 35)
ELABORATION_TERMS = 3  # new content terms after a colon or dash that make a restating lead answer
_ELABORATION = re.compile(r":\s|\s?[—–]\s?")
POINTED_BACK = 2  # sentences before a lead opening on "For this reason", "In that scenario", … quoted after it
RAREST_SHARE = 1e-6  # the share a term no sentence holds is read as, for its rarity weight
COMMON_TERM_SHARE = 0.1  # a term in more of the sentences than this tells no sentence apart (docs/tuning.md)
LOWER_RESULT_SHARE = 0.4  # a lower result's sentence filling an empty place holds this share of the question's terms
LOWER_RESULT_MARGIN = 0.3  # and scores within this of the best candidate (docs/tuning.md, session 36)
CLEARER_BY = 0.15  # a lower result's sentence outscoring a passage's lead by this leads (docs/tuning.md)
# A follow-up's lead goes to a lower result's sentence only if it holds this many of the turn's own
# words that the lead lacks (docs/tuning.md, session 33)
OWN_WORDS_BEYOND_LEAD = 2
NO_FILTERS = Filters()  # every unit admitted
# A lead as it is chosen: its unit, the unit's candidate sentences, the lead sentence.
_LeadChoice = tuple[Unit, list[ScoredSentence], ScoredSentence]


# A comparison of two things by time or by amount ("Which came first, A or B?", "Is A older
# than B?", "how many more X than Y", "Did A happen before or after B?"): the words that compare,
# and the type of value a side must state for the user to compare (docs/retrieval.md,
# "Both sides of a comparison"; the words in service.question_words).
_BY_TIME = "|".join(BY_TIME)
_BY_AMOUNT = "|".join(BY_AMOUNT)
_COMPARING = re.compile(rf"\b(?:(?P<time>{_BY_TIME})|(?P<amount>{_BY_AMOUNT}))\b", re.IGNORECASE)
_EITHER_WAY = re.compile(rf"\b(?:{_BY_TIME}|{_BY_AMOUNT}) or (?:{_BY_TIME}|{_BY_AMOUNT})\b", re.IGNORECASE)
# "Which country has a larger Shia population than Pakistan?" names one side and asks for the other;
# "Where did TTP attacks kill more than a dozen …?" compares nothing.
_ASKS_WHICH = re.compile(r"\s*(?:which|what|who|where|when|why)\b", re.IGNORECASE)
_ASKS_WHY = re.compile(r"\s*why\b", re.IGNORECASE)


@dataclass(frozen=True)
class Compared:
    """The two sides of a comparison (the terms of each that the other lacks) and the type of
    value that states a side (a date for "first", a number for "how many more")."""

    sides: tuple[frozenset[str], frozenset[str]]
    wanted: tuple[AnswerType, ...]


def compared(question: str) -> Compared | None:
    """The two sides a question compares, when it compares two things by time or amount: "A or
    B" after a comparing word ("Which came first, A or B?"), "A … than B" (not "Which … than B?",
    which asks for a side), "A before or after B"; None for any other question, or when a side
    holds no term of its own."""
    text = question.strip().rstrip("?").strip()
    word = _COMPARING.search(text)
    if word is None:
        return None
    either = _EITHER_WAY.search(text)
    than = re.search(r"\bthan\b", text, re.IGNORECASE)
    ors = [m for m in re.finditer(r"\bor\b", text, re.IGNORECASE)]
    if either is not None:
        left, right = text[: either.start()], text[either.end() :]
    elif than is not None and than.start() > word.start() and not _ASKS_WHICH.match(text):
        left, right = text[: than.start()], text[than.end() :]
    elif ors:
        split = ors[-1]
        head = text[: split.start()]
        left, right = head[head.rfind(",") + 1 :], text[split.end() :]
    else:
        return None
    words = ASKING_TERMS | FUNCTION_TERMS | COMPARING_TERMS
    a, b = (frozenset(tokenize([side])[0]) - words for side in (left, right))
    a, b = a - b, b - a
    if not a or not b:
        return None
    by_time = any(m.group("time") for m in _COMPARING.finditer(text))
    wanted = (AnswerType.DATE,) if by_time else (AnswerType.QUANTITY, AnswerType.MONEY, AnswerType.SHARE)
    return Compared((a, b), wanted)


@dataclass(frozen=True)
class Sources:
    """What composing an answer reads from the loaded index."""

    units: Sequence[Unit]
    documents: Mapping[str, Document]
    by_id: Mapping[str, int]  # unit id -> index into `units`
    sentences: SentenceTable
    sentence_terms: Mapping[int, frozenset[str]]  # sentence row -> its BM25 terms
    reference: np.ndarray  # (n_sentences,) bool: the sentence is a reference entry
    all_references: np.ndarray  # (n_units,) bool: every sentence of the unit is one
    # A unit's stored word pieces: (n, 2) where each starts and ends in its text, and their
    # (n, dim) vectors; None when the index has no token vectors (re-ranking off).
    pieces: Callable[[int], tuple[np.ndarray, np.ndarray]] | None = None
    # The share of all sentences holding a BM25 term (service.bm25.term_share); None: unknown,
    # and a lead is then never handed to the sentence after it for a word it lacks.
    term_share: Callable[[str], float] | None = None
    # The words the corpus writes as a person's surname right after a title ("army chief Bajwa",
    # "President Ghani": service.antecedents.titled_names): a name of one word (`_names_before`).
    titled: frozenset[str] = frozenset()

    def text_of(self, sentence: ScoredSentence) -> str:
        """A scored sentence's text, verbatim, from its unit."""
        return self.units[sentence.unit_index].text_of(sentence)


@dataclass(frozen=True)
class _Asked:
    """What the question asks for, as composing the answer needs it."""

    question: str
    wanted: AnswerType | None
    source: bool
    terms: frozenset[str]  # the question's own terms (without the conversation's history)
    tokens: np.ndarray | None = None  # the question's own word-piece vectors
    defined: str | None = None  # the term a definition question asks about ("Durand Line")
    name: bool = False  # a "Who…" or "Which…" question: it asks for a name
    repeated: frozenset[Quoted] = frozenset()  # sentences the conversation's earlier answers quoted
    places: frozenset[str] | None = None  # a where-question's own places (answer_type.asked_places)
    kind: AskedKind | None = None  # an office, a named kind, or something besides (answer_type.asked_kind)
    compared: Compared | None = None  # the two sides of a comparison and the type it compares (compared)
    agent: str | None = None  # "Who prepared it?": the stem of the verb whose doer is asked (answer_type.asked_agent)
    quoted: tuple[str, ...] = ()  # the phrases the question quotes, normalised (service.text.quoted_phrases)
    borrowed: frozenset[str] = frozenset()  # the terms a follow-up's pronoun was read as (compose)
    follows: bool = False  # read with earlier turns: its lead is chosen against its history
    premise: StatedPremise | None = None  # "…; will the Taliban go along?": what it states before it asks

    @cached_property
    def role(self) -> tuple[frozenset[str], frozenset[str]]:
        """For "Who is X's brother?": X's stems and the role nouns asked (relations.asked_role)."""
        return asked_role(self.question) if self.name else (frozenset(), frozenset())

    @cached_property
    def content_terms(self) -> frozenset[str]:
        """The question's own terms less how it asks (ASKING_TERMS) and its function words
        (FUNCTION_TERMS): what it is about, read once per question rather than per sentence."""
        return self.terms - ASKING_TERMS - FUNCTION_TERMS

    @cached_property
    def premise_terms(self) -> frozenset[str]:
        """The content terms of the premise the question states before it asks (`stated_premise`)."""
        return _content_terms(self.premise.premise) if self.premise else frozenset()

    @cached_property
    def asking_terms(self) -> frozenset[str]:
        """The content terms of what a question stating a premise asks, less the premise's own."""
        return _content_terms(self.premise.asks) - self.premise_terms if self.premise else frozenset()

    @cached_property
    def asking_type(self) -> AnswerType | None:
        """The answer type of what a question stating a premise asks ("when…?" a date)."""
        return expected_type(self.premise.asks) if self.premise else None

    @cached_property
    def asking_name(self) -> bool:
        """Whether what a question stating a premise asks is a name ("who…?")."""
        return self.premise is not None and asks_for_name(self.premise.asks)


def _content_terms(text: str) -> frozenset[str]:
    return terms_of(text) - ASKING_TERMS - FUNCTION_TERMS


@dataclass(frozen=True)
class ComposeRequest:
    """What one `compose` call reads of the question and its ranking (what it reads of the loaded
    index is `Sources`, of the configuration `Settings`)."""

    question: str  # as the engine read it: the answer is composed for this
    query: str  # the question with its history, as the ranking read it
    vector: np.ndarray  # the sentence query (service.sentences.sentence_query)
    ranked: Ranked
    top_k: int
    # The question's own word-piece vectors (without its history), for choosing the lead sentence
    # by late interaction; None leaves that out.
    tokens: np.ndarray | None = None
    # The request's filters: a unit composing adds beside the ranked ones (a source question's
    # claim passage) must pass them too.
    admits: Callable[[Unit], bool] = NO_FILTERS.admits
    repeated: Collection[Quoted] = ()  # the sentences a follow-up's earlier answers quoted (service.repeats)
    # The question without the words that only name a section it names (service.headings), whose
    # terms choose the sentences; None: the question's own.
    about: str | None = None
    # Units a follow-up's lead may also come from, scored as the results are (the last lead's
    # neighbourhood: service.repeats.asked_lead); a unit of them the answer leads with comes first
    # among the results.
    beside: Sequence[int] = ()
    # The terms a follow-up's pronoun was read as (service.antecedents): a sentence writing "he" or
    # "his" in a unit naming the person holds them (`_pronouns_read`).
    borrowed: frozenset[str] = frozenset()
    # The sentence the last answer led with, when the follow-up asks what came after it or only a
    # value of it or whoever did it (service.repeats.next_lead, service.repeats.restated_lead).
    followed: Quoted | None = None
    # The question is read with earlier turns, quoted sentences passed or not; a lower result's
    # sentence takes a follow-up's lead only by words of the turn's own (`_lead_elsewhere`).
    follows: bool = False


def compose(request: ComposeRequest, sources: Sources, settings: Settings) -> Answer:
    """The top `request.top_k` results with their highlights and the verbatim answer, or an
    abstention; what each part of the request does is told at its field (`ComposeRequest`)."""
    if request.ranked.best_dense < settings.abstain_threshold or len(request.ranked.units) == 0:
        return Answer(request.question, True, (), ())
    asked = _asked(request)
    ranked = _ranked_for_answer(request, asked, sources)
    question, vector, top_k, admits = request.question, request.vector, request.top_k, request.admits
    beside, followed = request.beside, request.followed
    # Sentences are matched on the question's own terms: a follow-up's history finds the unit,
    # but the sentence that answers "What else did they complain of?" is not the one that
    # restates the earlier question.
    terms = set(asked.terms)
    results: list[Result] = []
    pool: list[tuple[Unit, list[ScoredSentence]]] = []
    shown_pool: list[tuple[Unit, list[ScoredSentence]]] = []  # every result's, for a comparison's other side

    def scored_of(index: int) -> list[ScoredSentence]:
        stems = _pronouns_read(index, request.borrowed, sources) if request.borrowed else sources.sentence_terms
        return score_sentences(sources.sentences, index, vector, terms, stems, LEXICAL_WEIGHT)

    for rank in range(1, min(top_k, len(ranked.units)) + 1):
        index, score = int(ranked.units[rank - 1]), float(ranked.scores[rank - 1])
        unit = sources.units[index]
        scored = scored_of(index)
        chosen = pick_highlights(scored, HIGHLIGHT_MARGIN, MAX_HIGHLIGHTS)
        results.append(_result(rank, unit, score, ranked, rank - 1, chosen, sources))
        shown_pool.append((unit, scored))
        if rank <= ANSWER_UNITS:
            pool.append((unit, scored))
    # The neighbourhood is scored only when a follow-up's lead may give way to it, once
    # (service.repeats.asked_lead, service.repeats.cited_note_lead).
    near = _scored_once(lambda: [(sources.units[i], scored_of(i)) for i in beside if admits(sources.units[i])])
    if not asked.repeated:
        near = _scored_once(list)
    read_on = _read_on(followed, beside, sources, admits) if followed is not None and asked.repeated else ()
    # A source question's claim is matched on what it says of the claim, not on its asking words.
    claim_terms = set(tokenize([claim_asked(question)])[0]) if asked.source else terms
    named = source_named(question) if asked.source else NOTHING_NAMED  # which entry of a note is meant
    claimed = _claimed(ranked, results, top_k, vector, claim_terms, named, sources, admits) if asked.source else None
    if claimed is not None:
        answer, shown = claimed
    else:
        sequel = [(sources.units[i], scored_of(i)) for i in read_on]
        span = followed.span if followed is not None else None
        candidates = _chosen_sentences(pool, asked, sources, settings.abstain_threshold, near, sequel, span)
        if asked.source:
            answer = _lead_and_its_notes(candidates, vector, claim_terms, named, sources)
        else:
            candidates = _both_sides_first(candidates, asked, sources)
            answer = _quoted(_other_side(candidates, shown_pool, asked, sources), sources)
        if candidates and all(r.hit.unit.id != candidates[0][1].id for r in results):  # led from `beside`
            unit = candidates[0][1]
            chosen = pick_highlights(
                scored_of(next(i for i in (*beside, *read_on) if sources.units[i] is unit)),
                HIGHLIGHT_MARGIN,
                MAX_HIGHLIGHTS,
            )
            results = [_result(1, unit, results[0].hit.score, ranked, None, chosen, sources), *results][:top_k]
        shown = lead_first(results, candidates[0][1].id) if asked.repeated and candidates else tuple(results)
    return Answer(question, False, answer, highlight_quoted(shown, answer))


def _scored_once(
    score: Callable[[], list[tuple[Unit, list[ScoredSentence]]]],
) -> Callable[[], list[tuple[Unit, list[ScoredSentence]]]]:
    """`score`, called at most once: the last lead's neighbourhood is scored when a follow-up's
    lead first reads it, and read again from there."""
    kept: list[list[tuple[Unit, list[ScoredSentence]]]] = []

    def scored() -> list[tuple[Unit, list[ScoredSentence]]]:
        if not kept:
            kept.append(score())
        return kept[0]

    return scored


def _asked(request: ComposeRequest) -> _Asked:
    """What the request's question asks for, read once for composing its answer."""
    question, about = request.question, request.about
    return _Asked(
        question,
        expected_type(question),
        asks_for_source(question),
        frozenset(tokenize([question if about is None else about])[0]),
        request.tokens,
        defined_term(question),
        asks_for_name(question),
        frozenset(request.repeated) if not asks_for_source(question) else frozenset(),
        asked_places(question),
        asked_kind(question),
        compared(question),
        asked_agent(question),
        quoted_phrases(question if about is None else about),  # a section's quoted title names no words
        request.borrowed,
        request.follows,
        stated_premise(question) or _fronted(question) or embedded_premise(question, why=READS_WHY_PREMISE),
    )


def _fronted(question: str) -> StatedPremise | None:
    return fronted_premise(question) if READS_FRONTED_PREMISE else None


def _ranked_for_answer(request: ComposeRequest, asked: _Asked, sources: Sources) -> Ranked:
    """The request's ranking as the answer reads it: for a question not about sources, results
    that are references only, or whose match rests on a reference entry, moved down
    (REFERENCE_DEMOTION); for a definition question, the first unit defining its term moved
    within the units the answer quotes."""
    ranked = request.ranked
    if not asked.source:
        # Whether a cited title made a result rank is judged on the words the ranking read: a
        # follow-up's history with it ("Where?" after "When did Mullah Omar die?" finds a note
        # citing "Mullah Omar died in Karachi …" through its history alone).
        read = frozenset(tokenize([request.query])[0])
        speaker = _speaker_terms(request.question)
        flagged = sources.all_references[ranked.units] | _reference_led(ranked, read, sources, speaker)
        ranked = demote(ranked, flagged, REFERENCE_DEMOTION)
    if asked.defined is not None:
        ranked = _definition_within_reach(ranked, asked.defined, sources)
    return ranked


def led_by_the_answer(answer: Answer) -> Answer:
    """The answer with the result its first sentence comes from shown first, the others in
    their order, each position keeping its score: the first rank's probability goes with the
    result a reader meets first, as for a source answer (source_answer.lead_with_claim). The
    lead is chosen among the sentences of the first ANSWER_UNITS results, and now and then
    from a lower one than the first ("What does TTP stand for?": the passage spelling the name
    out, third, under two that only use it). Applied last, after the verdict, so that what it
    reads of the first result is unchanged (docs/tuning.md, "The results lead with the answer's
    unit", session 23)."""
    if answer.abstained or not answer.sentences or not answer.results:
        return answer
    if answer.results[0].hit.unit.id == answer.sentences[0].unit_id:
        return answer
    shown = lead_first(answer.results, answer.sentences[0].unit_id)
    scores = [r.hit.score for r in answer.results]
    results = tuple(replace(r, hit=replace(r.hit, score=score)) for r, score in zip(shown, scores, strict=True))
    return replace(answer, results=results)


def highlight_quoted(results: Sequence[Result], answer: Sequence[AnswerSentence]) -> tuple[Result, ...]:
    """Each quoted sentence highlighted in the result it comes from as well: the answer may
    quote a sentence its unit's own highlights leave out (a second sentence, a defining one, a
    note's own sentences), and a reader checks a quote against its source by its highlight.
    Every answer that quotes results finishes with this (here, service.note_answer)."""
    quoted: dict[str, set[tuple[int, int]]] = {}
    for sentence in answer:
        quoted.setdefault(sentence.unit_id, set()).add(sentence.span)
    return tuple(
        replace(r, highlights=tuple(sorted(set(r.highlights) | quoted[r.hit.unit.id])))
        if r.hit.unit.id in quoted
        else r
        for r in results
    )


def _claimed(
    ranked: Ranked,
    results: list[Result],
    top_k: int,
    vector: np.ndarray,
    terms: set[str],
    named: SourceNamed,
    sources: Sources,
    admits: Callable[[Unit], bool],
) -> tuple[tuple[AnswerSentence, ...], tuple[Result, ...]] | None:
    """A source question's answer (service.source_answer): the reference entries of the notes the
    claim cites, then the claim's sentence with its footnote numbers (a claim naming its source in
    its words first when no note's entry names it: source_answer.claim_answer); the results lead
    with the units quoted, in the answer's order."""
    claim = find_claim(ranked.units, vector, terms, sources, LEXICAL_WEIGHT, admits, named)
    if claim is None:
        return None
    lead = _shown(claim.unit_index, results, ranked, sources)
    cited = [i for i in claim.notes if i != claim.unit_index and admits(sources.units[i])]  # not a note's own claim
    notes = [_shown(index, results, ranked, sources) for index in cited]
    answer = claim_answer(claim, vector, terms, sources, LEXICAL_WEIGHT, ANSWER_SENTENCES, named)
    return answer, lead_with_claim(results, claim, lead, notes[:NOTE_SENTENCES], answer, top_k)


def _shown(index: int, results: Sequence[Result], ranked: Ranked, sources: Sources) -> Result:
    """Unit `index`'s result: as ranked among `results`, else built to be shown although not
    ranked that high (a claim's passage found through its footnote, a note its claim cites)."""
    unit = sources.units[index]
    found = next((r for r in results if r.hit.unit.id == unit.id), None)
    if found is not None:
        return found
    position = np.flatnonzero(ranked.units == index)
    return _result(0, unit, 0.0, ranked, int(position[0]) if len(position) else None, [], sources)


def demote(ranked: Ranked, flagged: np.ndarray, factor: float) -> Ranked:
    """Multiply the fused score of the `flagged` candidates by `factor` and re-sort (stable)."""
    if not flagged.any():
        return ranked
    scores = np.where(flagged, ranked.scores * factor, ranked.scores)
    order = np.argsort(-scores, kind="stable")
    return Ranked(ranked.units[order], scores[order], ranked.dense[order], ranked.lexical[order])


def _definition_within_reach(ranked: Ranked, term: str, sources: Sources) -> Ranked:
    """The ranking with the first unit that defines the asked term, found within the first
    DEFINITION_DEPTH, moved up to the last unit the answer quotes (ANSWER_UNITS) when none above
    that defines it: "What is the TTP?" names a group that a dozen passages mention, and the one
    that spells its name out ranks by how often the rest repeat it, not by what it says."""
    for position, unit in enumerate(ranked.units[:DEFINITION_DEPTH]):
        text = sources.units[int(unit)].text
        if any(defines(term, text[start:end]) for start, end in sources.sentences.spans_of(int(unit))):
            return ranked if position < ANSWER_UNITS else _moved(ranked, position, ANSWER_UNITS - 1)
    return ranked


def _moved(ranked: Ranked, source: int, target: int) -> Ranked:
    """The ranking with the candidate at `source` moved up to `target`; each position keeps its
    fused score, so scores still fall down the ranking (and the calibrated score is by rank)."""
    order = np.arange(len(ranked.units))
    order = np.concatenate([order[:target], [source], np.delete(order[target:], source - target)])
    return Ranked(ranked.units[order], ranked.scores, ranked.dense[order], ranked.lexical[order])


def _reference_led(
    ranked: Ranked, terms: frozenset[str], sources: Sources, speaker: frozenset[str] = frozenset()
) -> np.ndarray:
    """Per ranked candidate (the first REFERENCE_LED_DEPTH), whether its match rests on its
    reference entries: one holds more of `terms` (what the ranking read) than any of its
    claims, or as many while holding a term that none of its claims holds. A footnote that matches
    because a cited title echoes the question, though it also states something ("Who became
    the Taliban's new chief …?": a note on Mansour's properties citing "Court seizes slain
    Taliban chief's properties"); docs/retrieval.md, "The answer". An entry naming the whole
    `speaker` a "What does X say about Y?" question asks about is not counted on X's words: it
    cites X ("\"Twelfth report of the … Monitoring Team\"" for "What does the UN monitoring team
    say about the TTP?"), and the note's claim is what X said; an entry holding only a word of X
    ("Pakistan" of "Pakistan's foreign ministry") is counted as any title is."""
    flagged = np.zeros(len(ranked.units), dtype=bool)
    for position, unit in enumerate(ranked.units[:REFERENCE_LED_DEPTH]):
        best_reference, best_claim = 0, 0
        in_references: set[str] = set()
        in_claims: set[str] = set()
        for row in sources.sentences.of_unit(int(unit)):
            written = sources.sentence_terms.get(row, frozenset())
            cites_speaker = bool(speaker) and sources.reference[row] and speaker <= written
            held_terms = (terms - speaker if cites_speaker else terms) & written
            held = len(held_terms)
            if sources.reference[row]:
                best_reference = max(best_reference, held)
                in_references |= held_terms
            else:
                best_claim = max(best_claim, held)
                in_claims |= held_terms
        flagged[position] = best_reference > best_claim or (
            best_reference == best_claim > 0 and bool(in_references - in_claims)
        )
    return flagged


def _speaker_terms(question: str) -> frozenset[str]:
    """The terms naming who speaks in "What does X say about Y?" (service.said_about); none for
    other questions."""
    said = read_said_about(question)
    return said.speaker if said is not None else frozenset()


def _chosen_sentences(
    pool: list[tuple[Unit, list[ScoredSentence]]],
    asked: _Asked,
    sources: Sources,
    floor_score: float,
    near: Callable[[], list[tuple[Unit, list[ScoredSentence]]]] = list,
    sequel: Sequence[tuple[Unit, list[ScoredSentence]]] = (),
    span: tuple[int, int] | None = None,
) -> list[tuple[ScoredSentence, Unit]]:
    """The answer's candidate sentences in order: the lead from the first result that offers any
    (the fused, re-ranked order judges which unit answers better than one sentence's score),
    then the best of the others when close to the best of them all: a weak sentence is left
    out, not padded in. `sequel`: the last answer's lead unit and the passage after it, and
    `span` that lead's, when the follow-up asks what came after it (service.repeats.next_lead)."""
    offered = [(unit, _candidates(unit, scored, asked, sources)) for unit, scored in pool]
    offered = [(unit, sentences) for unit, sentences in offered if sentences]
    if not offered:
        return []
    # Read on demand: `near` is the neighbourhood `asked_lead` turns to last, if at all.
    beside = ((unit, sentences) for unit, scored in near() if (sentences := _candidates(unit, scored, asked, sources)))
    lead_unit, lead_sentences = _lead_unit(offered, asked, sources)
    lead = _best_lead(lead_sentences, asked, sources)
    # A lower result's sentence may take the lead (of a passage, or from a note); a follow-up's only
    # by words of its own the lead lacks (`_lead_elsewhere`).
    elsewhere = _clearer_lower_lead if lead_unit.kind == "passage" else _passage_over_note
    lead_unit, lead_sentences, lead = elsewhere(offered, (lead_unit, lead_sentences, lead), asked, sources)
    demoted: list[tuple[ScoredSentence, Unit]] = []

    def asked_words(sentence: ScoredSentence) -> int:
        return _asked_words(sentence, asked, sources)

    read_on = [(unit, _candidates(unit, scored, asked, sources)) for unit, scored in sequel]
    after = read_on[1] if len(read_on) > 1 else None
    moved = None
    if span and read_on and restates_lead(asked.question):  # "When was that?", "Who led it?": of the last lead
        moved = restated_lead(read_on[0], span, lambda s: _tells_asked(asked, read_on[0][0], s))
    elif span and read_on:  # what came after the last lead is what the report writes next
        moved = next_lead(read_on[0], span, after, asked.repeated, _placed_in_time)
    follows = moved is not None
    if moved is None:
        moved = new_lead(offered, lead_unit, lead, asked.repeated, ANSWER_MARGIN, asked_words)
    # "Who drew it?" led by a sentence naming whoever did it: the turn's one verb ("drew closer to
    # New Delhi" in the next passage) tells no sentence apart.
    if moved is None and asked.repeated and not _names_whoever_did_it(asked, lead_unit, lead):
        moved = _valued(asked, asked_lead(offered, lead_unit, lead, asked.repeated, ANSWER_MARGIN, asked_words, beside))
    if moved is None and asked.repeated:  # the turn's own words choose the sentence of the passage its history found
        own = _without_borrowed(asked)
        moved = own_words_lead(
            (lead_unit, lead_sentences), lead, asked.repeated, lambda s: _asked_words(s, own, sources)
        )
    if moved is None and asked.repeated:  # what a note the last lead's passage cites adds (service.repeats)
        notes = (
            (unit, sentences)
            for unit, scored in near()
            if unit.kind == "footnote" and (sentences := _candidates(unit, scored, asked, sources))
        )
        noted = _without_borrowed(asked)
        moved = _valued(
            asked,
            cited_note_lead(
                notes, lead, asked.repeated, ANSWER_MARGIN, lambda s: _asked_words(s, noted, sources, entries=True)
            ),
        )
    # A follow-up's lead quoted before, or chosen on its history's words alone: another leads (service.repeats).
    if moved is not None:
        demoted = [(lead, lead_unit)]
        lead_unit, lead_sentences, new = moved
        # The sentences the history offers are chosen on its words; the month the turn names
        # is read over the whole unit (`_of_the_asked_month`).
        lead = _of_the_asked_month(_best_lead(new, asked, sources), lead_sentences, asked, sources)
    typed = _typed_lead(offered, lead, lead_unit, asked, sources) if moved is None else None
    if typed is None and moved is None:
        typed = _valued_lead(offered, lead, lead_unit, asked, sources)
    if typed is not None:  # the lead does not hold what the question asks for, and another sentence does
        demoted = [(lead, lead_unit)]
        lead, lead_unit = typed
        lead_sentences = next(sentences for unit, sentences in offered if unit is lead_unit)
    chosen = [(s, lead_unit) for s in _lead(lead, lead_sentences, lead_unit, asked, sources)] + demoted
    if follows:  # what came next leads, though it leans on the sentence before it ("Since then, …")
        chosen = [(lead, lead_unit), *(pair for pair in chosen if pair[0] is not lead)]
    rest = sorted(((s, unit) for unit, sentences in offered for s in sentences), key=lambda pair: -pair[0].score)
    floor = max(floor_score, rest[0][0].score - ANSWER_MARGIN)
    quoted = chosen + [(s, unit) for s, unit in rest if s.score >= floor]
    answer = chosen + _runner_up(quoted, lead_unit, lead_sentences, asked, sources) + quoted[len(chosen) :]
    return answer + _lower_results(answer, offered, asked)


def _runner_up(
    quoted: list[tuple[ScoredSentence, Unit]],
    lead_unit: Unit,
    lead_sentences: list[ScoredSentence],
    asked: _Asked,
    sources: Sources,
) -> list[tuple[ScoredSentence, Unit]]:
    """The lead unit's next best sentence (as `_best_lead` weighs them), quoted after the lead
    (and what `_lead` quotes with it) when no other sentence of its unit would be among the
    answer's first ANSWER_SENTENCES of `quoted`. A long passage holds several sentences sharing the
    question's words; the one naming the topic ("The TTP waged a horrific campaign …") often
    leads, and the one answering about it, its subject a pronoun ("It will be inspired to step
    up attacks in Pakistan."), or the one a pointing lead stands on (the process "That process
    still exists, …" names), is its unit's runner-up, while the other results' sentences,
    chosen by their own scores (a name's bonus, the topic's words), filled the answer's other
    places or set its floor above it (docs/tuning.md, session 35). Not for a date, quantity or comparison question
    (another result's sentence may hold the value or the other side, and the verdict reads
    every quoted sentence for a count), a question asking who a role is (another result names
    the holder: service.holders), nor a source question (its answer is the claim and its
    notes)."""
    if asked.wanted is not None or asked.compared is not None or asked.source or asks_who_the_role_is(asked.question):
        return []
    first: list[tuple[ScoredSentence, Unit]] = []
    for sentence, unit in quoted:  # the sentences the answer quotes, each once
        if all(sentence.row != other.row for other, _ in first):
            first.append((sentence, unit))
    if sum(unit is lead_unit for _, unit in first[:ANSWER_SENTENCES]) > 1:
        return []
    taken = {sentence.row for sentence, _ in first[:ANSWER_SENTENCES]}
    left = [s for s in lead_sentences if s.row not in taken]
    if not left:
        return []
    return [(_best_lead(left, asked, sources), lead_unit)]


def _lower_results(
    answer: list[tuple[ScoredSentence, Unit]],
    offered: list[tuple[Unit, list[ScoredSentence]]],
    asked: _Asked,
) -> list[tuple[ScoredSentence, Unit]]:
    """For the places the answer's first ANSWER_SENTENCES leave empty, the best sentence of each
    result it does not quote yet, when that sentence holds LOWER_RESULT_SHARE of the question's
    terms and scores within LOWER_RESULT_MARGIN of the best candidate. The answer's floor
    (ANSWER_MARGIN under the best) is set by the lead's own bonuses: a "Who …?" lead naming
    someone, or a follow-up's lead, leaves out a lower result that answers as well (note 19
    stating Khalilzad's appointment under a lead on his 2018 visit). Most sentences of lower
    results that clear the floor only by score share the topic and answer nothing, and a reader
    takes them as part of the answer: the share of the question's own words keeps those out
    (docs/tuning.md, session 36). Not for a date or quantity question (the verdict reads every
    quoted sentence for the asked event: "When did Pakistan leave the extended troika?" must
    still abstain, not stand on a lower result's "… to leave Afghanistan …"), a comparison
    (`_other_side` quotes its other side) or a source question."""
    if asked.wanted is not None or asked.compared is not None or asked.source:
        return []
    first: list[tuple[ScoredSentence, Unit]] = []
    for sentence, unit in answer:
        if all(sentence.row != other.row for other, _ in first):
            first.append((sentence, unit))
    empty = ANSWER_SENTENCES - len(first[:ANSWER_SENTENCES])
    if empty <= 0:
        return []
    quoted_units = {unit.id for _, unit in first}
    floor = max(s.score for _, sentences in offered for s in sentences) - LOWER_RESULT_MARGIN
    best = [(max(sentences, key=lambda s: s.score), unit) for unit, sentences in offered if unit.id not in quoted_units]
    kept = [pair for pair in best if pair[0].score >= floor and pair[0].overlap >= LOWER_RESULT_SHARE]
    return sorted(kept, key=lambda pair: -pair[0].score)[:empty]


def _passage_over_note(
    offered: list[tuple[Unit, list[ScoredSentence]]], current: _LeadChoice, asked: _Asked, sources: Sources
) -> _LeadChoice:
    """`current` (the lead's unit, its sentences, the lead), or, when it comes from a note, the
    best sentence of a passage among the answer's results that outscores it as a lead
    (`_lead_score`), holds as large a share of the question's rarer words (`_rare_share`) and
    writes every name of the question the note's lead writes (`_names_held`: "Following the 1989
    Soviet withdrawal …" dates another war than "the U.S. war" asked, as `_valued_lead` reads
    it). A note ranks first by what it shares with the question across all its sentences, its
    reference entries and asides among them ("The expert added: …" for "Did Pakistan back the
    Taliban?"), while the passage ranked beside it states the answer in one sentence ("Pakistan
    has backed the Taliban from their earliest days."). Only a note gives way: letting any first
    result give way to a lower one's better sentence lost more leads than it won (docs/tuning.md,
    session 29). Not for a question that chooses its unit by what it asks (a source, a
    definition, a quoted phrase)."""
    if current[0].kind != "footnote" or asked.source or asked.defined is not None or asked.quoted:
        return current
    return _lead_elsewhere(offered, current, asked, sources, lambda unit, _: unit.kind == "passage")


def _clearer_lower_lead(
    offered: list[tuple[Unit, list[ScoredSentence]]], current: _LeadChoice, asked: _Asked, sources: Sources
) -> _LeadChoice:
    """`current` (the lead of a passage ranked first, its unit and sentences), or the best
    sentence of a lower result that answers clearly better: its own score (cosine, share of the
    question's words, the bonuses for what is asked) higher by CLEARER_BY, its `_lead_score`
    higher, as large a share of the question's rarer words (`_rare_share`) and every name of the
    question the lead writes (`_names_held`).
    A passage ranks first by its whole paragraph; when another result's one sentence states the
    point that much more closely ("Pakistan has supported the Afghan peace process, largely
    because …" below "Should the Afghan peace process … fail, Islamabad's relations … would …"),
    the sentence answers. Without the margin and the rarer-words guard, letting a passage give
    way lost more leads than it won (docs/tuning.md, sessions 23 and 29). Not for a "Why …?"
    question (its reason is worded apart from the event it explains, as `_best_lead` reads it),
    nor for a sentence leaning on the one before it ("It is in Pakistan's interest to do so.",
    "For this reason, …") or opening a quote ("As a study … noted:"), nor when the lead hands the
    lead to the sentence beside it (`_lead`: "Islamabad was one of only three countries …" sets up
    "Islamabad helped reconstitute the group after U.S. forces overthrew them …"); nor for a
    question that chooses its unit by what it asks (a source, a definition, a quoted phrase)."""
    lead_unit, lead_sentences, lead = current
    if asked.source or asked.defined is not None or asked.quoted or _ASKS_WHY.match(asked.question):
        return current
    if _lead(lead, lead_sentences, lead_unit, asked, sources)[0] is not lead:  # it sets up the sentence beside it
        return current
    return _lead_elsewhere(
        offered,
        current,
        asked,
        sources,
        lambda unit, candidate: candidate.score > lead.score + CLEARER_BY and _stands_alone(unit.text_of(candidate)),
    )


def _lead_elsewhere(
    offered: list[tuple[Unit, list[ScoredSentence]]],
    current: _LeadChoice,
    asked: _Asked,
    sources: Sources,
    eligible: Callable[[Unit, ScoredSentence], bool],
) -> _LeadChoice:
    """`current` (the lead's unit, its sentences, the lead), or the best sentence of another
    offered unit that `eligible` admits and that scores higher as a lead (`_lead_score`) and
    answers as closely (`_as_close`: as large a share of the question's rarer words and every
    name of the question the lead writes): the test `_passage_over_note` and
    `_clearer_lower_lead` share, each admitting its own units. A follow-up's lead gives way only
    to a sentence that also states the turn's own words beyond it (`_states_more_of_the_turn`)."""
    lead_unit, _, lead = current
    bar = _lead_score(lead, asked, sources)
    best = current
    follow_up = asked.follows or bool(asked.repeated)
    for unit, sentences in offered:
        if unit is lead_unit:
            continue
        candidate = _best_lead(sentences, asked, sources)
        score = _lead_score(candidate, asked, sources)
        if (
            score > bar
            and _as_close(candidate, unit, lead, lead_unit, asked, sources)
            and eligible(unit, candidate)
            and (not follow_up or _states_more_of_the_turn(candidate, lead, asked, sources))
        ):
            bar, best = score, (unit, sentences, candidate)
    return best


def _states_more_of_the_turn(sentence: ScoredSentence, lead: ScoredSentence, asked: _Asked, sources: Sources) -> bool:
    """Whether a lower result's sentence holds OWN_WORDS_BEYOND_LEAD or more of a follow-up's own
    content terms that its lead lacks (a pronoun's borrowed name left out), and a larger share of
    its rarer words (`_rare_share`). A follow-up's history finds its first result, often the
    passage the last answer quoted, and the lead is that passage's best sentence; when the turn
    asks, in words of its own, what a note or passage below states ("What did its foreign
    minister say about being guarantors?" after a former ambassador's words: the cited note's
    "Foreign Minister Qureshi said: \"We cannot be guarantors, …\""), that sentence answers. With the
    rarer share alone, "Had he been there before?" and "Who was he negotiating with in 2017?" lost
    the leads their history found to sentences of other visits and other talks; with one word
    beyond the lead, the first still did (docs/tuning.md, session 33)."""
    own = asked.content_terms - asked.borrowed
    held = sources.sentence_terms.get(sentence.row, frozenset()) & own
    led = sources.sentence_terms.get(lead.row, frozenset()) & own
    return len(held - led) >= OWN_WORDS_BEYOND_LEAD and _rare_share(sentence, asked, sources) > _rare_share(
        lead, asked, sources
    )


def _stands_alone(text: str) -> bool:
    """Whether a sentence says its point without the one before it, or the quote after it."""
    return not (leans_on_previous(text) or points_back(text) or text.rstrip().endswith(":"))


def _lead_score(sentence: ScoredSentence, asked: _Asked, sources: Sources) -> float:
    """A sentence's score as `_best_lead` weighs it within its unit: raised by LATE_WEIGHT times
    its own MaxSim to the question, except for a date or quantity question (its type bonus
    chooses) or when the word pieces are not at hand."""
    if asked.tokens is None or sources.pieces is None or asked.wanted is not None:
        return sentence.score
    spans, vectors = sources.pieces(sentence.unit_index)
    late = late_scores(asked.tokens, spans, vectors, [(sentence.start, sentence.end)])
    return sentence.score + LATE_WEIGHT * float(late[0])


def _pronouns_read(index: int, borrowed: frozenset[str], sources: Sources) -> Mapping[int, frozenset[str]]:
    """The terms of the unit's sentences, those writing "he", "his", "she" or "her" holding the
    name a follow-up's pronoun was read as (`borrowed`) when the unit names that person: a
    report names a person once and then writes "he", so "What did he do in Kabul?" read as "What
    did Hameed do in Kabul?" is answered by "… just a few days after his arrival in Kabul, …",
    not by the sentence beside it holding the name ("Hameed has mediated …": docs/tuning.md,
    session 25)."""
    rows = sources.sentences.of_unit(index)
    held = {row: sources.sentence_terms.get(row, frozenset()) for row in rows}
    if not borrowed <= frozenset().union(*held.values()):
        return held
    text = sources.units[index].text
    spans = sources.sentences.spans
    return {
        row: terms | borrowed if writes_personal_pronoun(text[int(spans[row][0]) : int(spans[row][1])]) else terms
        for row, terms in held.items()
    }


def _candidates(unit: Unit, scored: list[ScoredSentence], asked: _Asked, sources: Sources) -> list[ScoredSentence]:
    """The unit's sentences that may answer, each scored with the bonuses for what is asked."""
    return [_adjusted(s, unit, asked, sources) for s in scored if _eligible(s, unit, asked, sources)]


def _read_on(followed: Quoted, beside: Sequence[int], sources: Sources, admits: Callable[[Unit], bool]) -> list[int]:
    """Where a follow-up asking what came after the last answer's lead (`followed`) reads on:
    that lead's unit and the passage after it (the first of its neighbourhood, `beside`, when a
    passage), within the request's filters."""
    index = sources.by_id.get(followed.unit_id)
    if index is None:
        return []
    after = [beside[0]] if beside and sources.units[beside[0]].kind == "passage" else []
    return [i for i in (index, *after) if admits(sources.units[i])]


def _holds_kind(kind: AskedKind, unit: Unit, sentence: ScoredSentence, question: str) -> bool:
    """Whether a sentence of `unit` holds what the question asks for by its noun
    (answer_type.asked_kind): an office written beside the asked name, or said of them as the
    subject, by name or by the pronoun opening the sentence (`states_office`)."""
    text = unit.text_of(sentence)
    if kind.office_of:
        return writes_office(text, kind.office_of, is_post, question) or states_office(
            text, unit.text[: sentence.start], kind.office_of, is_post, question
        )
    if kind.noun:
        return names_the_kind(kind.noun, text, question)
    return names_beyond(kind.aside, text, question)


def _typed_lead(
    offered: list[tuple[Unit, list[ScoredSentence]]],
    lead: ScoredSentence,
    lead_unit: Unit,
    asked: _Asked,
    sources: Sources,
) -> tuple[ScoredSentence, Unit] | None:
    """A sentence holding what the question asks for by its noun (an office beside the asked
    name, a name with the asked noun, something besides what it sets aside), when the lead does
    not: the lead unit's best such sentence, else the first later result's that is close enough
    to be quoted at all (within ANSWER_MARGIN of the lead) or that answers as closely
    (`_as_close`). None when the lead holds it or no sentence does (docs/retrieval.md, "A lead
    that holds what is asked")."""
    kind = asked.kind  # a source question's answer is its note (service.source_answer), whatever it names
    if kind is None or asked.source or _holds_kind(kind, lead_unit, lead, asked.question):
        return None
    for unit, sentences in offered:
        holding = [
            s
            for s in sentences
            if _holds_kind(kind, unit, s, asked.question)
            and (
                unit is lead_unit
                or s.score >= lead.score - ANSWER_MARGIN
                or _as_close(s, unit, lead, lead_unit, asked, sources)
            )
        ]
        if holding:
            return max(holding, key=lambda s: s.score), unit
    return None


def _as_close(
    sentence: ScoredSentence, unit: Unit, lead: ScoredSentence, lead_unit: Unit, asked: _Asked, sources: Sources
) -> bool:
    """Whether a lower result's sentence answers the question as closely as the lead, whatever
    its score: as large a share of the question's rarer words (`_rare_share`) and every name of
    the question the lead writes (`_names_held`). A lead restating the question's words scores
    well above a sentence naming what is asked ("Violence in Afghanistan would also spill over
    into Pakistan, … Taliban gains …" above "Of particular importance to Pakistan is the Haqqani
    network, the Taliban's most … strong faction" for "Which Taliban faction is closest to
    Pakistan?"); the guard is the one a lead from elsewhere passes (`_lead_elsewhere`,
    docs/tuning.md, session 30)."""
    return _rare_share(sentence, asked, sources) >= _rare_share(lead, asked, sources) and _names_held(
        unit, sentence, asked
    ) >= _names_held(lead_unit, lead, asked)


def _valued_lead(
    offered: list[tuple[Unit, list[ScoredSentence]]],
    lead: ScoredSentence,
    lead_unit: Unit,
    asked: _Asked,
    sources: Sources,
) -> tuple[ScoredSentence, Unit] | None:
    """A date or quantity question whose lead states no value of the asked type: the first later
    result's best sentence that does, within ANSWER_MARGIN of the lead (close enough to be
    quoted at all). Within the lead unit the type bonus already chose; across units the first
    result leads, and its best sentence may only name the thing ("His release was facilitated
    …") while the next result's gives its date ("… before his 2018 release"). The sentence must
    also hold as large a share of the question's terms and every name of it the lead writes: a
    dated sentence without the asked "U.S." dates another war (docs/retrieval.md, "A lead that
    holds what is asked")."""
    if asked.wanted is None or asked.source:
        return None
    lead_sentences = next(sentences for unit, sentences in offered if unit is lead_unit)
    if any(_states_value(asked, lead_unit, s) for s in lead_sentences):
        return None  # the lead unit states one: the type bonus and the restating reading choose (`_lead`)
    for unit, sentences in offered:
        if unit is lead_unit:
            continue
        stating = [
            s
            for s in sentences
            if _states_value(asked, unit, s)
            and s.score >= lead.score - ANSWER_MARGIN
            and _share(s, asked, sources) >= _share(lead, asked, sources)
            and _names_held(unit, s, asked) >= _names_held(lead_unit, lead, asked)
        ]
        if stating:
            return max(stating, key=lambda s: s.score), unit
    return None


def _names_held(unit: Unit, sentence: ScoredSentence, asked: _Asked) -> frozenset[str]:
    """The question's capitalised names the sentence writes as words ("U.S." as "U" and "S"),
    a possessive read as the name ("Baradar's" as "Baradar")."""
    written = {POSSESSIVE_END.sub("", word) for word in WORD.findall(unit.text_of(sentence))}
    return frozenset(POSSESSIVE_END.sub("", name) for name in capitalised_names(asked.question)) & written


def _both_sides_first(
    chosen: list[tuple[ScoredSentence, Unit]], asked: _Asked, sources: Sources
) -> list[tuple[ScoredSentence, Unit]]:
    """A comparison whose lead does not hold both sides: the chosen sentences with, first, the
    best of them that does (one sentence stating the order or the measure of the two: "… was
    aborted after the Afghan presidential palace disclosed …", "around 1.4 million registered
    Afghan refugees and close to another million Afghan citizens"). The lead is chosen by score,
    and a sentence writing one side alone ("Composed of … the Quadrilateral Dialogue began in
    January 2016.") or a word of the question beside it (`_sets_up`: "… more lethal …") can
    outscore the one that compares. Only sentences close enough to be quoted at all move, never
    a reference entry, and only one holding as large a share of the question's rarer words as
    the lead (`_rare_share`): a sentence of a third event can write a word of each side ("… in
    Doha …, with the talks gaining momentum after … reconciliation" for "Which came first,
    Clinton's reconciliation speech or the Taliban's Doha office?"): docs/tuning.md, session 32."""
    comparison = asked.compared
    if comparison is None or not chosen:
        return chosen

    def holds_both(sentence: ScoredSentence) -> bool:
        return all(_side_terms(sentence, side, sources) for side in comparison.sides)

    if holds_both(chosen[0][0]):
        return chosen
    lead_share = _rare_share(chosen[0][0], asked, sources)
    both = [
        (sentence, unit)
        for sentence, unit in chosen
        if not sources.reference[sentence.row]
        and holds_both(sentence)
        and _rare_share(sentence, asked, sources) >= lead_share
    ]
    if not both:
        return chosen
    first = max(both, key=lambda pair: pair[0].score)
    return [first, *(pair for pair in chosen if pair[0].row != first[0].row)]


def _other_side(
    chosen: list[tuple[ScoredSentence, Unit]],
    shown: list[tuple[Unit, list[ScoredSentence]]],
    asked: _Asked,
    sources: Sources,
) -> list[tuple[ScoredSentence, Unit]]:
    """A comparison whose lead states one side only: the chosen sentences with, second, the best
    sentence of the results that states the other (holds its distinctive words and a value of
    the compared type), so that the user can compare. A lead holding both sides (one sentence
    that states the comparison: "… after Iran", "a month after he was appointed") or neither is
    left as it is (docs/retrieval.md, "Both sides of a comparison")."""
    comparison = asked.compared
    if comparison is None or not chosen:
        return chosen
    lead, _ = chosen[0]
    held = [_side_terms(lead, side, sources) for side in comparison.sides]
    if bool(held[0]) == bool(held[1]):
        return chosen
    other = comparison.sides[0] if not held[0] else comparison.sides[1]
    stating = [
        (len(_side_terms(s, other, sources)), s.score, s, unit)
        for unit, sentences in shown
        for s in sentences
        if s.row != lead.row
        and _eligible(s, unit, asked, sources)
        and not sources.reference[s.row]
        and _side_terms(s, other, sources)
        and any(states(wanted, unit.text_of(s), "") for wanted in comparison.wanted)
    ]
    if not stating:
        return chosen
    _, _, best, unit = max(stating, key=lambda found: (found[0], found[1]))
    rest = [(s, u) for s, u in chosen[1:] if s.row != best.row]
    return [chosen[0], (best, unit), *rest]


def _side_terms(sentence: ScoredSentence, side: frozenset[str], sources: Sources) -> frozenset[str]:
    """The terms of a compared side that the sentence holds; a term most sentences hold names
    no side ("Pakistan", "Taliban": COMMON_TERM_SHARE) when the side has rarer ones."""
    share_of = sources.term_share
    rare = frozenset(t for t in side if share_of is None or share_of(t) <= COMMON_TERM_SHARE) or side
    return rare & sources.sentence_terms.get(sentence.row, frozenset())


def _quoted(chosen: list[tuple[ScoredSentence, Unit]], sources: Sources) -> tuple[AnswerSentence, ...]:
    """Up to ANSWER_SENTENCES of the chosen sentences, each once, with the notes whose markers
    close it and the sources it names in its words."""
    answer: list[AnswerSentence] = []
    for sentence, unit in chosen:
        text = unit.text_of(sentence)
        if all(a.text != text for a in answer):
            span = (sentence.start, sentence.end)
            said = closing(unit_attributions(sources, sentence.unit_index), span)
            answer.append(AnswerSentence(text, unit.id, span, unit.footnotes_closing(span), said))
    return tuple(answer[:ANSWER_SENTENCES])


def _lead_and_its_notes(
    chosen: list[tuple[ScoredSentence, Unit]],
    vector: np.ndarray,
    terms: set[str],
    named: SourceNamed,
    sources: Sources,
) -> tuple[AnswerSentence, ...]:
    """A source question without a claim found in the head (service.source_answer): the lead
    sentence is the claim, followed only by the reference entries of the notes it cites; a
    lead citing nothing is quoted alone, saying so. Reference entries of other results are not
    its source, and quoting them would cite falsely. A lead that is itself a reference entry
    (the cited book or article is what the question asks about) is quoted alone."""
    if not chosen:
        return ()
    lead, _ = chosen[0]
    if sources.reference[lead.row]:  # of a ";"-joined list, the entry the question names
        return _quoted([(asked_entry(lead, named, sources), chosen[0][1])], sources)
    claim = claim_of(lead.unit_index, lead, sources)
    return claim_answer(claim, vector, terms, sources, LEXICAL_WEIGHT, ANSWER_SENTENCES, named)


def _lead_unit(
    offered: list[tuple[Unit, list[ScoredSentence]]], asked: _Asked, sources: Sources
) -> tuple[Unit, list[ScoredSentence]]:
    """The first result that offers a sentence leads, except for a definition question: then
    the first that defines its term, when the first result does not ("What is the Haqqani
    network?": a passage naming the network's leaders ranks above the one defining it); for a
    question quoting a phrase, the first whose sentence holds it ("Who said \"two faces of the
    same coin\"?": the words around a quote match other units as well as its own)."""
    if asked.quoted:
        holding = [pair for pair in offered if any(_quotes(asked, pair[0], s) for s in pair[1])]
        if holding:  # a passage's own words before a cited title's
            return next((pair for pair in holding if _quotes_outside_references(asked, *pair, sources)), holding[0])
    if asked.defined is None:
        return offered[0]
    return next((pair for pair in offered if any(_defines(asked, pair[0], s) for s in pair[1])), offered[0])


def _defines(asked: _Asked, unit: Unit, sentence: ScoredSentence) -> bool:
    return asked.defined is not None and defines(asked.defined, unit.text_of(sentence))


def _quotes(asked: _Asked, unit: Unit, sentence: ScoredSentence) -> int:
    """How many of the phrases the question quotes the sentence holds, word for word."""
    text = normalise(unit.text_of(sentence))
    return sum(phrase in text for phrase in asked.quoted)


def _quotes_outside_references(asked: _Asked, unit: Unit, sentences: list[ScoredSentence], sources: Sources) -> bool:
    """Whether a sentence of the unit that is no reference entry holds a quoted phrase."""
    return any(_quotes(asked, unit, s) and not sources.reference[s.row] for s in sentences)


def _best_lead(sentences: list[ScoredSentence], asked: _Asked, sources: Sources) -> ScoredSentence:
    """The lead unit's best sentence, its score raised by LATE_WEIGHT times its own MaxSim to
    the question: word-piece matches ("Prime Minister" for "prime minister") tell apart
    sentences of one unit whose pooled vectors are close. Only the choice moves: the scores
    that admit more sentences to the answer stay as they were. A date or quantity question is
    left to its type bonus: the question's own words match the sentence that names the thing
    better than the one giving its measure ("How long is the Durand Line?": docs/retrieval.md).
    A sentence holding the phrases the question quotes leads before the others: the user names
    its words. A sentence stating the month the question names leads before one dating another
    month (`_of_the_asked_month`)."""
    if asked.quoted:
        unit = sources.units[sentences[0].unit_index]
        held = max(_quotes(asked, unit, s) for s in sentences)
        if held:  # the most phrases held; among those, a passage's own words before a cited title's
            holding = (s for s in sentences if _quotes(asked, unit, s) == held)
            return max(holding, key=lambda s: (not sources.reference[s.row], s.score))
    return _of_the_asked_month(_best_by_words(sentences, asked, sources), sentences, asked, sources)


def _best_by_words(sentences: list[ScoredSentence], asked: _Asked, sources: Sources) -> ScoredSentence:
    """`_best_lead`'s choice by the sentences' scores and word pieces (its docstring)."""
    if asked.tokens is None or sources.pieces is None or asked.wanted is not None:
        return max(sentences, key=lambda s: s.score)
    spans, vectors = sources.pieces(sentences[0].unit_index)
    late = late_scores(asked.tokens, spans, vectors, [(s.start, s.end) for s in sentences])
    chosen = max(zip(sentences, late, strict=True), key=lambda pair: pair[0].score + LATE_WEIGHT * float(pair[1]))[0]
    best = max(sentences, key=lambda s: s.score)
    if best is chosen or _ASKS_WHY.match(asked.question):
        return chosen
    # The word pieces overturn the sentence's own score only for a sentence holding as much of
    # the question's rarer words: a neighbour sharing its common ones ("Pakistan's foreign
    # ministry said …") can match its pieces better than the one holding what it asks about
    # ("… take action against 'terrorist camps' …"). Not for a "Why …?" question: the reason
    # is worded apart from the event it explains (docs/tuning.md, session 23).
    if _rare_share(best, asked, sources) > _rare_share(chosen, asked, sources):
        return best
    return chosen


def _of_the_asked_month(
    chosen: ScoredSentence, sentences: list[ScoredSentence], asked: _Asked, sources: Sources
) -> ScoredSentence:
    """The sentence stating the month and year the question names, when `chosen` dates only
    other months and another sentence of the unit states that one ("What did President Biden
    decide …, in April 2021?": "But in January 2021, when President Joe Biden took over …"
    holds more of its words than "Biden's decision, announced on 14 April 2021, …"). A date
    the question names places what it asks about; a sentence dating another month tells another
    event, however many words it shares. A reference entry's date is when a work came out, and
    is not read; the sentence taking the lead states the month with its year (docs/tuning.md,
    session 33)."""
    named = [value for value in date_values(asked.question) if value.year is not None and value.day is None]
    if len(named) != 1:
        return chosen
    month = named[0]
    chosen_dates = date_values(sources.text_of(chosen))
    # A day written without its year ("At a 16 June congressional hearing, …") may be of the
    # asked year: only a month that cannot be the asked one makes the lead another event's.
    if not chosen_dates or any(
        value.month == month.month and value.year in (None, month.year) for value in chosen_dates
    ):
        return chosen
    stating = [
        s
        for s in sentences
        if not sources.reference[s.row] and any(month.within(value) for value in date_values(sources.text_of(s)))
    ]
    return max(stating, key=lambda s: s.score) if stating else chosen


def _writes_titled_surname(sentence: ScoredSentence, asked: _Asked, sources: Sources) -> bool:
    """Whether the sentence writes alone a surname the corpus titles elsewhere (`Sources.titled`:
    "Bajwa" of "army chief Bajwa"), one the question does not hold. A capitalised word alone is
    as often no one's name ("Soviet withdrawal", "Afghan government"): the corpus's titles tell a
    person's. A surname right after a word of the question is the asked person's ("peace envoy
    Khalilzad" for "Who did their envoy join?"), not someone new (docs/tuning.md, session 28).
    It gains TITLED_NAME_BONUS in the answer's scores (`_adjusted`, session 33)."""
    if not sources.titled:
        return False
    text = sources.text_of(sentence)
    asked_words = {POSSESSIVE_END.sub("", word).lower() for word in WORD.findall(asked.question)}
    words = [POSSESSIVE_END.sub("", word) for word in WORD.findall(text)]
    return any(
        word in sources.titled
        and word.lower() not in asked_words
        and (at == 0 or words[at - 1].lower() not in asked_words)
        for at, word in enumerate(words)
    )


def _rare_share(sentence: ScoredSentence, asked: _Asked, sources: Sources) -> float:
    """The share of the question's terms the sentence holds, each weighed by its rarity among
    the sentences (-log of the share holding it); 0 when the rarity is unknown. How the question
    asks (ASKING_TERMS) and its function words (FUNCTION_TERMS) are no terms of it: a quote's
    "what" or "about" held by one sentence outweighed the name the other holds ("What did he say
    about Pakistan?" after "Who is Zalmay Khalilzad?": docs/tuning.md, session 23)."""
    share_of = sources.term_share
    terms = asked.content_terms
    if share_of is None or not terms:
        return 0.0
    weights = {term: -math.log(max(share_of(term), RAREST_SHARE)) for term in terms}
    held = sources.sentence_terms.get(sentence.row, frozenset())
    return sum(w for term, w in weights.items() if term in held) / (sum(weights.values()) or 1.0)


def _eligible(sentence: ScoredSentence, unit: Unit, asked: _Asked, sources: Sources) -> bool:
    """A reference entry answers a question about sources, or one that names its author or
    outlet ("What did Ghani tell Der Spiegel …?"), not one that only echoes its title. A
    sentence that itself asks ("What's new?", an inline heading) answers nothing."""
    if not sources.reference[sentence.row]:
        return not is_question(unit.text_of(sentence))
    if asked.source or _quotes(asked, unit, sentence):  # "Where does the phrase 'strategic depth' appear?"
        return True
    named = set(tokenize([outside_title(unit.text_of(sentence))])[0])
    shared = named & asked.terms - MONTH_TERMS  # a shared month names no outlet
    # Nor does a word most sentences hold: "Afghanistan" of an "Afghanistan Analysts Network"
    # entry is the question's topic, not the outlet it names ("Der Spiegel" is).
    share_of = sources.term_share
    return any(share_of is None or share_of(term) <= COMMON_TERM_SHARE for term in shared)


def _adjusted(sentence: ScoredSentence, unit: Unit, asked: _Asked, sources: Sources) -> ScoredSentence:
    """The sentence's score with the bonuses for what the question asks for."""
    bonus = 0.0
    text = unit.text_of(sentence)
    if (asked.wanted is not None and _states(asked, unit, sentence)) or _defines(asked, unit, sentence):
        bonus += TYPE_BONUS
    elif asked.places is not None and names_a_place(text, asked.places):  # "Where …?": a sentence placing something
        bonus += TYPE_BONUS
    if asked.source and sources.reference[sentence.row]:
        bonus += SOURCE_BONUS
    doer = _writes_the_doer(sentence, text, asked, sources)
    if asked.name and (doer or names_someone_new(text, asked.question) or _writes_asked_role(text, asked)):
        bonus += NAME_BONUS
    elif asked.name and _writes_titled_surname(sentence, asked, sources):
        bonus += TITLED_NAME_BONUS
    if doer:  # a body that did what is asked counts as a name; the doer beats one who did something else
        bonus += AGENT_BONUS
    return replace(sentence, score=sentence.score + bonus)


def _writes_asked_role(text: str, asked: _Asked) -> bool:
    """Whether a sentence writes the role a "Who is X's <role noun>?" question asks for as X's
    (relations.writes_role_of): it names the relative, if only by one word ("Sirajuddin Haqqani's
    younger brother, Anas"), as a new name does (docs/tuning.md, session 36)."""
    possessor, roles = asked.role
    return bool(roles) and writes_role_of(possessor, roles, text)


def _writes_the_doer(sentence: ScoredSentence, text: str, asked: _Asked, sources: Sources) -> bool:
    """Whether a sentence writes the verb a "Who <verb>ed …?" question asks the doer of
    (`_Asked.agent`) with a name or a body the question does not hold: "… a 2012 report
    prepared by NATO interrogators" for "Who prepared it?", "The government seized these assets"
    for "Who seized them?"."""
    return (
        asked.agent is not None
        and asked.agent in sources.sentence_terms.get(sentence.row, frozenset())
        and (names_someone_new(text, asked.question) or names_a_body(text, asked.question))
    )


def _lead(
    best: ScoredSentence, sentences: list[ScoredSentence], unit: Unit, asked: _Asked, sources: Sources
) -> list[ScoredSentence]:
    """The lead sentence; when it restates the question, the next sentence of its unit follows
    it, or leads when it states the value asked for and the restating one does not (answer
    extraction: the question echoes one sentence, the answer is often in the one after). A
    lead that restates part of a question asking for no date or quantity gives the lead to the
    next sentence when that one holds a distinctive question word the lead lacks. A lead that
    points back ("For this reason, …") is followed by the sentences before it."""
    previous = next((s for s in sentences if s.row == best.row - 1), None)
    text = unit.text_of(best)
    if previous is not None and leans_on_previous(text):
        return [previous, best]  # "It is in Pakistan's interest to do so." says what only the one before says
    if previous is not None and _dated_before(best, previous, unit, asked, sources):
        return [previous, best]
    pointed = [s for s in sentences if best.row - (POINTED_BACK if points_back(text) else 1) <= s.row < best.row]
    if (
        previous is not None
        and asks_what_it_points_to(asked.question, text, unit.text_of(previous))
        and (asks_for_its_noun(asked.question, text) or any(_shares_content(s, asked, sources) for s in pointed))
    ):
        # "Which process …?" led by "That process still exists, …": the process is named before
        # it; "Why …?" of "For this reason, …": the reason may be two sentences back.
        return [*pointed, best]
    if previous is not None and points_back(text):
        # Quoted after the lead, not before it: a question asking what the lead itself says
        # ("So what might the Taliban not want to be seen doing?") keeps it first (docs/tuning.md, session 24).
        return [best, *(s for s in sentences if best.row - POINTED_BACK <= s.row < best.row)]
    following = next((s for s in sentences if s.row == best.row + 1), None)
    if following is None:
        return [best]
    if _restates_the_premise(best, following, unit, asked, sources):
        return [following, best]
    if (
        asked.wanted is None
        and not _names_before(best, following, asked, sources)
        and not asks_what_it_points_to(asked.question, unit.text_of(following), text)
        and _sets_up(best, following, asked, sources)
    ):
        return [following, best]
    if _share(best, asked, sources) < RESTATES:
        return [best, following] if _partly_restates(best, following, unit, asked, sources) else [best]
    if asked.wanted is not None and _states(asked, unit, following) and not _states(asked, unit, best):
        return [following, best]
    return [best, following]


def _shares_content(sentence: ScoredSentence, asked: _Asked, sources: Sources) -> bool:
    """Whether the sentence holds one of the question's content terms: the sentence a pointing
    lead leans on answers only when it is itself about what the question asks."""
    return bool(asked.content_terms & sources.sentence_terms.get(sentence.row, frozenset()))


def _restates_the_premise(
    lead: ScoredSentence, following: ScoredSentence, unit: Unit, asked: _Asked, sources: Sources
) -> bool:
    """Whether the lead only restates the premise a question states before it asks ("The Taliban
    shura is unlikely to relocate …; what follows from that for Islamabad?"), so that the
    sentence after it leads: the lead holds RESTATES of the premise's content terms, none of
    what the question asks beyond the premise that the next sentence lacks, no value of an asked
    type and no name asked for, and adds no elaboration of its own after a colon or dash ("…
    achieved a key goal: a firm date for …"). The next sentence is no reference entry or aside
    in brackets. The lead is quoted second (docs/tuning.md, session 34)."""
    premise = asked.premise
    if premise is None or sources.reference[following.row] or unit.text_of(following).lstrip().startswith("("):
        return False
    held = sources.sentence_terms.get(lead.row, frozenset())
    if not _restates(held, asked):
        return False
    # What a "Besides P, what else …?" question asks is what the lead's P is not (session 35).
    if not premise.excludes and asked.asking_terms & held - sources.sentence_terms.get(following.row, frozenset()):
        return False
    if asked.asking_type is not None and states(asked.asking_type, unit.text_of(lead), premise.asks):
        return False
    if asked.asking_name and _names_someone(lead, asked, sources):
        return False
    if premise.embedded and not _mostly_restates(held, asked, ELABORATION_TERMS if premise.why else None):
        return False
    return not _elaborates(unit.text_of(lead), asked.terms)


def _restates(held: frozenset[str], asked: _Asked) -> bool:
    """Whether a sentence holding `held` restates the question's premise: RESTATES of its content
    terms, or half of them and nothing of its own ("The two sides do disagree." for "On what do
    the two sides, the Taliban and Islamabad, actually disagree?"): docs/tuning.md, session 35."""
    shared = len(asked.premise_terms & held)
    if shared >= RESTATES * max(len(asked.premise_terms), 1):
        return True
    added = held - asked.terms - ASKING_TERMS - FUNCTION_TERMS
    return not added and 2 * shared >= len(asked.premise_terms)


def _mostly_restates(held: frozenset[str], asked: _Asked, at_most: int | None) -> bool:
    """Whether a lead restating a premise the question embeds ("What did Rawalpindi do when P?")
    adds no more content terms the question lacks than it shares with the premise: "Anxious to
    ensure that the talks succeeded, the military quickly intervened …, such as after P" answers
    around P. A "Why P?" lead adds fewer than `at_most` ("… as an antidote to Pashtun
    nationalism" gives the reason) (docs/tuning.md, session 34, "A premise the question embeds")."""
    added = len(held - asked.terms - ASKING_TERMS - FUNCTION_TERMS)
    return added <= len(asked.premise_terms & held) and (at_most is None or added < at_most)


def _elaborates(text: str, question_terms: frozenset[str]) -> bool:
    """Whether a sentence goes on after a colon or dash with ELABORATION_TERMS or more content
    terms the question does not hold: what a premise's "a key goal" names, said in the same sentence."""
    parts = _ELABORATION.split(text, maxsplit=1)
    return len(parts) > 1 and len(_content_terms(parts[1]) - question_terms) >= ELABORATION_TERMS


def _names_before(lead: ScoredSentence, following: ScoredSentence, asked: _Asked, sources: Sources) -> bool:
    """Whether a "Who…"/"Which…" question's lead names someone the question does not (a run of
    capitalised words, or a surname the corpus titles, alone) and the sentence after it names no
    one: the lead answers, and sets up nothing ("In May 2021, Bajwa and the ISI head met
    President Ghani in Kabul." before "The army chief had also visited Kabul …" for "Who visited
    him in Kabul in May 2021?"). A next sentence naming someone may still be what the lead sets
    up ("Haq, who headed the Akora Khattak madrasa …"): docs/tuning.md, session 28."""
    return asked.name and _names_someone(lead, asked, sources) and not _names_someone(following, asked, sources)


def _names_someone(sentence: ScoredSentence, asked: _Asked, sources: Sources) -> bool:
    """Whether the sentence names someone the question does not: a run of capitalised words
    (NAME_BONUS) or a surname the corpus titles, alone (`_writes_titled_surname`)."""
    text = sources.text_of(sentence)
    return names_someone_new(text, asked.question) or _writes_titled_surname(sentence, asked, sources)


def _partly_restates(
    lead: ScoredSentence, following: ScoredSentence, unit: Unit, asked: _Asked, sources: Sources
) -> bool:
    """Whether a lead short of RESTATES still restates the question, so that the sentence after
    it is quoted second (never first: reordering a restating lead lost held-out questions in
    sessions 13, 16 and 20): it holds PARTLY_RESTATES of the question's terms, or RESTATES of its
    content terms (how it asks and its function words left out, as "how far does that let them
    …" asks). Not for a date, quantity or name question, whose other results' sentences may hold
    the value or the name the next sentence would push out, nor when the next sentence is an
    aside in brackets ("(Islamabad does.)"), which answers nothing (docs/tuning.md, session 24)."""
    if asked.wanted is not None or asked.name:
        return False
    if unit.text_of(following).lstrip().startswith("("):
        return False
    return _share(lead, asked, sources) >= PARTLY_RESTATES or _content_share(lead, asked, sources) >= RESTATES


def _dated_before(lead: ScoredSentence, previous: ScoredSentence, unit: Unit, asked: _Asked, sources: Sources) -> bool:
    """Whether a lead restating a date or quantity question without its value goes on from the
    sentence stating it, its subject a pronoun for the one that sentence names ("Responding to
    questions at a … hearing on 27 April, Khalilzad said …" / "He added, however, that 'Pakistan
    has a special responsibility …'" for "When did Khalilzad say that Pakistan has a special
    responsibility …?"): the value's sentence leads, as the restating lead's next sentence does
    (_lead). A lead with its own subject is of another event than the date before it ("… the
    fence construction, which began in 2017, …" / "Yet Pakistani and Afghan forces have clashed
    …")."""
    opening = unit.text_of(lead).split(maxsplit=1)
    return (
        asked.wanted is not None
        and bool(opening)
        and opening[0].lower() in SUBJECT_PRONOUNS
        and _share(lead, asked, sources) >= RESTATES
        and _states(asked, unit, previous)
        and not _states(asked, unit, lead)
    )


def _sets_up(lead: ScoredSentence, following: ScoredSentence, asked: _Asked, sources: Sources) -> bool:
    """Whether `lead` restates part of the question (PARTLY_RESTATES of its terms) and the
    sentence after it, not a reference entry, holds a word of the question that `lead` lacks,
    one that asks about something (not how the question asks) and that few sentences hold
    (COMMON_TERM_SHARE): the set-up is quoted second, after what it sets up ("Khalilzad said
    Pakistan had been supportive …" / "He added, however, that 'Pakistan has a special
    responsibility …'" for "What did Khalilzad tell the committee about Pakistan's
    responsibility?"). Words every other sentence holds ("Taliban", "Pakistan") tell nothing.
    Nor does a word its unit writes before a lead whose subject points back to it
    (`subject_points_back`: "Pledging support …, they have also repeatedly denied backing any
    party …" for "What have Pakistan's military leadership and government repeatedly denied …?",
    its subject named one sentence before and again in "Yet the presence of the Taliban's top
    military and political leadership …"): the lead carries the word on as "they", "such support"
    or "the pledges". A lead naming its subject again ("Recognising …, the U.S. kept it in the
    loop …") still hands over to the sentence after it, by a word written before or not
    (docs/tuning.md, session 36, "A set-up's hand-off read by the lead's subject")."""
    share_of = sources.term_share
    if share_of is None or sources.reference[following.row] or _share(lead, asked, sources) < PARTLY_RESTATES:
        return False
    said = sources.sentence_terms.get(lead.row, frozenset())
    if subject_points_back(sources.text_of(lead)):
        said |= _written_before(lead, sources)
    lacked = asked.terms - ASKING_TERMS - said
    held = lacked & sources.sentence_terms.get(following.row, frozenset())
    return any(share_of(term) <= COMMON_TERM_SHARE for term in held)


def _written_before(sentence: ScoredSentence, sources: Sources) -> frozenset[str]:
    """The terms of the sentences of its unit before `sentence`: what the paragraph has named
    by the time the sentence speaks, and a subject pointing back may stand for."""
    rows = (row for row in sources.sentences.of_unit(sentence.unit_index) if row < sentence.row)
    return frozenset().union(*(sources.sentence_terms.get(row, frozenset()) for row in rows))


def _asked_words(sentence: ScoredSentence, asked: _Asked, sources: Sources, entries: bool = False) -> int:
    """How many of the question's own distinctive words the sentence holds: not how it asks
    (ASKING_TERMS) nor a function word (FUNCTION_TERMS), and in few sentences
    (COMMON_TERM_SHARE); a reference entry holds none, unless `entries`: among a note's
    sentences, an entry is a candidate only when it names the outlet or author the question
    names (`_eligible`), and its title is what was told there ("What did he tell Reuters about
    Mullah Omar?"). A follow-up's history finds the passage, these tell which of its sentences
    it asks about (service.repeats.asked_lead, service.repeats.cited_note_lead)."""
    share_of = sources.term_share
    if share_of is None or (sources.reference[sentence.row] and not entries):
        return 0
    held = asked.content_terms & sources.sentence_terms.get(sentence.row, frozenset())
    return sum(1 for term in held if share_of(term) <= COMMON_TERM_SHARE)


def _without_borrowed(asked: _Asked) -> _Asked:
    """The question as its own words alone choose a follow-up's sentence (`_asked_words`): the
    name its pronoun was read as (`_Asked.borrowed`) left out. That name is the history's, and
    the sentence naming the person is rarely the one telling what "he" did (docs/retrieval.md,
    "Follow-ups")."""
    return replace(asked, terms=asked.terms - asked.borrowed) if asked.borrowed else asked


def _states(asked: _Asked, unit: Unit, sentence: ScoredSentence) -> bool:
    assert asked.wanted is not None
    return states(asked.wanted, unit.text_of(sentence), asked.question)


def _placed_in_time(unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether the sentence places what it tells in time: a date, a year, a time relative to
    another event ("a few days after his arrival") or a word of sequence ("later",
    "subsequently"): how a report tells the next event (service.repeats.next_lead)."""
    text = unit.text_of(sentence)
    if date_values(text) or YEAR.search(text) or states_relative_time(text):
        return True
    return not LATER.isdisjoint(WORD.findall(text.lower()))


def _valued(
    asked: _Asked, moved: tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """`moved` (where a follow-up's lead moves on the turn's words), or None when the question
    asks for a date or quantity and none of the sentences offered there states one: "When was
    that agreement made?" is not led by "… that territorial agreement." for holding its word;
    the lead is then chosen by what it states (`_typed_lead`: "The 1893 agreement between …")."""
    if moved is None or asked.wanted is None:
        return moved
    unit, _, offered = moved
    return moved if any(_states(asked, unit, s) for s in offered) else None


def _names_whoever_did_it(asked: _Asked, unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether a follow-up asks only whoever did it ("Who drew it?": antecedents.Asked.DOER) and
    the new sentence `sentence` names someone (antecedents.names_a_doer)."""
    return (
        asked_alone(asked.question) is Asked.DOER
        and not is_repeat(asked.repeated, unit, sentence)
        and names_a_doer(unit.text_of(sentence))
    )


def _tells_asked(asked: _Asked, unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether the last answer's lead tells what a follow-up asking only of it asks: the value
    (`_states_value`), or, for "Who led it?", a name (antecedents.names_a_doer)."""
    if asked_alone(asked.question) is Asked.DOER:
        return names_a_doer(unit.text_of(sentence))
    return _states_value(asked, unit, sentence)


def _states_value(asked: _Asked, unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether the sentence states the value asked for, a date also by a time relative to another
    event ("a few days after his arrival": service.answer_type.states_or_dates)."""
    text = unit.text_of(sentence)
    return asked.wanted is not None and states_or_dates(asked.wanted, text, asked.question)


def _share(sentence: ScoredSentence, asked: _Asked, sources: Sources) -> float:
    """The share of the question's own terms that the sentence holds."""
    return _held_share(asked.terms, sentence, sources)


def _content_share(sentence: ScoredSentence, asked: _Asked, sources: Sources) -> float:
    """The share of the question's content terms (`_Asked.content_terms`) that the sentence holds."""
    return _held_share(asked.content_terms, sentence, sources)


def _held_share(terms: frozenset[str], sentence: ScoredSentence, sources: Sources) -> float:
    return len(terms & sources.sentence_terms.get(sentence.row, frozenset())) / max(len(terms), 1)


def _result(
    rank: int,
    unit: Unit,
    score: float,
    ranked: Ranked,
    position: int | None,  # None: a unit shown although not ranked
    chosen: list[ScoredSentence],
    sources: Sources,
) -> Result:
    dense = float(ranked.dense[position]) if position is not None else -1.0
    lexical = float(ranked.lexical[position]) if position is not None else 0.0
    hit = Hit(unit, score, dense if dense > -1 else None, lexical or None)
    return shown_result(rank, hit, tuple((s.start, s.end) for s in chosen), sources)


def shown_result(rank: int, hit: Hit, highlights: tuple[tuple[int, int], ...], sources: Sources) -> Result:
    """A result as front doors show it: the hit with its document, citation and cited notes."""
    unit = hit.unit
    document = sources.documents[unit.document_id]
    cited = tuple(sources.units[sources.by_id[footnote_id(unit.document_id, n)]] for n in unit.footnotes)
    said = unit_attributions(sources, sources.by_id[unit.id])
    return Result(rank, hit, document, highlights, citation(document, unit), cited, attributions=said)


def citation(document: Document, unit: Unit) -> str:
    """A readable citation: who, "title", series, date, section, footnote, pages.

    With an author: author, "title", publisher; without: publisher, "title".
    """
    title = f"\u201c{document.title}\u201d" if '"' in document.title else f'"{document.title}"'
    head = [document.author, title, document.publisher] if document.author else [document.publisher, title]
    parts = [p for p in head if p]
    if document.series:
        parts.append(document.series)
    if document.date:
        parts.append(human_date(document.date))
    if unit.section_label:
        parts.append(f"§{unit.section_label}")
    if unit.kind == "footnote" and unit.number is not None:
        parts.append(f"footnote {unit.number}")
    pages = page_label(unit.pages)
    if pages:
        parts.append(pages)
    return ", ".join(parts)


def page_label(pages: tuple[int, ...]) -> str | None:
    """(7,) -> 'p. 7'; (7, 8) -> 'pp. 7–8'; () (a source without pages) -> None."""
    if not pages:
        return None
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}\u2013{pages[-1]}"


def human_date(iso: str) -> str:
    """'2021-06-30' -> '30 June 2021'; '2021-09' -> 'September 2021'; '2021' -> '2021'."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        day = date.fromisoformat(iso)
        return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        year, month = iso.split("-")
        return f"{MONTH_NAMES[int(month) - 1]} {year}"
    return iso
