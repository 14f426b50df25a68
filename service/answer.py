"""From ranked units to what a user sees: highlighted sentences, a verbatim extractive answer,
an abstention when the evidence is weak, and an exact citation for each result.

The answer is chosen among the sentences of the top results, not only their highlights (which
of them leads, and the hand-offs moving the lead to another sentence, are service.lead's; what
both read of the index and the question, service.composing's):

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

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from service.answer_type import (
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
    names_someone_new,
    stated_premise,
    states,
    states_relative_time,
)
from service.antecedents import Asked, asked_alone, names_a_doer, restates_lead, writes_personal_pronoun
from service.attributions import closing
from service.bm25 import terms_of, tokenize
from service.composing import (
    ANSWER_MARGIN,
    ANSWER_SENTENCES,
    COMMON_TERM_SHARE,
    AskedFor,
    Sources,
    compared,
    defines_asked_term,
    quotes,
    rare_share,
    states_value,
    states_wanted,
    writes_titled_surname,
)
from service.context import passage_from
from service.dates import MONTH_NAMES, MONTH_TERMS, YEAR, date_values
from service.evidence import CAPITALISED, WORD, capitalised_names
from service.lead import (
    RESTATES,
    best_lead,
    choose_lead,
    choose_lead_unit,
    clearer_lower_lead,
    next_result_sentence,
    of_the_asked_month,
    passage_over_note,
    runner_up_after_pair,
    runner_up_sentence,
    typed_lead,
    valued_lead,
)
from service.question_words import (
    BARE_CLAUSE_VERBS,
    LATER,
    PUBLISHING_VERBS,
    REPORTING_VERBS,
    alternation,
    inflected,
)
from service.reason_next import asks_why, gives_reason_back, states_cause
from service.records import (
    Answer,
    AnswerSentence,
    Document,
    Filters,
    Hit,
    Quoted,
    Result,
    Unit,
    footnote_id,
    uncited_notes,
)
from service.references import (
    NOTHING_NAMED,
    SourceNamed,
    asks_for_source,
    claim_asked,
    named_sources,
    outside_title,
    source_named,
)
from service.relations import writes_role_of
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
from service.sentences import ScoredSentence, is_question, pick_highlights, score_sentences
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
from service.text import quoted_phrases

LEXICAL_WEIGHT = 0.25  # share of query-term overlap in a sentence's highlight score
HIGHLIGHT_MARGIN = 0.08
MAX_HIGHLIGHTS = 2
ANSWER_UNITS = 3  # the answer quotes the top this many results
TYPE_BONUS = 0.15  # a sentence stating the asked-for date or quantity
SOURCE_BONUS = 0.4  # a reference entry, when the question asks for a source
REFERENCE_DEMOTION = 0.5  # a reference-only result's fused score, for a question not about sources
REFERENCE_LED_DEPTH = 20  # candidates checked for a cited title that echoes the question
NAMED_SOURCE_KEPT = True  # a note whose cited author or outlet the question names is not moved down (session 45)
DEFINITION_DEPTH = 20  # candidates searched for the one that defines a definition question's term
NAME_BONUS = 0.5  # a sentence naming someone or something new, for a "Who…"/"Which…" question (docs/tuning.md)
# A sentence writing alone a surname the corpus titles ("Trump's letter to Khan"), for a
# "Who…"/"Which…" question: half NAME_BONUS, a one-word name telling less (docs/tuning.md, session 33).
TITLED_NAME_BONUS = 0.25
AGENT_BONUS = 0.15  # and one writing the asked verb with its doer, for "Who <verb>ed …?" (docs/tuning.md, session 25)
READS_WHY_PREMISE = (
    True  # "Why P?" read as an embedded premise, its lead adding fewer terms (docs/tuning.md, session 34)
)
READS_FRONTED_PREMISE = True  # "Besides P, what else …?", "In what way has P?" (docs/tuning.md, session 35)
LOWER_RESULT_SHARE = 0.4  # a lower result's sentence filling an empty place holds this share of the question's terms
LOWER_RESULT_MARGIN = 0.3  # and scores within this of the best candidate (docs/tuning.md, session 36)
NO_FILTERS = Filters()  # every unit admitted


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
    # The last answer's lead when the follow-up points at a thing it names (repeats.points_at_a_thing).
    pointed: Quoted | None = None


def compose(request: ComposeRequest, sources: Sources, settings: Settings) -> Answer:
    """The top `request.top_k` results with their highlights and the verbatim answer, or an
    abstention; what each part of the request does is told at its field (`ComposeRequest`)."""
    if request.ranked.best_dense < settings.abstain_threshold or len(request.ranked.units) == 0:
        return Answer(request.question, True, (), (), abstain_reason="no-match")
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
        candidates = chosen_sentences(pool, asked, sources, settings.abstain_threshold, near, sequel, span)
        candidates, told = _reason_told_next(candidates, asked, sources, admits, scored_of)
        if asked.source:
            answer = _lead_and_its_notes(candidates, vector, claim_terms, named, sources)
        else:
            candidates = _both_sides_first(candidates, asked, sources)
            answer = _quoted(_other_side(candidates, shown_pool, asked, sources), sources)
        if candidates and all(r.hit.unit.id != candidates[0][1].id for r in results):  # led from `beside`
            unit = candidates[0][1]
            chosen = pick_highlights(
                scored_of(next(i for i in (*beside, *read_on, *told) if sources.units[i] is unit)),
                HIGHLIGHT_MARGIN,
                MAX_HIGHLIGHTS,
            )
            results = [_result(1, unit, results[0].hit.score, ranked, None, chosen, sources), *results][:top_k]
        shown = lead_first(results, candidates[0][1].id) if asked.repeated and candidates else tuple(results)
    return Answer(question, False, answer, highlight_quoted(shown, answer))


def _reason_told_next(
    candidates: list[tuple[ScoredSentence, Unit]],
    asked: AskedFor,
    sources: Sources,
    admits: Callable[[Unit], bool],
    scored_of: Callable[[int], list[ScoredSentence]],
) -> tuple[list[tuple[ScoredSentence, Unit]], tuple[int, ...]]:
    """A why-question whose lead states the asked fact and no cause, led instead by the sentence
    after that lead (in its unit, else the first of the passage after it in its document) when
    that sentence gives the lead's reason by pointing back at it ("That's in large part because
    …": service.reason_next); the old lead follows it. Also returns the index of the passage
    after, when the new lead comes from it (it joins the results, first). The lead states the
    asked fact when it holds RESTATES of the question's content terms (a bare "Why?" has none:
    it asks of the last answer), and every name the question writes is written by the lead or
    by the reason ("Why won't that friendship come easily for Islamabad?": the reason names
    Islamabad): "Why did friendship with India come so easily?" asks of a fact neither states,
    and keeps its lead."""
    if not candidates or asked.source or not asks_why(asked.question):
        return candidates, ()
    lead, unit = candidates[0]
    index = sources.by_id.get(unit.id)
    if index is None or unit.kind != "passage" or states_cause(unit.text_of(lead)):
        return candidates, ()
    held = sources.sentence_terms.get(lead.row, frozenset())
    terms = asked.content_terms
    if terms and len(terms & held) < RESTATES * len(terms):
        return candidates, ()
    following = next((s for s in scored_of(index) if s.row == lead.row + 1), None)
    told: tuple[int, ...] = ()
    after = passage_from(sources.units, index, +1) if following is None else None
    if after is not None and admits(after):
        told = (sources.by_id[after.id],)
        following = min(scored_of(told[0]), key=lambda s: s.row, default=None)
    where = sources.units[following.unit_index] if following is not None else unit
    if following is None or not gives_reason_back(where.text_of(following)):
        return candidates, ()
    names = frozenset().union(*(terms_of(name) for name in capitalised_names(asked.question)))
    if not names <= held | sources.sentence_terms.get(following.row, frozenset()):
        return candidates, ()  # a name the question writes that neither sentence does: another fact
    rest = [(s, u) for s, u in candidates if s.row != following.row]
    return [(following, where), *rest], told


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


def _asked(request: ComposeRequest) -> AskedFor:
    """What the request's question asks for, read once for composing its answer."""
    question, about = request.question, request.about
    return AskedFor(
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
        request.pointed,
    )


