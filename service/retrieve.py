"""Hybrid retrieval: dense (FAISS over sentence windows, plus each candidate's best sentence)
and BM25 (over units, plus each unit's best sentence), fused by a weighted sum of
min-max-normalised scores. `encode` reads a question (with its history) into a `Query`;
`rank` ranks the units of the loaded `IndexFiles` (service.store) for it.

A follow-up is read twice on the dense side, as on the lexical one: with the conversation's
earlier questions and on its own. Read only in context, the earlier question's topic can
outweigh what the follow-up asks (the unit that answered the first question wins again); read
only alone, "it" and "he" point nowhere. The ranking averages the two cosines; abstention and
the reported cosine keep the in-context reading.

The fused top `CITED_RERANK_DEPTH` are then re-ranked with late interaction: each word piece
of the question (in context) finds its most similar word piece of the unit, and the mean of
those best cosines (MaxSim, as in ColBERT) joins the fused score at `CITED_RERANK_WEIGHT`. A
whole-text vector blurs a paraphrase into the paragraph around it; word pieces in context
still match "monarchies" to "Saudi Arabia" inside the one sentence that says it.

Why not reciprocal rank fusion: on our development set BM25 is much the stronger side, and
rank fusion gives a weak dense ranking as much say as a strong lexical one (docs/tuning.md,
"How fusion was chosen"). Score fusion keeps how far apart the candidates are.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import faiss
import numpy as np

from service.ann import search
from service.bm25 import bm25_scores
from service.dates import lexical_forms
from service.embed import Embedder
from service.errors import BadInput
from service.headings import SectionNames
from service.records import MODES, UNIT_KINDS, Filters, Mode
from service.relations import office_words_added
from service.settings import Settings
from service.store import IndexFiles, SentenceTable
from service.titles import TitleTable, holder_name_added
from service.word_forms import agent_forms

SENTENCE_SHARE = 0.5  # weight of a unit's best sentence next to the whole unit, for BM25
HISTORY_SHARE = 0.5  # weight of the earlier questions next to the question itself, for BM25
CONTEXT_SHARE = 0.5  # a follow-up's dense evidence: in-context cosine's share next to alone's
# What a passage gains on the lexical side (at most 1 + SENTENCE_SHARE) when the question holds
# every word of one of its headings' titles (service.headings); 1.0 lost claim-source questions
# on dev (docs/tuning.md, "Section headings").
NAMED_SHARE = 0.5
# A unit that each dense reading ranks first (its best window, its best sentence, late interaction)
# leads when none of them ranks the fused first better than this: three readings of the meaning
# agree against a lead that only the lexical side holds, the words a paraphrase does not share
# (docs/tuning.md, "Paraphrases: three dense readings against the lexical lead").
AGREED_RIVAL_RANK = 3
# How deep into the fused order late interaction is read for that agreement (the re-rank itself
# stays `rerank_depth`): a paraphrase's unit the lexical side holds 11th to 20th is out of the
# re-ranked head, and its MaxSim was never read (docs/tuning.md, "What ranks the gold unit below
# first, by cause; late interaction read past the re-ranked head").
AGREED_DEPTH = 20


@dataclass(frozen=True)
class Ranked:
    """Candidates ranked best first, with both sides' evidence for every candidate."""

    units: np.ndarray  # unit indices, best first
    scores: np.ndarray  # fused score of each, in [0, 1]
    dense: np.ndarray  # best window-or-sentence cosine of each, to the question in context
    lexical: np.ndarray  # BM25 (unit plus best sentence) of each

    @property
    def best_dense(self) -> float:
        return float(self.dense.max()) if len(self.dense) else -1.0


@dataclass(frozen=True)
class Query:
    """A question as retrieval reads it: with the conversation's earlier questions and, for a
    follow-up on the dense side, also on its own."""

    question: str
    history: str  # the earlier questions, oldest first, joined ("" for a first question)
    vector: np.ndarray  # (1, dim): history and question read together
    tokens: np.ndarray  # their word-piece vectors, for re-ranking
    alone: np.ndarray | None = None  # a follow-up's question on its own (None: first, or bm25)
    alone_tokens: np.ndarray | None = None

    @property
    def text(self) -> str:
        """History and question, as they were read together."""
        return " ".join([self.history, self.question]).strip()


