"""Diagnostic (not a test): where each retrieval signal ranks a question's gold unit, to see
why a question misses: is the answer's unit found by the window vectors, by its best sentence's
vector, by BM25, by late interaction, and lost in fusion, or found by none?

    .venv/bin/python benchmarks/signals.py corpus/questions/dev.jsonl [--kind paraphrase]
        [--id d045 ...] [--depth 100]

Columns, each the rank (from 1; ties share the better rank) of the best-ranked unit that
holds a gold string, the question read on its own (conversation turns are skipped: their
history changes every signal):

- `window`: best window cosine, over every window (FAISS asked for all of them: exact on an
  exact index; an inverted-file index returns only the windows its probes reach);
- `sentence`: best sentence cosine, over every sentence's stored vector;
- `bm25`, `bm25 sent`, `lexical`: BM25 of the whole unit, of its best sentence, and the two
  as the lexical side sums them (service.retrieve.lexical_scores);
- `maxsim`: late interaction (MaxSim over the stored word pieces), among the fused first
  `--depth` units and the gold units (it reads every piece: the whole corpus is too slow
  at 100k units);
- `fused`: the fused order, before re-ranking; `ranked`: after it (service.retrieve.rank);
- `answer`: the rank in `Engine.ask`'s results (after the answer step's reordering), "-" when
  the gold unit is not among them (at most `--depth`, and no more than the API's most) or the
  engine abstained.

Reading it: docs/tuning.md, "Paraphrases: what each signal finds".
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from service.ann import search
from service.bm25 import bm25_scores
from service.dates import lexical_forms
from service.engine import Engine, load_engine
from service.evaluate.questions import Question, contains_gold, load_questions
from service.records import MAX_TOP_K
from service.retrieve import encode, lexical_scores, maxsim, rank
from service.settings import Settings, get_settings

SIGNALS = ("window", "sentence", "bm25", "bm25 sent", "lexical", "maxsim", "fused", "ranked", "answer")


def rank_of_best(scores: np.ndarray, gold: np.ndarray) -> int | None:
    """Rank (from 1) of the best-scoring unit among `gold` (indices), ties sharing the better
    rank: 1 + how many units score strictly higher. None without gold units."""
    if len(gold) == 0:
        return None
    return int((scores > scores[gold].max()).sum()) + 1


def position_of_first(order: Sequence[int], gold: np.ndarray) -> int | None:
    """Position (from 1) of the first unit of `order` among `gold`, None if none is there."""
    wanted = set(gold.tolist())
    return next((place for place, unit in enumerate(order, start=1) if int(unit) in wanted), None)


def gold_units(engine: Engine, gold: Sequence[str]) -> np.ndarray:
    """Indices of the units whose text holds a gold string (as the harness matches them)."""
    return np.array([i for i, unit in enumerate(engine.files.units) if contains_gold(unit.text, list(gold))], dtype=int)


def sentence_cosines(vectors: np.ndarray, query: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """Every stored sentence vector's cosine to `query`, widened to float32 a chunk at a time
    (the vectors are float16 and memory-mapped: 322k sentences at 100k units)."""
    return np.concatenate(
        [np.asarray(vectors[i : i + chunk], dtype=np.float32) @ query for i in range(0, len(vectors), chunk)]
        or [np.zeros(0, dtype=np.float32)]
    )


def signal_ranks(engine: Engine, question: str, gold: np.ndarray, depth: int = 100) -> dict[str, int | None]:
    """Where each signal (module docstring) ranks the best of the `gold` units for `question`."""
    files, settings = engine.files, engine.settings
    n = len(files.units)
    query = encode(engine.embedder, question, (), "hybrid")
    vector = query.vector[0]
    window = np.full(n, -1.0, dtype=np.float32)
    sims, ids = search(files.dense, query.vector, files.dense.ntotal, None)
    found = ids[0] >= 0
    np.maximum.at(window, files.window_units[ids[0][found]], sims[0][found])
    sentence = files.sentences.best_of_units(sentence_cosines(files.sentences.vectors, vector))
    forms = lexical_forms(question)
    whole = bm25_scores(files.bm25, forms, n)
    best_sentence = files.sentences.best_of_units(bm25_scores(files.sentence_bm25, forms, len(files.sentences)))
    lexical = lexical_scores(files.bm25, files.sentence_bm25, files.sentences, forms, "")
    fused = rank(files, query, None, "hybrid", settings.model_copy(update={"rerank_depth": 0}))
    ranked = rank(files, query, None, "hybrid", settings)
    late = np.full(n, -np.inf, dtype=np.float32)
    if files.tokens is not None:
        head = np.union1d(fused.units[:depth], gold).astype(int)
        late[head] = maxsim(query.tokens, [files.unit_tokens(int(u)) for u in head])
    answer = engine.ask(question, top_k=min(depth, MAX_TOP_K))
    by_id = {unit.id: i for i, unit in enumerate(files.units)}
    answered = [by_id[r.hit.unit.id] for r in answer.results]
    return {
        "window": rank_of_best(window, gold),
        "sentence": rank_of_best(sentence, gold),
        "bm25": rank_of_best(whole, gold),
        "bm25 sent": rank_of_best(best_sentence, gold),
        "lexical": rank_of_best(lexical, gold),
        "maxsim": rank_of_best(late, gold) if files.tokens is not None else None,
        "fused": position_of_first(fused.units, gold),
        "ranked": position_of_first(ranked.units, gold),
        "answer": position_of_first(answered, gold),
    }


def single_questions(paths: Sequence[Path], kinds: Sequence[str], ids: Sequence[str]) -> list[Question]:
    """The answerable questions outside conversations, of the given kinds and ids (all if none)."""
    return [
        q
        for q in load_questions(list(paths))
        if q.answerable and q.conversation is None and (not kinds or q.kind in kinds) and (not ids or q.id in ids)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--kind", action="append", default=[], help="only questions of this kind (repeatable)")
    parser.add_argument("--id", action="append", default=[], help="only this question (repeatable)")
    parser.add_argument("--depth", type=int, default=100)
    args = parser.parse_args()
    settings: Settings = get_settings()
    engine = load_engine(settings)
    print("| id | kind | " + " | ".join(SIGNALS) + " |")
    print("|---|---|" + "---:|" * len(SIGNALS))
    for question in single_questions(args.files, args.kind, args.id):
        ranks = signal_ranks(engine, question.question, gold_units(engine, question.gold), args.depth)
        cells = ["-" if ranks[s] is None else str(ranks[s]) for s in SIGNALS]
        print(f"| {question.id} | {question.kind} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