def _fronted(question: str) -> StatedPremise | None:
    return fronted_premise(question) if READS_FRONTED_PREMISE else None


def _ranked_for_answer(request: ComposeRequest, asked: AskedFor, sources: Sources) -> Ranked:
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
        speaker = speaker_terms(request.question)
        flagged = sources.all_references[ranked.units] | reference_led(ranked, read, sources, speaker)
        if NAMED_SOURCE_KEPT:
            flagged &= ~names_its_source(ranked, asked.question, sources)
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


def reference_led(
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


def names_its_source(ranked: Ranked, question: str, sources: Sources) -> np.ndarray:
    """Per ranked candidate (the first REFERENCE_LED_DEPTH), whether the question names the
    author or outlet of one of its reference entries (`service.references.named_sources`): it
    holds every term of that name, each in few sentences (COMMON_TERM_SHARE). "What did Naveed
    Siddiqui write about …?", "…, as The Express Tribune reported?": the note is what is asked
    for, though its cited headline may be all it matches on, and it is not moved down as a
    title echo is (docs/retrieval.md, "The answer"). A name one of the corpus's own documents
    is published or written under ("Crisis Group", "Foreign Policy") names that document, not a
    work a note cites. A question written in capitals names by its capitalised words only: "a
    former senior Pakistani diplomat" names no outlet, "The Diplomat" does; one typed all in
    lowercase ("what did naveed siddiqui write …") by any of its words; either names a source
    written whole in another case where a question names its source (`names_in_any_case`:
    "What did the diplomat report about …?")."""
    named = np.zeros(len(ranked.units), dtype=bool)
    share_of = sources.term_share
    terms = _naming_terms(question)
    if share_of is None or not terms:
        return named
    own = sources.own_names
    for position, unit in enumerate(ranked.units[:REFERENCE_LED_DEPTH]):
        index = int(unit)
        text = sources.units[index].text
        for row, (start, end) in zip(sources.sentences.of_unit(index), sources.sentences.spans_of(index), strict=True):
            if sources.reference[row] and any(
                (name <= terms or names_in_any_case(question, written))
                and not name <= own
                and all(share_of(term) <= COMMON_TERM_SHARE for term in name)
                for written, name in named_sources(text[start:end])
            ):
                named[position] = True
                break
    return named


def names_in_any_case(question: str, name: str) -> bool:
    """Whether `question` writes `name` (an author or outlet as a reference entry writes it,
    "The Diplomat", "Dawn", "Al Jazeera") whole, in any case, where a question names a source:
    after "according to", or before a verb of reporting ("What did the diplomat report …?",
    "According to dawn, …"). A question with capitals of its own is read by its capitalised
    words (`_naming_terms`), and a user types an outlet's name in lowercase there too; its
    place keeps a word of the name used as a word from naming it ("a former senior Pakistani
    diplomat", "at dawn") (docs/retrieval.md, "The answer")."""
    found = re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", question, re.IGNORECASE)
    if found is None:
        return False
    return bool(_SOURCE_BEFORE.search(question[: found.start()]) or _SOURCE_AFTER.match(question[found.end() :]))


# Where a question names the source it asks of: "according to X", "X reported / wrote / said /
# told / confirmed": a verb a passage reports speech or words published with, in each of its forms
# (service.question_words), "written" (its past is "wrote") and "publish" (no verb of saying).
_SOURCE_BEFORE = re.compile(r"\baccording\s+to\s+$", re.IGNORECASE)
_SOURCE_VERBS = inflected(dict.fromkeys((*BARE_CLAUSE_VERBS, *REPORTING_VERBS, *PUBLISHING_VERBS)))
_SOURCE_AFTER = re.compile(rf"\s+(?:{alternation(_SOURCE_VERBS)}|written|publish\w*)\b", re.IGNORECASE)


def _naming_terms(question: str) -> frozenset[str]:
    """The terms of the words of `question` that may name an author or outlet: its capitalised
    words but the first (which a sentence capitalises anyway), or all its words when it has
    none."""
    capitalised = capitalised_names(question, CAPITALISED)
    return frozenset(tokenize([" ".join(capitalised) if capitalised else question])[0])


def speaker_terms(question: str) -> frozenset[str]:
    """The terms naming who speaks in "What does X say about Y?" (service.said_about); none for
    other questions."""
    said = read_said_about(question)
    return said.speaker if said is not None else frozenset()


def chosen_sentences(
    pool: list[tuple[Unit, list[ScoredSentence]]],
    asked: AskedFor,
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
    lead_unit, lead_sentences = choose_lead_unit(offered, asked, sources)
    lead = best_lead(lead_sentences, asked, sources)
    # A lower result's sentence may take the lead (of a passage, or from a note); a follow-up's only
    # by words of its own the lead lacks (`_lead_elsewhere`).
    elsewhere = clearer_lower_lead if lead_unit.kind == "passage" else passage_over_note
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
    if moved is None:  # an older lead gives way to the sentence a follow-up points at, too (service.repeats)
        moved = new_lead(offered, lead_unit, lead, asked.repeated, ANSWER_MARGIN, asked_words, asked.pointed)
    # Led by an older answer's sentence, the one a follow-up points at is among those it gives way to.
    older = is_repeat(asked.repeated, lead_unit, lead) and asked.pointed != Quoted(lead_unit.id, (lead.start, lead.end))
    repeated = asked.repeated - {asked.pointed} if older else asked.repeated
    # "Who drew it?" led by a sentence naming whoever did it: the turn's one verb ("drew closer to
    # New Delhi" in the next passage) tells no sentence apart.
    if moved is None and asked.repeated and not _names_whoever_did_it(asked, lead_unit, lead):
        moved = _valued(asked, asked_lead(offered, lead_unit, lead, repeated, ANSWER_MARGIN, asked_words, beside))
    if moved is None and asked.repeated:  # the turn's own words choose the sentence of the passage its history found
        own = _without_borrowed(asked)
        moved = own_words_lead((lead_unit, lead_sentences), lead, repeated, lambda s: _asked_words(s, own, sources))
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
                notes, lead, repeated, ANSWER_MARGIN, lambda s: _asked_words(s, noted, sources, entries=True)
            ),
        )
    # A follow-up's lead quoted before, or chosen on its history's words alone: another leads (service.repeats).
    if moved is not None:
        demoted = [(lead, lead_unit)]
        lead_unit, lead_sentences, new = moved
        # The sentences the history offers are chosen on its words; the month the turn names
        # is read over the whole unit (`of_the_asked_month`).
        lead = of_the_asked_month(best_lead(new, asked, sources), lead_sentences, asked, sources)
    typed = typed_lead(offered, lead, lead_unit, asked, sources) if moved is None else None
    if typed is None and moved is None:
        typed = valued_lead(offered, lead, lead_unit, asked, sources)
    if typed is not None:  # the lead does not hold what the question asks for, and another sentence does
        demoted = [(lead, lead_unit)]
        lead, lead_unit = typed
        lead_sentences = next(sentences for unit, sentences in offered if unit is lead_unit)
    chosen = [(s, lead_unit) for s in choose_lead(lead, lead_sentences, lead_unit, asked, sources)] + demoted
    if follows:  # what came next leads, though it leans on the sentence before it ("Since then, …")
        chosen = [(lead, lead_unit), *(pair for pair in chosen if pair[0] is not lead)]
    rest = sorted(((s, unit) for unit, sentences in offered for s in sentences), key=lambda pair: -pair[0].score)
    floor = max(floor_score, rest[0][0].score - ANSWER_MARGIN)
    quoted = chosen + [(s, unit) for s, unit in rest if s.score >= floor]
    answer = chosen + runner_up_sentence(quoted, lead_unit, lead_sentences, asked, sources) + quoted[len(chosen) :]
    answer = answer + _lower_results(answer, offered, asked)
    answer = runner_up_after_pair(answer, lead_unit, lead_sentences, asked, sources)
    return next_result_sentence(answer, offered, lead_unit, frozenset(s.row for s, _ in chosen), asked)