def encode(embedder: Embedder, question: str, history: Sequence[str], mode: Mode) -> Query:
    """`question` read with `history` (as service.chat.retrieval_history picks it) by the model."""
    earlier = " ".join(history)
    vector, tokens = embedder.encode_query_with_tokens(" ".join([earlier, question]).strip())
    if not earlier or mode == "bm25":
        return Query(question, earlier, vector, tokens)
    alone, alone_tokens = embedder.encode_query_with_tokens(question)
    return Query(question, earlier, vector, tokens, alone, alone_tokens)


def rank(
    files: IndexFiles,
    query: Query,
    filters: Filters | None,
    mode: Mode,
    settings: Settings,
    timings: dict[str, float] | None = None,
    sections: SectionNames | None = None,
    titles: TitleTable | None = None,
) -> Ranked:
    """The admitted units ranked for `query` by `mode`: candidates from both sides fused, then
    (hybrid) the head re-ranked by late interaction. `timings` gets the seconds of each step
    (faiss, bm25, fusion, rerank, and search for all of it); `sections` are the headings
    `query.question` names, when the caller has read them (service.headings); `titles` the
    corpus's titles, read once per loaded index (service.titles; None: no holder's name added)."""
    admitted = _admitted(files, filters, mode)
    timings = {} if timings is None else timings
    clock = time.perf_counter()
    sections = files.headings.read(query.question) if sections is None else sections
    named = files.headings.units(sections)
    ranked, windows, sentences = _rank(files, query, admitted, mode, settings, timings, named, titles)
    if mode == "hybrid":
        started = time.perf_counter()
        ranked = late_reranked(files, ranked, query, settings, windows, sentences, named)
        timings["rerank"] = time.perf_counter() - started
    timings["search"] = time.perf_counter() - clock
    return ranked


