"""The evaluation harness: question sets in, retrieval metrics (computed by ranx) out.

    load_questions() -> an asker (the Engine in-process, or the service over HTTP) answers each
    question in file order -> relevance from the gold strings -> ranx -> EvalReport

Choices that decide the numbers (RELEVANCE_NOTES repeats them in every report):
- A returned unit is relevant when its text, normalised (case, whitespace, quote marks,
  superscript footnote markers, markdown asterisks), contains any gold string of the question.
- Recall divides by the relevant set. In-process that is every unit of the corpus whose text
  contains a gold (Engine.all_units()). Over HTTP the service does not list its units, so it is
  the returned units that contain a gold plus the ids in the question's optional "unit_ids"
  field: recall over HTTP is an upper bound unless "unit_ids" is filled in.
- An abstained answer retrieves nothing: for the ranking metrics an answerable question the
  engine abstains on is a miss, whatever results came with the abstention.
- Abstention is scored as a classifier: positives are questions with gold [], a predicted
  positive is an abstained answer.
- A question is missed when it is answerable and no relevant unit is in the top 5 (what a user
  sees by default) or the answer abstained, or when it has gold [] and the answer did not abstain.
- The extractive answer is scored apart from the ranking: "answer_hit@1" is the share of
  answerable questions whose first answer sentence contains a gold string (normalised as
  above), "answer_hit@3" whose answer (up to three sentences) does. An abstained answer
  has no sentences. A gold that runs across two sentences of its unit cannot be matched
  by one sentence (the question sets' golds are within one sentence).
- A question with "all_of" (a comparison whose two sides are stated apart: "Which came first,
  A or B?") is also scored by "all_quoted": its answer (up to three sentences) holds every one
  of those strings, each in some sentence (normalised as above); one side alone misses, as
  does an abstention. It is the share of such questions; None when a set holds none. It
  does not make a question missed.
- A source-of-a-claim question (one with a "claim") is also scored by "source_hit": the right
  footnote comes back attached to the right sentence. It hits when a sentence of the answer (up
  to three; a source answer quotes the note first and the claim after it) is the claim's
  sentence (contains it, normalised as above) and carries every footnote number the claim
  cites, or when the first result is the claim's passage and its footnote markers attach every
  such number to the sentence holding the claim. A claim whose text names its own source
  (no footnotes) hits when its sentence leads the answer carrying an attribution read from it
  (service.attributions) that names the question's "source": the attribution's words and the
  "source" text hold one another, whole words once normalised ("TTP data" in "According to TTP
  data"; a claim without a "source" needs its sentence to lead, no more). An abstained answer misses; a claim
  question that misses it is missed. Other questions have no source_hit.
- A list question (one with "listed", kind "source-list": "Which claims rest on interviews?") is
  also scored by "list_precision" and "list_recall" over the footnote numbers its answer lists
  (each answer sentence's "listed" notes, in the question's document) and, for a document without
  notes, the attributions it lists (each sentence's "listed_attributions", by their words against
  "attributed", normalised): precision is the share of
  listed items that are expected, recall the share of expected items listed, out of at most
  as many as a list answer quotes (LIST_CLAIMS, 10: a list of ten right notes out of 27 is
  complete as far as the cap lets it be; the answer's "source_list" counts them all). Both are 0
  for an abstention or an empty list; a list question whose expected list is empty (gold [])
  must abstain and has neither. A list question below 1 on either is missed.
- "uncited_references" counts false citations: over the answered questions that ask for a
  source (service.references.asks_for_source), the share whose answer quotes a note that no
  quoted sentence cites. A note's sentences are justified when the note leads the answer, a
  quoted sentence of the same document carries its number, or the answer lists the note itself
  as naming the asked source (a list of notes); any other quoted note is presented as a source
  of a claim that does not cite it. Lower is better.
- Scores are judged as probabilities: every result of an answer that did not abstain is one
  prediction (its score) of whether it contains a gold, except a list answer's, which hold a
  listed claim by construction (score 1) and are judged by list precision and recall instead;
  "score_calibration_error" is the
  count-weighted mean gap between mean score and hit rate over ten equal-width score bins
  (the reliability diagram the report prints).
- Each question asks for max(k, 10) results (MRR@10 and nDCG@10 need ten). Ranking metrics
  average over answerable questions; "success" is the share of questions not missed; latency
  is the wall time of each ask (over HTTP, including the round trip).
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import numpy as np
from numba.core.errors import NumbaWarning
from ranx import Qrels, Run
from ranx import evaluate as ranx_evaluate

from service.calibration import Bin, expected_calibration_error, reliability
from service.errors import BadInput
from service.evaluate.ask import Asker, EngineAsker, HttpAsker, Reply, Returned
from service.evaluate.questions import Claim, Listed, Question, contains_gold, load_questions
from service.records import MAX_TOP_K, Mode
from service.records import uncited_notes as records_uncited_notes
from service.references import asks_for_source
from service.source_list import LIST_CLAIMS
from service.text import normalise

if TYPE_CHECKING:
    from service.engine import Engine

__all__ = [
    "EvalReport",
    "ModeReport",
    "Outcome",
    "Question",
    "Returned",
    "all_quoted",
    "evaluate_engine",
    "evaluate_url",
    "list_scores",
    "load_questions",
    "metric_names",
    "source_hit",
    "uncited_notes",
]

MISS_CUTOFF = 5  # a user sees the top 5 by default (docs/api.md: top_k defaults to 5)
RELEVANCE_NOTES = (__doc__ or "").partition("repeats them in every report):")[2].strip()
# ranx needs at least one document per query in a run and in qrels. These two are never unit
# ids (ids have no spaces) and never match each other, so such a query scores 0 everywhere.
_NOTHING_RETRIEVED = "(nothing retrieved)"
_NOTHING_RELEVANT = "(no unit contains the gold)"
Metrics = dict[str, float | None]


@dataclass(frozen=True)
class Outcome:
    """A question, what it got back, how long that took, and which units were relevant."""

    question: Question
    reply: Reply
    latency_ms: float
    relevant: frozenset[str]
    searched_corpus: bool = True  # False over HTTP: only returned units were checked

    @property
    def first_hit_rank(self) -> int | None:
        """Rank (from 1) of the first returned unit that contains a gold, abstained or not."""
        for rank, result in enumerate(self.reply.results, start=1):
            if result.unit_id in self.relevant:
                return rank
        return None

    @property
    def answer_rank(self) -> int | None:
        """Position (from 1) of the first answer sentence that contains a gold, or None."""
        for position, sentence in enumerate(self.reply.answer, start=1):
            if contains_gold(sentence, self.question.gold):
                return position
        return None

    @property
    def all_quoted(self) -> bool | None:
        """Whether every "all_of" string is in some answer sentence; None without "all_of"."""
        wanted = self.question.all_of
        return None if not wanted else all_quoted(wanted, self.reply)

    @property
    def source_hit(self) -> bool | None:
        """Whether the claim's footnote came back attached to its sentence; None without a claim."""
        claim = self.question.claim
        return None if claim is None else source_hit(claim, self.reply)

    @property
    def list_scores(self) -> tuple[float, float] | None:
        """(precision, recall) of a list question's listed footnotes; None for other questions
        and for a list whose expected notes are none (it must abstain)."""
        listed = self.question.listed
        return None if listed is None or not listed.expected else list_scores(listed, self.reply)

    @property
    def uncited_reference(self) -> bool | None:
        """Whether a source answer quotes a note none of its sentences cites (module docstring);
        None for an abstention or a question that does not ask for a source."""
        if self.reply.abstained or not self.reply.answer_units or not asks_for_source(self.question.question):
            return None
        return bool(uncited_notes(self.reply))

    @property
    def miss_reason(self) -> str | None:
        """Why the question counts as missed, or None when the response was right."""
        rank, abstained = self.first_hit_rank, self.reply.abstained
        if not self.question.answerable:
            return None if abstained else "answered, but the corpus does not answer it"
        if not self.relevant and self.searched_corpus:
            return "no unit of the corpus contains a gold string (check the question's gold)"
        if abstained:
            return "abstained" + (f" (a gold unit was at rank {rank})" if rank else "")
        if rank is None:
            return "no returned unit contains a gold string"
        if rank > MISS_CUTOFF:
            return f"first gold unit at rank {rank}"
        return self._source_miss() or self._list_miss()

    def _list_miss(self) -> str | None:
        scores = self.list_scores
        if scores is None or scores == (1.0, 1.0):
            return None
        return f"list precision {scores[0]:.2f}, recall {scores[1]:.2f}"

    def _source_miss(self) -> str | None:
        claim = self.question.claim
        if claim is None or self.source_hit:
            return None
        if not claim.footnotes:
            return "the claim's sentence does not lead the answer with an attribution naming its source"
        notes = ", ".join(str(n) for n in claim.footnotes)
        return f"neither the answer's lead nor the first result attaches footnote {notes} to the claim's sentence"