def _lower_results(
    answer: list[tuple[ScoredSentence, Unit]],
    offered: list[tuple[Unit, list[ScoredSentence]]],
    asked: AskedFor,
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


def _candidates(unit: Unit, scored: list[ScoredSentence], asked: AskedFor, sources: Sources) -> list[ScoredSentence]:
    """The unit's sentences that may answer, each scored with the bonuses for what is asked."""
    return [adjusted_sentence(s, unit, asked, sources) for s in scored if is_eligible(s, unit, asked, sources)]


def _read_on(followed: Quoted, beside: Sequence[int], sources: Sources, admits: Callable[[Unit], bool]) -> list[int]:
    """Where a follow-up asking what came after the last answer's lead (`followed`) reads on:
    that lead's unit and the passage after it (the first of its neighbourhood, `beside`, when a
    passage), within the request's filters."""
    index = sources.by_id.get(followed.unit_id)
    if index is None:
        return []
    after = [beside[0]] if beside and sources.units[beside[0]].kind == "passage" else []
    return [i for i in (index, *after) if admits(sources.units[i])]


def _both_sides_first(
    chosen: list[tuple[ScoredSentence, Unit]], asked: AskedFor, sources: Sources
) -> list[tuple[ScoredSentence, Unit]]:
    """A comparison whose lead does not hold both sides: the chosen sentences with, first, the
    best of them that does (one sentence stating the order or the measure of the two: "… was
    aborted after the Afghan presidential palace disclosed …", "around 1.4 million registered
    Afghan refugees and close to another million Afghan citizens"). The lead is chosen by score,
    and a sentence writing one side alone ("Composed of … the Quadrilateral Dialogue began in
    January 2016.") or a word of the question beside it (`_sets_up`: "… more lethal …") can
    outscore the one that compares. Only sentences close enough to be quoted at all move, never
    a reference entry, and only one holding as large a share of the question's rarer words as
    the lead (`rare_share`): a sentence of a third event can write a word of each side ("… in
    Doha …, with the talks gaining momentum after … reconciliation" for "Which came first,
    Clinton's reconciliation speech or the Taliban's Doha office?"): docs/tuning.md, session 32."""
    comparison = asked.compared
    if comparison is None or not chosen:
        return chosen

    def holds_both(sentence: ScoredSentence) -> bool:
        return all(_side_terms(sentence, side, sources) for side in comparison.sides)

    if holds_both(chosen[0][0]):
        return chosen
    lead_share = rare_share(chosen[0][0], asked, sources)
    both = [
        (sentence, unit)
        for sentence, unit in chosen
        if not sources.reference[sentence.row]
        and holds_both(sentence)
        and rare_share(sentence, asked, sources) >= lead_share
    ]
    if not both:
        return chosen
    first = max(both, key=lambda pair: pair[0].score)
    return [first, *(pair for pair in chosen if pair[0].row != first[0].row)]


def _other_side(
    chosen: list[tuple[ScoredSentence, Unit]],
    shown: list[tuple[Unit, list[ScoredSentence]]],
    asked: AskedFor,
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
        and is_eligible(s, unit, asked, sources)
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


def is_eligible(sentence: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources) -> bool:
    """A reference entry answers a question about sources, or one that names its author or
    outlet ("What did Ghani tell Der Spiegel …?"), not one that only echoes its title. A
    sentence that itself asks ("What's new?", an inline heading) answers nothing."""
    if not sources.reference[sentence.row]:
        return not is_question(unit.text_of(sentence))
    if asked.source or quotes(asked, unit, sentence):  # "Where does the phrase 'strategic depth' appear?"
        return True
    named = set(tokenize([outside_title(unit.text_of(sentence))])[0])
    shared = named & asked.terms - MONTH_TERMS  # a shared month names no outlet
    # Nor does a word most sentences hold: "Afghanistan" of an "Afghanistan Analysts Network"
    # entry is the question's topic, not the outlet it names ("Der Spiegel" is).
    share_of = sources.term_share
    return any(share_of is None or share_of(term) <= COMMON_TERM_SHARE for term in shared)


def adjusted_sentence(sentence: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources) -> ScoredSentence:
    """The sentence's score with the bonuses for what the question asks for."""
    bonus = 0.0
    text = unit.text_of(sentence)
    if (asked.wanted is not None and states_wanted(asked, unit, sentence)) or defines_asked_term(asked, unit, sentence):
        bonus += TYPE_BONUS
    elif asked.places is not None and names_a_place(text, asked.places):  # "Where …?": a sentence placing something
        bonus += TYPE_BONUS
    if asked.source and sources.reference[sentence.row]:
        bonus += SOURCE_BONUS
    doer = _writes_the_doer(sentence, text, asked, sources)
    if asked.name and (doer or names_someone_new(text, asked.question) or _writes_asked_role(text, asked)):
        bonus += NAME_BONUS
    elif asked.name and writes_titled_surname(sentence, asked, sources):
        bonus += TITLED_NAME_BONUS
    if doer:  # a body that did what is asked counts as a name; the doer beats one who did something else
        bonus += AGENT_BONUS
    return replace(sentence, score=sentence.score + bonus)


def _writes_asked_role(text: str, asked: AskedFor) -> bool:
    """Whether a sentence writes the role a "Who is X's <role noun>?" question asks for as X's
    (relations.writes_role_of): it names the relative, if only by one word ("Sirajuddin Haqqani's
    younger brother, Anas"), as a new name does (docs/tuning.md, session 36)."""
    possessor, roles = asked.role
    return bool(roles) and writes_role_of(possessor, roles, text)


def _writes_the_doer(sentence: ScoredSentence, text: str, asked: AskedFor, sources: Sources) -> bool:
    """Whether a sentence writes the verb a "Who <verb>ed …?" question asks the doer of
    (`AskedFor.agent`) with a name or a body the question does not hold: "… a 2012 report
    prepared by NATO interrogators" for "Who prepared it?", "The government seized these assets"
    for "Who seized them?"."""
    return (
        asked.agent is not None
        and asked.agent in sources.sentence_terms.get(sentence.row, frozenset())
        and (names_someone_new(text, asked.question) or names_a_body(text, asked.question))
    )


def _asked_words(sentence: ScoredSentence, asked: AskedFor, sources: Sources, entries: bool = False) -> int:
    """How many of the question's own distinctive words the sentence holds: not how it asks
    (ASKING_TERMS) nor a function word (FUNCTION_TERMS), and in few sentences
    (COMMON_TERM_SHARE); a reference entry holds none, unless `entries`: among a note's
    sentences, an entry is a candidate only when it names the outlet or author the question
    names (`is_eligible`), and its title is what was told there ("What did he tell Reuters about
    Mullah Omar?"). A follow-up's history finds the passage, these tell which of its sentences
    it asks about (service.repeats.asked_lead, service.repeats.cited_note_lead)."""
    share_of = sources.term_share
    if share_of is None or (sources.reference[sentence.row] and not entries):
        return 0
    held = asked.content_terms & sources.sentence_terms.get(sentence.row, frozenset())
    return sum(1 for term in held if share_of(term) <= COMMON_TERM_SHARE)


def _without_borrowed(asked: AskedFor) -> AskedFor:
    """The question as its own words alone choose a follow-up's sentence (`_asked_words`): the
    name its pronoun was read as (`AskedFor.borrowed`) left out. That name is the history's, and
    the sentence naming the person is rarely the one telling what "he" did (docs/retrieval.md,
    "Follow-ups")."""
    return replace(asked, terms=asked.terms - asked.borrowed) if asked.borrowed else asked


def _placed_in_time(unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether the sentence places what it tells in time: a date, a year, a time relative to
    another event ("a few days after his arrival") or a word of sequence ("later",
    "subsequently"): how a report tells the next event (service.repeats.next_lead)."""
    text = unit.text_of(sentence)
    if date_values(text) or YEAR.search(text) or states_relative_time(text):
        return True
    return not LATER.isdisjoint(WORD.findall(text.lower()))


def _valued(
    asked: AskedFor, moved: tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """`moved` (where a follow-up's lead moves on the turn's words), or None when the question
    asks for a date or quantity and none of the sentences offered there states one: "When was
    that agreement made?" is not led by "… that territorial agreement." for holding its word;
    the lead is then chosen by what it states (`typed_lead`: "The 1893 agreement between …")."""
    if moved is None or asked.wanted is None:
        return moved
    unit, _, offered = moved
    return moved if any(states_wanted(asked, unit, s) for s in offered) else None


def _names_whoever_did_it(asked: AskedFor, unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether a follow-up asks only whoever did it ("Who drew it?": antecedents.Asked.DOER) and
    the new sentence `sentence` names someone (antecedents.names_a_doer)."""
    return (
        asked_alone(asked.question) is Asked.DOER
        and not is_repeat(asked.repeated, unit, sentence)
        and names_a_doer(unit.text_of(sentence))
    )


def _tells_asked(asked: AskedFor, unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether the last answer's lead tells what a follow-up asking only of it asks: the value
    (`states_value`), or, for "Who led it?", a name (antecedents.names_a_doer)."""
    if asked_alone(asked.question) is Asked.DOER:
        return names_a_doer(unit.text_of(sentence))
    return states_value(asked, unit, sentence)


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


def cited_notes_only(question: str, answer: Answer) -> Answer:
    """The answer to a turn asking for a source (service.references.asks_for_source) without
    the notes it quotes that neither lead it, nor are carried by a marker of a quoted sentence
    of their document, nor are listed as naming the asked source: quoted with a claim that
    does not cite them, they would be read as its source. The source answers hold to this
    (this module's source paths, service.source_answer); a turn read in other words on its way there (a
    scope's topic, "What does the Crisis Group report on … say about Quetta?" read as "Quetta?") does not
    reach them, so the engine holds every answer to it as it leaves (docs/retrieval.md,
    "Source questions")."""
    if answer.abstained or len(answer.sentences) < 2 or not asks_for_source(question):
        return answer
    quoted = [(s.unit_id, (*s.footnotes, *(note.number for note in s.listed))) for s in answer.sentences]
    uncited = set(uncited_notes(quoted))
    if not uncited:
        return answer
    return replace(answer, sentences=tuple(s for s in answer.sentences if s.unit_id not in uncited))