def _admitted(files: IndexFiles, filters: Filters | None, mode: Mode) -> np.ndarray:
    """Which units the filters admit; BadInput for an unknown mode, document or kind."""
    if mode not in MODES:
        raise BadInput(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    admitted = np.ones(len(files.units), dtype=bool)
    if filters is None:
        return admitted
    if filters.documents is not None:
        filters.check_documents([d.id for d in files.documents])
        admitted &= np.isin(files.unit_documents, list(filters.documents))
    if filters.kinds is not None:
        unknown = sorted(set(filters.kinds) - set(UNIT_KINDS))
        if unknown:
            raise BadInput(f"unknown kind(s) in filters: {', '.join(unknown)}")
        admitted &= np.isin(files.unit_kinds, list(filters.kinds))
    return admitted


def _rank(
    files: IndexFiles,
    query: Query,
    admitted: np.ndarray,
    mode: Mode,
    settings: Settings,
    timings: dict[str, float],
    named: np.ndarray,
    titles: TitleTable | None = None,
) -> tuple[Ranked, dict[int, float], dict[int, float]]:
    """Candidates from both sides (dense: the question in context, and alone for a
    follow-up), ranked by `mode`; `named` says per unit whether the question names a heading it
    is under; `titles`, the corpus's titles (service.titles), give the lexical side the name of an
    asked office's holder; `timings` gets the FAISS, BM25 and fusion seconds. Also each unit's best window
    cosine among the nearest windows and each candidate's best sentence cosine (the question in
    context), which the fusion read."""
    started = time.perf_counter()
    depth = settings.candidates
    allowed = None if admitted.all() else np.flatnonzero(admitted[files.window_units]).astype(np.int64)
    dense_side = mode != "bm25"
    windows = nearest_windows(files.dense, files.window_units, query.vector, depth * 2, allowed) if dense_side else {}
    alone_windows = {}
    if dense_side and query.alone is not None:
        alone_windows = nearest_windows(files.dense, files.window_units, query.alone, depth * 2, allowed)
    timings["faiss"] = time.perf_counter() - started
    # Dates in every spelling (service.dates): the text may write "Sept. 5" for "September 5th";
    # a verb with its agent noun (service.word_forms): "successor X" for "succeeded X"; an office's
    # own word after another form of it (service.relations): "spokesperson" for "spokesman"; the
    # name of the one person the corpus titles with an office asked (service.titles).
    asked = office_words_added(agent_forms(lexical_forms(query.question)))
    asked = asked if titles is None else holder_name_added(asked, query.question, titles)
    lexical = lexical_scores(files.bm25, files.sentence_bm25, files.sentences, asked, query.history)
    lexical = lexical + NAMED_SHARE * named  # "the conclusion", "the overview"
    timings["bm25"] = time.perf_counter() - started - timings["faiss"]
    pool = set(windows) | set(alone_windows)
    if mode != "dense":
        pool.update(int(i) for i in top_admitted(lexical, admitted, depth))
    candidates = np.fromiter(sorted(u for u in pool if admitted[u]), dtype=np.int64)
    sentence = files.sentences.best_cosine(candidates, query.vector[0])
    cosine = _best_cosines(candidates, windows, sentence)
    alone_cosine = (
        None
        if query.alone is None
        else _best_cosines(candidates, alone_windows, files.sentences.best_cosine(candidates, query.alone[0]))
    )
    ranked = fuse(
        candidates, cosine, lexical[candidates], mode=mode, dense_weight=settings.dense_weight, alone=alone_cosine
    )
    timings["fusion"] = time.perf_counter() - started - timings["faiss"] - timings["bm25"]
    return ranked, windows, {int(u): float(c) for u, c in zip(candidates, sentence, strict=True)}


def late_reranked(
    files: IndexFiles,
    ranked: Ranked,
    query: Query,
    settings: Settings,
    windows: dict[int, float],
    sentences: dict[int, float],
    named: np.ndarray,
) -> Ranked:
    """The fused ranking's head re-ranked by late interaction; then, for a first question, the
    unit all three dense readings rank first moved to the lead (`lead_agreed`), late interaction
    read past the head for it when the best windows and sentences agree against the lead.
    `windows` and `sentences` are each candidate's best window and sentence cosine, `named` per
    unit whether the question names a heading it is under (as `_rank` gives them)."""
    ranked, late = _rerank(files, ranked, query, settings)
    if query.alone is None and late:
        sentence = np.array([sentences[int(u)] for u in ranked.units], dtype=np.float32)
        if _window_and_sentence_agree_against_the_lead(ranked, windows, sentence):
            late = late | _late_past_head(files, ranked, query, len(late))
        ranked = lead_agreed(ranked, windows, sentence, late, named)
    return ranked


def _rerank(files: IndexFiles, ranked: Ranked, query: Query, settings: Settings) -> tuple[Ranked, dict[int, float]]:
    """Late interaction over the fused head; a follow-up's MaxSim, like its cosine, is the mean
    of the in-context and the alone readings. Also each head unit's MaxSim ({} when none)."""
    depth = min(settings.rerank_depth, len(ranked.units))
    if depth < 2 or files.tokens is None:
        return ranked, {}
    head = [files.unit_tokens(int(u)) for u in ranked.units[:depth]]
    late = maxsim(query.tokens, head)
    if query.alone_tokens is not None:
        late = dense_evidence(late, maxsim(query.alone_tokens, head))
    by_unit = {int(u): float(v) for u, v in zip(ranked.units[:depth], late, strict=True)}
    return rerank(ranked, late, weight=settings.rerank_weight), by_unit


def _window_and_sentence_agree_against_the_lead(
    ranked: Ranked, windows: dict[int, float], sentence: np.ndarray
) -> bool:
    """Whether the unit the best windows rank first is the one the best sentences rank first, and
    not the lead: only then can `lead_agreed` move anything, and only then is late interaction
    read past the re-ranked head (`_late_past_head`)."""
    units = [int(u) for u in ranked.units]
    window = np.array([windows.get(u, -1.0) for u in units], dtype=np.float32)
    first = int(window.argmax())
    return first != 0 and first == int(sentence.argmax())


def _late_past_head(files: IndexFiles, ranked: Ranked, query: Query, depth: int) -> dict[int, float]:
    """The MaxSim of the units after the re-ranked head (its first `depth`), up to AGREED_DEPTH,
    for a first question (`lead_agreed` reads first questions only). They keep the fused order:
    this is for the readings' agreement, not a deeper re-rank."""
    past = ranked.units[depth:AGREED_DEPTH]
    if not len(past):
        return {}
    late = maxsim(query.tokens, [files.unit_tokens(int(u)) for u in past])
    return {int(u): float(v) for u, v in zip(past, late, strict=True)}


def lead_agreed(
    ranked: Ranked, windows: dict[int, float], sentence: np.ndarray, late: dict[int, float], named: np.ndarray
) -> Ranked:
    """`ranked` with the unit all three dense readings rank first moved to the lead, when it is
    among the units `late` reads (the fused first AGREED_DEPTH) and none of them ranks the present
    lead better than AGREED_RIVAL_RANK: `windows`, each unit's best window cosine; `sentence`,
    each candidate's best sentence cosine (in `ranked` order); `late`, those units' MaxSim. A lead
    under a heading the question names (`named`, per unit) keeps its place against a unit outside
    them: the dense readings do not read the heading ("What does the conclusion say about …?").
    Scores stay where they were, so the calibration reads the lead's margin as before
    (service.calibration)."""
    units = [int(u) for u in ranked.units]
    window = np.array([windows.get(u, -1.0) for u in units], dtype=np.float32)
    head = [u for u in units if u in late]
    maxsims = np.array([late[u] for u in head], dtype=np.float32)
    agreed = units[int(window.argmax())]
    if agreed == units[0] or agreed != units[int(sentence.argmax())] or agreed != head[int(maxsims.argmax())]:
        return ranked
    if named[units[0]] and not named[agreed]:
        return ranked
    lead_ranks = (
        _rank_of(window, 0),
        _rank_of(sentence, 0),
        _rank_of(maxsims, head.index(units[0])),
    )
    if min(lead_ranks) < AGREED_RIVAL_RANK:
        return ranked
    position = units.index(agreed)
    order = np.array([position, *(i for i in range(len(units)) if i != position)])
    return Ranked(ranked.units[order], ranked.scores, ranked.dense[order], ranked.lexical[order])


def _rank_of(values: np.ndarray, position: int) -> int:
    """The rank (1 = best) of `values[position]` among `values`, ties counted for it."""
    return int((values > values[position]).sum()) + 1


def _best_cosines(candidates: np.ndarray, windows: dict[int, float], sentences: np.ndarray) -> np.ndarray:
    """Each candidate's best window-or-sentence cosine (-1 when it has neither): `windows`, the
    best window cosine by unit; `sentences`, each candidate's best sentence cosine."""
    best: np.ndarray = np.maximum(
        np.array([windows.get(int(u), -1.0) for u in candidates], dtype=np.float32), sentences
    )
    return best


def dense_evidence(cosine: np.ndarray, alone: np.ndarray | None) -> np.ndarray:
    """What the dense side ranks by: the in-context cosine, averaged for a follow-up with the
    cosine of the question alone (`alone` is None for a first question)."""
    if alone is None:
        return cosine
    return CONTEXT_SHARE * cosine + (1.0 - CONTEXT_SHARE) * alone


def nearest_windows(
    index: faiss.Index, window_units: np.ndarray, query: np.ndarray, k: int, allowed: np.ndarray | None
) -> dict[int, float]:
    """Best window cosine of each unit among the `k` windows nearest to the query."""
    sims, ids = search(index, query, k, allowed)  # typed, widened parameters when filtered
    best: dict[int, float] = {}
    for window, sim in zip(ids[0], sims[0], strict=True):
        if window >= 0:
            unit = int(window_units[window])
            best[unit] = max(best.get(unit, -1.0), float(sim))
    return best


def top_admitted(scores: np.ndarray, admitted: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` best admitted units with a positive score."""
    candidates = np.flatnonzero(admitted & (scores > 0))
    if len(candidates) > k:
        candidates = candidates[np.argpartition(-scores[candidates], k)[:k]]
    return candidates


def lexical_scores(
    unit_bm25: Any, sentence_bm25: Any, sentences: SentenceTable, question: str, history: str
) -> np.ndarray:
    """BM25 of every unit: the whole unit plus its best sentence, the question plus history."""
    n = len(sentences.first) - 1
    whole = bm25_scores(unit_bm25, question, n)
    best_sentence = sentences.best_of_units(bm25_scores(sentence_bm25, question, len(sentences)))
    if history:
        whole = whole + HISTORY_SHARE * bm25_scores(unit_bm25, history, n)
        per_sentence = bm25_scores(sentence_bm25, history, len(sentences))
        best_sentence = best_sentence + HISTORY_SHARE * sentences.best_of_units(per_sentence)
    return minmax(whole) + SENTENCE_SHARE * minmax(best_sentence)


def minmax(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min(initial=0.0)), float(values.max(initial=0.0))
    return (values - low) / (high - low) if high > low else np.zeros_like(values)


def fuse(
    candidates: np.ndarray,
    cosine: np.ndarray,
    lexical: np.ndarray,
    *,
    mode: Mode,
    dense_weight: float,
    alone: np.ndarray | None = None,
) -> Ranked:
    """Rank candidates by one side, or by the weighted sum of both sides' normalised scores.

    `cosine` is each candidate's best cosine to the question in context; `alone`, for a
    follow-up, to the question on its own (see dense_evidence).
    """
    weight = {"dense": 1.0, "bm25": 0.0}.get(mode, dense_weight)
    dense = dense_evidence(cosine, alone)
    fused = weight * minmax(dense) + (1.0 - weight) * minmax(lexical)
    order = np.lexsort((-dense, -fused))
    return Ranked(candidates[order], fused[order], cosine[order], lexical[order])


def maxsim(query_tokens: np.ndarray, unit_tokens: list[np.ndarray]) -> np.ndarray:
    """For each unit, the mean over the question's word pieces of their best cosine to any of
    the unit's word pieces. One matrix product over all the units' pieces at once."""
    sizes = np.array([len(t) for t in unit_tokens])
    if len(query_tokens) == 0 or not sizes.all():
        return np.array([_maxsim_one(query_tokens, t) for t in unit_tokens], dtype=np.float32)
    similarities = query_tokens @ np.concatenate(unit_tokens, dtype=np.float32).T
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    late: np.ndarray = np.maximum.reduceat(similarities, starts, axis=1).mean(axis=0).astype(np.float32)
    return late


def _maxsim_one(query_tokens: np.ndarray, unit_tokens: np.ndarray) -> float:
    if len(query_tokens) == 0 or len(unit_tokens) == 0:
        return 0.0
    return float((query_tokens @ unit_tokens.T.astype(np.float32)).max(axis=1).mean())


def rerank(ranked: Ranked, late: np.ndarray, *, weight: float) -> Ranked:
    """Re-order the first len(late) candidates by fused score and MaxSim (`late`), weighted.

    The new scores are mapped into the range the re-ranked candidates' fused scores spanned,
    so scores still fall with rank across the re-ranked head and the untouched tail."""
    depth = len(late)
    if depth < 2:
        return ranked
    head = ranked.scores[:depth]
    combined = (1.0 - weight) * minmax(head) + weight * minmax(late)
    low, high = float(head.min()), float(head.max())
    span = float(combined.max() - combined.min())
    scores = ranked.scores.copy()
    scores[:depth] = low + (combined - combined.min()) * ((high - low) / span if span > 0 else 0.0)
    order = np.concatenate([np.argsort(-combined, kind="stable"), np.arange(depth, len(scores))])
    return Ranked(ranked.units[order], scores[order], ranked.dense[order], ranked.lexical[order])