def uncited_notes(reply: Reply) -> list[str]:
    """The notes an answer quotes that neither lead it nor are carried by a quoted sentence of
    their document nor listed as naming the asked source (a list of notes, "Which footnotes
    cite Dawn?"): quoted as sources of claims that do not cite them (service.records, the rule
    the engine holds its answers to)."""
    carried = [(*_at(reply.answer_footnotes, i), *_at(reply.answer_listed, i)) for i in range(len(reply.answer_units))]
    return records_uncited_notes(list(zip(reply.answer_units, carried, strict=True)))


def _at(numbers: Sequence[Sequence[int]], position: int) -> Sequence[int]:
    """The numbers of the answer's sentence at `position`, none when the reply lists fewer."""
    return numbers[position] if position < len(numbers) else ()


def all_quoted(wanted: Sequence[str], reply: Reply) -> bool:
    """Every string of `wanted` held by some sentence of the answer (an abstention holds none)."""
    if reply.abstained:
        return False
    return all(any(contains_gold(sentence, (string,)) for sentence in reply.answer) for string in wanted)


def _is_claim_sentence(claim: Claim, sentence: str) -> bool:
    return normalise(claim.sentence) in normalise(sentence)


def source_hit(claim: Claim, reply: Reply) -> bool:
    """The right footnote attached to the right sentence, in what leads the reply: an answer
    sentence with its footnotes, or the first result's markers (module docstring)."""
    if reply.abstained:
        return False
    if not claim.footnotes:
        if not reply.answer or not _is_claim_sentence(claim, reply.answer[0]):
            return False
        named = reply.answer_attributions[0] if reply.answer_attributions else ()
        return claim.source is None or any(_names(claim.source, words) for words in named)
    for position, sentence in enumerate(reply.answer):
        carried = reply.answer_footnotes[position] if position < len(reply.answer_footnotes) else ()
        if _is_claim_sentence(claim, sentence) and set(claim.footnotes) <= set(carried):
            return True
    if not reply.results:
        return False
    lead = reply.results[0]
    attached = {
        link.number for link in lead.footnote_refs if _is_claim_sentence(claim, lead.text[link.start : link.end])
    }
    return set(claim.footnotes) <= attached


