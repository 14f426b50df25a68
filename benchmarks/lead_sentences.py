"""Diagnostic (not a test): the candidate lead sentences of each question's answer, with the
features a lead-sentence selector could weigh, and which one leads today.

    .venv/bin/python benchmarks/lead_sentences.py corpus/questions/dev.jsonl --out /tmp/leads.jsonl
        [--id d016 ...]

Every question is asked as `cited eval` asks it (service.evaluate.ask.EngineAsker: a
conversation's turns carried along). The candidates are the eligible sentences of the answer's
top ANSWER_UNITS results, with their adjusted scores, as service.answer.chosen_sentences gathers
them; a question answered otherwise (a note by number, a list, a card, an abstention before
composing) has none. One JSON line a question: its id, kind, what it asks for (source,
definition, date/quantity, name), whether the answer's lead is the one chosen_sentences put
first (`composed`: false when a later step replaced the answer), the answer's sentences, and per
candidate its features (FEATURE_NAMES) and `gold` (it contains a gold string, normalised as the
harness does). Reading it: docs/tuning.md, "A learned lead sentence".
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import service.answer as answer_module
import service.composing as composing
import service.engine as engine_module
import service.lead as lead_module
from service.answer import ComposeRequest
from service.answer_type import names_someone_new
from service.composing import Sources
from service.engine import Engine, load_engine
from service.evaluate.ask import EngineAsker
from service.evaluate.questions import Question, contains_gold, load_questions
from service.lead import LATE_WEIGHT
from service.retrieve import Ranked
from service.sentences import ScoredSentence, late_scores
from service.settings import get_settings

FEATURE_NAMES = (
    "score",  # the adjusted score (cosine + LEXICAL_WEIGHT × share + bonuses)
    "cosine",  # cosine to the question in context
    "share",  # share of the question's own terms the sentence holds
    "idf_share",  # the same, each term weighed by its rarity among sentences
    "late",  # the sentence's own MaxSim to the question's word pieces
    "lead_score",  # score + LATE_WEIGHT × late, as today's lead is chosen (late left out for date/quantity)
    "rank2",  # its unit is the second result
    "rank3",  # the third
    "fused",  # its unit's fused score
    "fused_gap",  # the first result's fused score minus its unit's
    "first",  # the first sentence of its unit
    "position",  # its position in the unit, 0 (first) to 1 (last)
    "prev_share",  # share of the question's terms the previous sentence of its unit holds
    "typed",  # states the asked date or quantity, or defines the asked term
    "named",  # names someone new, for a "Who…"/"Which…" question
    "reference",  # a reference entry
    "length",  # log of its length in characters
)


@dataclass
class Captured:
    """What the last compose call of a question saw."""

    ranked: Ranked | None = None
    chosen: list[Any] = field(default_factory=list)  # (pool, asked, sources, candidates)


@contextmanager
def recording() -> Iterator[Captured]:
    """Record what composing sees while inside: the ranking it composes from (after demotion)
    and the pool and candidates of chosen_sentences. The engine's own functions run unchanged,
    and are put back on leaving."""
    captured = Captured()
    compose, demote, chosen = engine_module.compose, answer_module.demote, answer_module.chosen_sentences

    def recording_compose(request: ComposeRequest, *args: Any, **kwargs: Any) -> Any:
        captured.ranked, captured.chosen = request.ranked, []
        return compose(request, *args, **kwargs)

    def recording_demote(*args: Any, **kwargs: Any) -> Ranked:
        captured.ranked = demote(*args, **kwargs)
        return captured.ranked

    def recording_chosen(pool: Any, asked: Any, sources: Sources, floor: float, *rest: Any) -> Any:
        candidates = chosen(pool, asked, sources, floor, *rest)
        captured.chosen = [pool, asked, sources, candidates]
        return candidates

    engine_module.compose = recording_compose  # type: ignore[assignment]
    answer_module.demote = recording_demote
    answer_module.chosen_sentences = recording_chosen
    try:
        yield captured
    finally:
        engine_module.compose, answer_module.demote = compose, demote  # type: ignore[assignment]
        answer_module.chosen_sentences = chosen


def question_record(question: Question, reply: Any) -> dict[str, Any]:
    """A question's record before its candidates: what was asked and what the engine answered."""
    return {
        "id": question.id,
        "kind": question.kind,
        "conversation": question.conversation,
        "answerable": question.answerable,
        "claim": question.claim is not None,
        "list": question.listed is not None,
        "abstained": reply.abstained,
        "answer": list(reply.answer),
        "answer_units": list(reply.answer_units),
        "answer_gold": [contains_gold(s, question.gold) for s in reply.answer],
        "candidates": [],
    }