def _names(source: str, words: str) -> bool:
    """Whether an attribution's words name `source`: one holds the other, whole words, once
    normalised ("TTP data" in "According to TTP data")."""
    wanted, have = _words(source), _words(words)
    return bool(have.strip()) and (have in wanted or wanted in have)


def _words(text: str) -> str:
    """Normalised text as space-delimited words, punctuation dropped: " moeed yusuf "."""
    words = _PUNCTUATION.sub(" ", normalise(text)).split()
    return " " + " ".join(words) + " "


_PUNCTUATION = re.compile(r"[^\w\s]")


ListedItem = int | str  # a footnote number, or an attribution's normalised words


def listed_items(listed: Listed, reply: Reply) -> set[ListedItem]:
    """The footnote numbers and attribution words a reply's answer lists in the question's
    document (unit ids start with their document's id and a colon: service.units)."""
    if reply.abstained:
        return set()
    prefix = f"{listed.document}:"
    pairs = zip(reply.answer_units, reply.answer_listed, strict=False)
    items: set[ListedItem] = {number for unit, numbers in pairs if unit.startswith(prefix) for number in numbers}
    said = zip(reply.answer_units, reply.answer_listed_attributions, strict=False)
    items |= {normalise(words) for unit, named in said if unit.startswith(prefix) for words in named}
    return items