def candidates(
    pool: Sequence[tuple[Any, list[ScoredSentence]]], asked: Any, sources: Sources, ranked: Ranked
) -> list[tuple[ScoredSentence, Any, dict[str, float]]]:
    """The eligible sentences of the pool's units with their features (FEATURE_NAMES)."""
    out = []
    first_fused = float(ranked.scores[0])
    share_of = sources.term_share or (lambda term: 1.0)
    weights = {t: -math.log(max(share_of(t), 1e-6)) for t in asked.terms}
    total = sum(weights.values()) or 1.0
    for rank, (unit, scored) in enumerate(pool, start=1):
        eligible = [s for s in scored if answer_module.is_eligible(s, unit, asked, sources)]
        if not eligible:
            continue
        late = _late(eligible, asked, sources)
        fused = float(ranked.scores[rank - 1])
        rows = [s.row for s in scored]
        for sentence, maxsim in zip(eligible, late, strict=True):
            adjusted = answer_module.adjusted_sentence(sentence, unit, asked, sources)
            terms = sources.sentence_terms.get(sentence.row, frozenset())
            previous = next((s for s in scored if s.row == sentence.row - 1), None)
            text = unit.text[sentence.start : sentence.end]
            typed = (asked.wanted is not None and composing.states_wanted(asked, unit, sentence)) or (
                composing.defines_asked_term(asked, unit, sentence)
            )
            features = {
                "score": adjusted.score,
                "cosine": sentence.score - answer_module.LEXICAL_WEIGHT * sentence.overlap,
                "share": sentence.overlap,
                "idf_share": sum(w for t, w in weights.items() if t in terms) / total,
                "late": maxsim,
                "lead_score": adjusted.score + (LATE_WEIGHT * maxsim if asked.wanted is None else 0.0),
                "rank2": float(rank == 2),
                "rank3": float(rank == 3),
                "fused": fused,
                "fused_gap": first_fused - fused,
                "first": float(sentence.row == rows[0]),
                "position": rows.index(sentence.row) / max(len(rows) - 1, 1),
                "prev_share": lead_module.asked_share(previous, asked, sources) if previous else 0.0,
                "typed": float(typed),
                "named": float(asked.name and names_someone_new(text, asked.question)),
                "reference": float(bool(sources.reference[sentence.row])),
                "length": math.log(max(len(text), 1)),
            }
            out.append((adjusted, unit, features))
    return out


def _late(sentences: list[ScoredSentence], asked: Any, sources: Sources) -> list[float]:
    if asked.tokens is None or sources.pieces is None:
        return [0.0] * len(sentences)
    spans, vectors = sources.pieces(sentences[0].unit_index)
    return [float(x) for x in late_scores(asked.tokens, spans, vectors, [(s.start, s.end) for s in sentences])]


def dump(engine: Engine, questions: Sequence[Question]) -> Iterator[dict[str, Any]]:
    """One record a question (module docstring), in file order."""
    with recording() as captured:
        yield from _records(engine, questions, captured)


def _records(engine: Engine, questions: Sequence[Question], captured: Captured) -> Iterator[dict[str, Any]]:
    asker = EngineAsker(engine, mode="hybrid", top_k=10)
    for question in questions:
        captured.ranked, captured.chosen = None, []
        reply = asker.ask(question)
        record = question_record(question, reply)
        if captured.chosen and captured.ranked is not None:
            pool, asked, sources, chosen = captured.chosen
            lead = chosen[0][0] if chosen else None
            lead_text = chosen[0][1].text[lead.start : lead.end] if lead else None
            record |= {
                "source": asked.source,
                "defined": asked.defined is not None,
                "wanted": asked.wanted is not None,
                "name": asked.name,
                "repeated": bool(asked.repeated),
                "composed": bool(reply.answer) and reply.answer[0] == lead_text,
            }
            for sentence, unit, features in candidates(pool, asked, sources, captured.ranked):
                text = unit.text[sentence.start : sentence.end]
                record["candidates"].append(
                    {
                        "unit": unit.id,
                        "row": sentence.row,
                        "text": text,
                        "gold": contains_gold(text, question.gold),
                        "lead": lead is not None and sentence.row == lead.row,
                        "features": features,
                    }
                )
        yield record


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--id", nargs="*", default=None, help="only these question ids (their conversations too)")
    args = parser.parse_args(argv)
    questions = load_questions(args.files)
    if args.id:
        keep = {q.conversation_key for q in questions if q.id in args.id and q.conversation_key}
        questions = [q for q in questions if q.id in args.id or (q.conversation_key and q.conversation_key in keep)]
    engine = load_engine(get_settings())
    with args.out.open("w", encoding="utf-8") as out:
        for record in dump(engine, questions):
            out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