def expected_items(listed: Listed) -> set[ListedItem]:
    return {*listed.footnotes, *(normalise(words) for words in listed.attributions)}


def list_scores(listed: Listed, reply: Reply) -> tuple[float, float]:
    """(precision, recall) of the listed items against the expected ones, recall out of at
    most LIST_CLAIMS (module docstring)."""
    got, expected = listed_items(listed, reply), expected_items(listed)
    right = len(got & expected)
    precision = right / len(got) if got else 0.0
    recall = min(1.0, right / min(len(expected), LIST_CLAIMS)) if expected else 0.0
    return precision, recall


def relevant_ids(question: Question, reply: Reply, corpus: Sequence[tuple[str, str]]) -> frozenset[str]:
    """Units that contain a gold: from the (id, normalised text) corpus, the reply, unit_ids."""
    if not question.answerable:
        return frozenset()
    golds = [normalise(g) for g in question.gold]
    returned = [(r.unit_id, normalise(r.text)) for r in reply.results]
    found = {uid for uid, text in (*corpus, *returned) if any(g in text for g in golds)}
    return frozenset(found | set(question.unit_ids))


def metric_names(k: int) -> list[str]:
    """Every metric of a report, in table order; thresholds use these names."""
    return [
        "questions",
        "answerable",
        "abstained",
        "hit@1",
        "hit@3",
        "hit@5",
        f"recall@{k}",
        "mrr@10",
        "ndcg@10",
        "answer_hit@1",
        "answer_hit@3",
        "all_quoted",
        "source_hit",
        "list_precision",
        "list_recall",
        "uncited_references",
        "abstain_precision",
        "abstain_recall",
        "answerable_abstained",
        "score_calibration_error",
        "success",
        "latency_p50_ms",
        "latency_p95_ms",
    ]


def _ranx_metrics(k: int) -> dict[str, str]:
    return {
        "hit@1": "hit_rate@1",
        "hit@3": "hit_rate@3",
        "hit@5": "hit_rate@5",
        f"recall@{k}": f"recall@{k}",
        "mrr@10": "mrr@10",
        "ndcg@10": "ndcg@10",
    }


def ranking_scores(
    qrels: Mapping[str, Mapping[str, int]], run: Mapping[str, Mapping[str, float]], k: int
) -> dict[str, dict[str, float]]:
    """Per-question score of every ranking metric (our names), computed by ranx."""
    names = _ranx_metrics(k)
    if not qrels:
        return {name: {} for name in names}
    ranx_run = Run.from_dict({q: dict(docs) for q, docs in run.items()})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NumbaWarning)  # numba warns while it first compiles
        ranx_evaluate(Qrels.from_dict({q: dict(d) for q, d in qrels.items()}), ranx_run, list(names.values()))
    return {name: {q: float(s) for q, s in ranx_run.scores[metric].items()} for name, metric in names.items()}


def qrels_and_run(outcomes: Sequence[Outcome]) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, float]]]:
    """ranx input for the answerable questions; an abstained answer retrieves nothing."""
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, dict[str, float]] = {}
    for outcome in outcomes:
        if not outcome.question.answerable:
            continue
        qid = outcome.question.id
        qrels[qid] = {uid: 1 for uid in sorted(outcome.relevant)} or {_NOTHING_RELEVANT: 1}
        ranked: dict[str, float] = {}
        if not outcome.reply.abstained:
            for rank, result in enumerate(outcome.reply.results, start=1):
                ranked.setdefault(result.unit_id, 1.0 / rank)  # distinct scores keep the order
        run[qid] = ranked or {_NOTHING_RETRIEVED: 0.0}
    return qrels, run


def _mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if values else None


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _abstention(outcomes: Sequence[Outcome]) -> Metrics:
    """Abstention as a classifier: positives have gold [], predictions are abstained answers."""
    tp = sum(o.reply.abstained and not o.question.answerable for o in outcomes)
    fp = sum(o.reply.abstained and o.question.answerable for o in outcomes)
    fn = sum(not o.reply.abstained and not o.question.answerable for o in outcomes)
    answerable = sum(o.question.answerable for o in outcomes)
    return {
        "abstain_precision": _ratio(tp, tp + fp),
        "abstain_recall": _ratio(tp, tp + fn),
        "answerable_abstained": _ratio(fp, answerable),
    }


def score_reliability(outcomes: Sequence[Outcome]) -> list[Bin]:
    """The reliability diagram of the scores returned with answers (abstentions carry none, and
    list answers are no prediction: module docstring)."""
    predicted = [
        o
        for o in outcomes
        if not o.reply.abstained and not any(o.reply.answer_listed) and not any(o.reply.answer_listed_attributions)
    ]
    shown = [(r.score, r.unit_id in o.relevant) for o in predicted for r in o.reply.results]
    return reliability([score for score, _ in shown], [hit for _, hit in shown])


def summarise(outcomes: Sequence[Outcome], scores: Mapping[str, Mapping[str, float]]) -> Metrics:
    """Every metric over `outcomes`, given the per-question ranx scores; None when undefined."""
    answerable = [o for o in outcomes if o.question.answerable]
    metrics: Metrics = {"questions": float(len(outcomes)), "answerable": float(len(answerable))}
    for name, per_question in scores.items():
        metrics[name] = _mean([per_question[o.question.id] for o in answerable])
    for depth in (1, 3):
        metrics[f"answer_hit@{depth}"] = _mean(
            [float(o.answer_rank is not None and o.answer_rank <= depth) for o in answerable]
        )
    metrics["all_quoted"] = _mean([float(bool(o.all_quoted)) for o in outcomes if o.question.all_of])
    metrics["source_hit"] = _mean([float(bool(o.source_hit)) for o in outcomes if o.question.claim is not None])
    listed = [scores for scores in (o.list_scores for o in outcomes) if scores is not None]
    metrics["list_precision"] = _mean([precision for precision, _ in listed])
    metrics["list_recall"] = _mean([recall for _, recall in listed])
    uncited = [o.uncited_reference for o in outcomes]
    metrics["uncited_references"] = _mean([float(u) for u in uncited if u is not None])
    metrics["abstained"] = _mean([float(o.reply.abstained) for o in outcomes])
    metrics.update(_abstention(outcomes))
    metrics["score_calibration_error"] = expected_calibration_error(score_reliability(outcomes))
    metrics["success"] = _mean([0.0 if o.miss_reason else 1.0 for o in outcomes])
    latencies = [o.latency_ms for o in outcomes]
    p50, p95 = np.percentile(latencies, [50, 95]) if latencies else (None, None)
    metrics["latency_p50_ms"] = None if p50 is None else float(p50)
    metrics["latency_p95_ms"] = None if p95 is None else float(p95)
    return metrics


@dataclass(frozen=True)
class ModeReport:
    """The metrics of one retrieval mode, overall and per question kind, and its outcomes."""

    mode: str
    metrics: Metrics
    kinds: dict[str, Metrics]
    outcomes: tuple[Outcome, ...]

    @property
    def reliability(self) -> list[Bin]:
        """Predicted against observed, per score bin (service.calibration.reliability)."""
        return score_reliability(self.outcomes)

    @property
    def abstain_reasons(self) -> list[tuple[str, int, int]]:
        """Per abstention reason (service.verdict.ABSTAIN_REASONS; "unknown" when the answer
        carries none, as an older service's): the answerable and the unanswerable questions it
        abstained on, most answerable first."""
        counts: dict[str, list[int]] = {}
        for outcome in self.outcomes:
            if outcome.reply.abstained:
                row = counts.setdefault(outcome.reply.abstain_reason or "unknown", [0, 0])
                row[0 if outcome.question.answerable else 1] += 1
        ordered = sorted(counts.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
        return [(reason, answerable, unanswerable) for reason, (answerable, unanswerable) in ordered]

    @property
    def misses(self) -> list[Outcome]:
        """The questions the response got wrong, in file order."""
        return [o for o in self.outcomes if o.miss_reason]


@dataclass(frozen=True)
class EvalReport:
    """One evaluation: which files, against what, and one ModeReport per mode."""

    files: tuple[str, ...]
    target: str  # "in-process" or the service's URL
    k: int
    modes: tuple[ModeReport, ...]


def score_mode(mode: str, outcomes: Sequence[Outcome], k: int) -> ModeReport:
    """Metrics of a finished run, overall and per kind (kinds in order of first appearance)."""
    scores = ranking_scores(*qrels_and_run(outcomes), k)
    kinds = {
        kind: summarise([o for o in outcomes if o.question.kind == kind], scores)
        for kind in dict.fromkeys(o.question.kind for o in outcomes)
    }
    return ModeReport(mode, summarise(outcomes, scores), kinds, tuple(outcomes))


def run_mode(
    questions: Sequence[Question], asker: Asker, *, mode: str, k: int, on_progress: Callable[[], None] | None = None
) -> ModeReport:
    """Ask every question in file order, time each ask, and score the run."""
    corpus = [(unit.unit_id, normalise(unit.text)) for unit in asker.corpus()]
    outcomes: list[Outcome] = []
    for question in questions:
        start = time.perf_counter()
        reply = asker.ask(question)
        latency_ms = (time.perf_counter() - start) * 1000.0
        relevant = relevant_ids(question, reply, corpus)
        outcomes.append(Outcome(question, reply, latency_ms, relevant, bool(corpus)))
        if on_progress is not None:
            on_progress()
    return score_mode(mode, outcomes, k)


def _check_k(k: int) -> int:
    if not 1 <= k <= MAX_TOP_K:
        raise BadInput(f"k must be between 1 and {MAX_TOP_K}, not {k}")
    return max(k, 10)  # MRR@10 and nDCG@10 need ten results whatever k is


def _files(questions: Sequence[Question]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q.file for q in questions))


def evaluate_engine(
    engine: Engine,
    questions: Sequence[Question],
    *,
    modes: Sequence[Mode] = ("hybrid",),
    k: int = 10,
    on_progress: Callable[[], None] | None = None,
) -> EvalReport:
    """Evaluate the Engine in-process, once per retrieval mode."""
    top_k = _check_k(k)
    reports = tuple(
        run_mode(questions, EngineAsker(engine, mode=mode, top_k=top_k), mode=mode, k=k, on_progress=on_progress)
        for mode in modes
    )
    return EvalReport(_files(questions), "in-process", k, reports)


def evaluate_url(
    url: str,
    questions: Sequence[Question],
    *,
    k: int = 10,
    on_progress: Callable[[], None] | None = None,
    timeout: float = 60.0,
    headers: Mapping[str, str] | None = None,
) -> EvalReport:
    """Evaluate a running service through POST {url}/v1/ask (hybrid retrieval only)."""
    top_k = _check_k(k)
    with httpx.Client(timeout=timeout, headers=dict(headers or {})) as client:
        asker = HttpAsker(client, url, top_k=top_k)
        report = run_mode(questions, asker, mode="hybrid", k=k, on_progress=on_progress)
    return EvalReport(_files(questions), url, k, (report,))
