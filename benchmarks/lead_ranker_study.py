"""Study (not a test): does a learned combination of the engine's own signals choose the
answer's lead sentence better than service/answer.py's hand-set rules?

    .venv/bin/python benchmarks/lead_ranker_study.py extract corpus/questions/dev.jsonl --out /tmp/ltr-dev.jsonl
    .venv/bin/python benchmarks/lead_ranker_study.py extract corpus/questions/test.jsonl --out /tmp/ltr-test.jsonl
    .venv/bin/python benchmarks/lead_ranker_study.py fit /tmp/ltr-dev.jsonl [--heldout /tmp/ltr-test.jsonl]

`extract` asks every question of a set as `cited eval` asks it (service.evaluate.ask.EngineAsker,
conversations carried along, k = 10) and writes one JSON line a question: the engine's answer,
and every eligible sentence of the top three results (the ones service.answer.chosen_sentences
chooses among) and of results 4 and 5, each with its features (FEATURE_NAMES: those of
benchmarks/lead_sentences.py and a few more) and its label, whether it contains a gold
(service.evaluate.questions.contains_gold). The engine runs unchanged: composing is only
recorded (lead_sentences.recording).

`fit` reads the cache: on dev, five-fold cross-validation grouped by conversation (a question
outside one is its own group) of per-question softmax (conditional logit) and pairwise logistic
rankers over feature sets, and a small gradient-boosted pointwise ranker; each compared with the
engine's own lead on the same questions. With --heldout, the model chosen on dev CV is fitted on
all of dev and measured once on held-out, overall and by kind. Reading it: docs/tuning.md, "A
learned lead sentence, again" (session 21).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from lead_sentences import Captured, candidates, question_record, recording
from scipy.optimize import minimize
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

import service.engine as engine_module
from service.answer import ANSWER_UNITS, LEXICAL_WEIGHT
from service.answer_type import names_a_place
from service.engine import Engine, load_engine
from service.evaluate.ask import EngineAsker
from service.evaluate.questions import Question, contains_gold, load_questions
from service.lead import PARTLY_RESTATES, RESTATES, holds_kind
from service.sentences import leans_on_previous, score_sentences
from service.settings import get_settings

DEPTH = 5  # results whose sentences are candidates (the answer chooses among the first ANSWER_UNITS)

EXTRA_FEATURES = (
    "unit_rank",  # its unit's rank, 1–5
    "in_pool",  # its unit is among the first ANSWER_UNITS, which the answer chooses among today
    "footnote",  # its unit is a footnote
    "restates",  # holds RESTATES of the question's terms
    "partly",  # holds PARTLY_RESTATES of them
    "kind_held",  # holds what the question asks for by its noun (answer_type.asked_kind)
    "place",  # names a place, for a "Where…?" question
    "leans",  # leans on the sentence before ("to do so")
    "repeated",  # an earlier answer of the conversation quoted it
    "chosen_order",  # its place in chosen_sentences's order (1 leads), 0 when not chosen
    "engine_lead",  # the engine's answer leads with it
    "in_answer",  # the engine's answer quotes it (1–3), 0 when not
)


# Composing also needs the sentence vector to score results 4 and 5's sentences.
_vectors: list[Any] = []


def _record_vector() -> None:
    compose = engine_module.compose  # type: ignore[attr-defined]

    def with_vector(request: Any, *args: Any, **kwargs: Any) -> Any:
        _vectors[:] = [request.vector]
        return compose(request, *args, **kwargs)

    setattr(engine_module, "compose", with_vector)  # noqa: B010 (patched, as lead_sentences.recording does)


def _extended_pool(pool: list[Any], asked: Any, sources: Any, ranked: Any) -> list[Any]:
    """The answer's pool (the first ANSWER_UNITS results) and the next results up to DEPTH."""
    if not _vectors:
        return pool
    taken = {id(unit) for unit, _ in pool}
    extended = list(pool)
    for index in ranked.units[: DEPTH + 2]:
        if len(extended) >= DEPTH:
            break
        unit = sources.units[int(index)]
        if id(unit) in taken:
            continue
        scored = score_sentences(
            sources.sentences, int(index), _vectors[0], set(asked.terms), sources.sentence_terms, LEXICAL_WEIGHT
        )
        extended.append((unit, scored))
    return extended


def _records(engine: Engine, questions: Sequence[Question], captured: Captured) -> Iterator[dict[str, Any]]:
    asker = EngineAsker(engine, mode="hybrid", top_k=10)
    for question in questions:
        captured.ranked, captured.chosen = None, []
        _vectors.clear()
        reply = asker.ask(question)
        record = question_record(question, reply)
        if not (captured.chosen and captured.ranked is not None):
            yield record
            continue
        pool, asked, sources, chosen = captured.chosen
        order: dict[tuple[str, int], int] = {}
        for s, unit in chosen:  # the rest repeats the lead: its first place counts
            order.setdefault((unit.id, s.row), len(order) + 1)
        quoted: dict[tuple[str, str], int] = {}
        for pair in zip(reply.answer_units, reply.answer, strict=True):
            quoted.setdefault(pair, len(quoted) + 1)
        lead = (reply.answer_units[0], reply.answer[0]) if reply.answer else None
        repeated = {(q.unit_id, q.span) for q in asked.repeated}
        record |= {
            "source": asked.source,
            "defined": asked.defined is not None,
            "wanted": asked.wanted is not None,
            "name": asked.name,
            "where": asked.places is not None,
            "asked_kind": asked.kind is not None,
            "followup": bool(question.conversation) and bool(asked.repeated),
        }
        extended = _extended_pool(pool, asked, sources, captured.ranked)
        ranks = {id(unit): rank for rank, (unit, _) in enumerate(extended, start=1)}
        for sentence, unit, features in candidates(extended, asked, sources, captured.ranked):
            text = unit.text[sentence.start : sentence.end]
            rank = ranks[id(unit)]
            features |= {
                "unit_rank": float(rank),
                "in_pool": float(rank <= ANSWER_UNITS),
                "footnote": float(unit.kind == "footnote"),
                "restates": float(sentence.overlap >= RESTATES),
                "partly": float(sentence.overlap >= PARTLY_RESTATES),
                "kind_held": float(asked.kind is not None and holds_kind(asked.kind, unit, sentence, asked.question)),
                "place": float(asked.places is not None and names_a_place(text, asked.places)),
                "leans": float(leans_on_previous(text)),
                "repeated": float((unit.id, (sentence.start, sentence.end)) in repeated),
                "chosen_order": float(order.get((unit.id, sentence.row), 0)),
                "engine_lead": float(lead == (unit.id, text)),
                "in_answer": float(quoted.get((unit.id, text), 0)),
            }
            record["candidates"].append(
                {"unit": unit.id, "row": sentence.row, "text": text, "gold": contains_gold(text, question.gold)}
                | {"features": features}
            )
        yield record


def extract(files: Sequence[Path], out: Path) -> None:
    questions = load_questions(files)
    engine = load_engine(get_settings())
    _record_vector()
    clock = time.time()
    with out.open("w", encoding="utf-8") as sink, recording() as captured:
        for done, record in enumerate(_records(engine, questions, captured), start=1):
            sink.write(json.dumps(record) + "\n")
            if done % 50 == 0:
                sink.flush()
                print(f"{done}/{len(questions)} {time.time() - clock:.0f}s", file=sys.stderr, flush=True)
    print(f"done {len(questions)} in {time.time() - clock:.0f}s", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="ask a set's questions and cache the candidates' features")
    ex.add_argument("files", nargs="+", type=Path)
    ex.add_argument("--out", type=Path, required=True)
    fit = sub.add_parser("fit", help="cross-validate rankers on dev; with --heldout, measure once")
    fit.add_argument("dev", type=Path)
    fit.add_argument("--heldout", type=Path)
    fit.add_argument("--chosen", help="DEPTH/SET/SPEC an earlier run of the grid chose: skip the grid")
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract(args.files, args.out)
    else:
        with threadpool_limits(1):  # a shared machine: one thread, no spinning
            study(args.dev, args.heldout, args.chosen)


# ---------------------------------------------------------------------------------------------
# Fitting


BASE = (
    "score",
    "cosine",
    "share",
    "idf_share",
    "late",
    "lead_score",
    "rank2",
    "rank3",
    "fused_gap",
    "first",
    "position",
    "prev_share",
    "typed",
    "named",
    "reference",
    "length",
)
EXTRA = ("restates", "partly", "footnote", "kind_held", "place", "leans", "repeated", "late_untyped")
RELATIVE = tuple(f"{name}_gap" for name in ("score", "lead_score", "cosine", "late", "share", "idf_share"))
ENGINE = ("engine_lead", "chosen1", "chosen2", "chosen3")
FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "lead_score": ("lead_score", "rank2", "rank3"),
    "base": BASE,
    "base+extra": BASE + EXTRA,
    "base+extra+gaps": BASE + EXTRA + RELATIVE,
    "all+engine": BASE + EXTRA + RELATIVE + ENGINE,
}


class Question_:
    """One question's candidates as matrices."""

    def __init__(self, record: dict[str, Any], depth: int) -> None:
        self.id, self.kind = record["id"], record["kind"]
        self.group = record["conversation"] or record["id"]
        # depth 0: the sentences of the engine's lead unit only (the unit kept, the sentence chosen)
        lead_unit = next((c["unit"] for c in record["candidates"] if c["features"]["engine_lead"]), None)
        kept = [
            c
            for c in record["candidates"]
            if (c["features"]["unit_rank"] <= depth if depth else c["unit"] == lead_unit)
        ]
        self.gold = np.array([c["gold"] for c in kept], dtype=bool)
        self.engine = np.array([c["features"]["engine_lead"] for c in kept]) > 0
        self.engine_hit = bool(record["answer_gold"][0])
        rows = [dict(c["features"]) for c in kept]
        wanted = float(record.get("wanted", False))
        for row in rows:
            row["late_untyped"] = row["late"] * (1.0 - wanted)  # the lead ignores MaxSim for dates and quantities
            for n in (1, 2, 3):
                row[f"chosen{n}"] = float(row["chosen_order"] == n)
        for name in ("score", "lead_score", "cosine", "late", "share", "idf_share"):
            best = max(row[name] for row in rows)
            for row in rows:
                row[f"{name}_gap"] = row[name] - best
        self.rows = rows

    def matrix(self, names: Sequence[str]) -> np.ndarray:
        return np.array([[row[n] for n in names] for row in self.rows], dtype=float)


def in_scope(record: dict[str, Any]) -> bool:
    """Answerable, answered, and led by one of the candidates (the lead composing chose among
    them): the questions whose lead a learned chooser could replace."""
    return (
        record["answerable"]
        and not record["abstained"]
        and bool(record["answer"])
        and any(c["features"]["engine_lead"] for c in record["candidates"])
    )


def load_set(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as source:
        return [json.loads(line) for line in source]


class Softmax:
    """Per-question softmax over candidates (conditional logit), ridge-penalised; a question
    whose candidates hold no gold teaches nothing and is left out of fitting."""

    def __init__(self, ridge: float) -> None:
        self.ridge = ridge

    def fit(self, blocks: list[tuple[np.ndarray, np.ndarray]]) -> Softmax:
        blocks = [(x, y) for x, y in blocks if y.any()]
        x_all = np.vstack([x for x, _ in blocks])
        self.mean, self.scale = x_all.mean(axis=0), x_all.std(axis=0) + 1e-9
        x = (x_all - self.mean) / self.scale
        y = np.concatenate([y for _, y in blocks])
        starts = np.cumsum([0] + [len(b) for b, _ in blocks[:-1]])
        owner = np.repeat(np.arange(len(blocks)), [len(b) for b, _ in blocks])
        width = x_all.shape[1]

        def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
            s = x @ w
            s = s - np.maximum.reduceat(s, starts)[owner]
            p = np.exp(s)
            z = np.add.reduceat(p, starts)
            zg = np.add.reduceat(p * y, starts)
            total = 0.5 * self.ridge * float(w @ w) - float(np.sum(np.log(zg) - np.log(z)))
            coef = p / z[owner] - y * p / zg[owner]
            return total, self.ridge * w + x.T @ coef

        self.w = minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B").x
        return self

    def scores(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(((x - self.mean) / self.scale) @ self.w)


class Pairwise:
    """Logistic regression on (gold − other) differences within a question, each question
    weighing 1."""

    def __init__(self, ridge: float) -> None:
        self.ridge = ridge

    def fit(self, blocks: list[tuple[np.ndarray, np.ndarray]]) -> Pairwise:
        x_all = np.vstack([x for x, _ in blocks])
        self.mean, self.scale = x_all.mean(axis=0), x_all.std(axis=0) + 1e-9
        diffs, weights = [], []
        for x, y in blocks:
            if not y.any() or y.all():
                continue
            z = (x - self.mean) / self.scale
            d = (z[y][:, None, :] - z[~y][None, :, :]).reshape(-1, z.shape[1])
            diffs += [d, -d]
            weights += [np.full(2 * len(d), 1.0 / (2 * len(d)))]
        d_all = np.vstack(diffs)
        labels = np.concatenate([np.ones(len(d)) if i % 2 == 0 else np.zeros(len(d)) for i, d in enumerate(diffs)])
        model = LogisticRegression(C=1.0 / self.ridge, fit_intercept=False, max_iter=2000)
        model.fit(d_all, labels, sample_weight=np.concatenate(weights))
        self.w = model.coef_[0]
        return self

    def scores(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(((x - self.mean) / self.scale) @ self.w)


class Boosted:
    """A small gradient-boosted pointwise classifier; the candidate it rates likeliest leads."""

    def __init__(self, iterations: int) -> None:
        self.iterations = iterations

    def fit(self, blocks: list[tuple[np.ndarray, np.ndarray]]) -> Boosted:
        blocks = [(x, y) for x, y in blocks if y.any()]
        x_all = np.vstack([x for x, _ in blocks])
        y_all = np.concatenate([y for _, y in blocks])
        w_all = np.concatenate([np.full(len(y), 1.0 / len(y)) for _, y in blocks])
        self.model = HistGradientBoostingClassifier(
            max_iter=self.iterations, learning_rate=0.05, max_depth=3, min_samples_leaf=40, random_state=0
        )
        self.model.fit(x_all, y_all, sample_weight=w_all)
        return self

    def scores(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.model.predict_proba(x)[:, 1])


def make(spec: str) -> Any:
    name, value = spec.split(":")
    if name == "boosted":
        return Boosted(int(value))
    return {"softmax": Softmax, "pairwise": Pairwise}[name](float(value))


def picks(model: Any, questions: Sequence[Question_], names: Sequence[str]) -> list[bool]:
    """Per question, whether the model's top candidate holds a gold."""
    out = []
    for q in questions:
        s = model.scores(q.matrix(names))
        out.append(bool(q.gold[int(np.argmax(s))]))
    return out


def folds(questions: Sequence[Question_], k: int, seed: int) -> list[int]:
    """Each question's fold, by a hash of its group (its conversation, else itself)."""
    return [zlib.crc32(f"{seed}:{q.group}".encode()) % k for q in questions]


def cross_validated(questions: Sequence[Question_], spec: str, names: Sequence[str], seed: int) -> list[bool]:
    fold = folds(questions, 5, seed)
    hits = [False] * len(questions)
    for f in range(5):
        train = [(q.matrix(names), q.gold) for q, g in zip(questions, fold, strict=True) if g != f]
        model = make(spec).fit(train)
        test = [i for i, g in enumerate(fold) if g == f]
        for i, hit in zip(test, picks(model, [questions[i] for i in test], names), strict=True):
            hits[i] = hit
    return hits


LINEAR = ("softmax:0.3", "softmax:3", "softmax:30", "pairwise:0.3", "pairwise:3", "pairwise:30")
BOOSTED = ("boosted:200",)  # on the two richest feature sets only (the shared machine is slow)
SEEDS = (0, 1, 2)


def _summary(records: list[dict[str, Any]], questions: list[Question_]) -> None:
    answerable = [r for r in records if r["answerable"]]
    hits = sum(bool(r["answer_gold"] and r["answer_gold"][0]) for r in answerable)
    print(
        f"  answerable {len(answerable)}, engine answer_hit@1 {hits} ({hits / len(answerable):.3f}); "
        f"in scope {len(questions)}"
    )


def _where(depth: int) -> str:
    return f"the top {depth} results" if depth else "the lead's unit"


def study(dev: Path, heldout: Path | None, chosen: str | None = None) -> None:
    """The grid on seed 0 with candidates from the top three results; the three best settings
    again on two more fold assignments, on the lead unit's sentences alone and with results 4
    and 5's; the best mean is measured once on held-out (when given). `chosen` ("3/all+engine/
    softmax:30"): the setting an earlier run of the grid chose; the grid is not run again, only
    the lead unit's sentences are cross-validated with it and with softmax:3 on base+extra."""
    dev_records = load_set(dev)
    by_depth = {d: [Question_(r, d) for r in dev_records if in_scope(r)] for d in (0, ANSWER_UNITS, DEPTH)}
    for depth, questions in by_depth.items():
        engine = sum(q.engine_hit for q in questions)
        oracle = sum(bool(q.gold.any()) for q in questions)
        print(f"dev, candidates from {_where(depth)}")
        _summary(dev_records, questions)
        print(f"  engine's lead holds a gold: {engine}; oracle (a gold among the candidates): {oracle}")
    questions = by_depth[ANSWER_UNITS]
    engine = sum(q.engine_hit for q in questions)
    if chosen is not None:
        depth_text, set_name, spec = chosen.split("/")
        for name, setting in ((set_name, spec), ("base+extra", "softmax:3")):
            runs = [sum(cross_validated(by_depth[0], setting, FEATURE_SETS[name], seed)) for seed in SEEDS]
            print(f"  {_where(0)}, {name:16s} {setting:13s} three fold assignments {runs} vs engine {engine}")
        _measured(by_depth, dev_records, heldout, (int(depth_text), set_name, spec))
        return
    grid: dict[tuple[str, str], int] = {}
    for set_name, names in FEATURE_SETS.items():
        for spec in LINEAR + (BOOSTED if set_name in ("base+extra+gaps", "all+engine") else ()):
            grid[(set_name, spec)] = hits = sum(cross_validated(questions, spec, names, SEEDS[0]))
            print(
                f"  top 3, {set_name:16s} {spec:13s} CV top-1 {hits:4d} vs engine {engine} ({hits - engine:+d})",
                flush=True,
            )
    results: dict[tuple[int, str, str], float] = {}
    for set_name, spec in sorted(grid, key=lambda key: -grid[key])[:3]:
        for depth in (0, ANSWER_UNITS, DEPTH):
            runs = [sum(cross_validated(by_depth[depth], spec, FEATURE_SETS[set_name], seed)) for seed in SEEDS]
            results[(depth, set_name, spec)] = mean = float(np.mean(runs))
            print(
                f"  {_where(depth)}, {set_name:16s} {spec:13s} three fold assignments {runs} mean {mean:.1f} "
                f"vs engine {engine} ({mean - engine:+.1f})",
                flush=True,
            )
    best = max(results, key=lambda key: results[key])
    print("chosen on dev CV:", best, f"{results[best]:.1f}")
    _measured(by_depth, dev_records, heldout, best)


def _measured(
    by_depth: dict[int, list[Question_]],
    dev_records: list[dict[str, Any]],
    heldout: Path | None,
    best: tuple[int, str, str],
) -> None:
    """The chosen setting fitted on all of dev: its weights, and its held-out figures once."""
    depth, set_name, spec = best
    names = FEATURE_SETS[set_name]
    questions = by_depth[depth]
    model = make(spec).fit([(q.matrix(names), q.gold) for q in questions])
    if hasattr(model, "w"):
        order = np.argsort(-np.abs(model.w))
        print("  weights (standardised features):", ", ".join(f"{names[i]} {model.w[i]:+.2f}" for i in order))
    plain = make("softmax:3").fit([(q.matrix(BASE + EXTRA), q.gold) for q in by_depth[ANSWER_UNITS]])
    order = np.argsort(-np.abs(plain.w))
    print("  softmax:3 on base+extra, all of dev:", ", ".join(f"{(BASE + EXTRA)[i]} {plain.w[i]:+.2f}" for i in order))
    if heldout is None:
        return
    test_records = load_set(heldout)
    for shown_depth in (0, ANSWER_UNITS, DEPTH):
        tq = [Question_(r, shown_depth) for r in test_records if in_scope(r)]
        print(f"held-out oracle, {_where(shown_depth)}: {sum(bool(q.gold.any()) for q in tq)} of {len(tq)}")
    tq = [Question_(r, depth) for r in test_records if in_scope(r)]
    print("held-out, once")
    _summary(test_records, tq)
    hits = picks(model, tq, names)
    by_kind: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    for q, hit in zip(tq, hits, strict=True):
        by_kind[q.kind].append((q.engine_hit, hit, bool(q.gold.any())))
    rows = [("all", [x for v in by_kind.values() for x in v])] + sorted(by_kind.items())
    print(f"  {'kind':26s} {'n':>5s} {'engine':>7s} {'learned':>8s} {'oracle':>7s}  gained lost")
    for kind, triples in rows:
        engine_n = sum(e for e, _, _ in triples)
        learned_n = sum(m for _, m, _ in triples)
        oracle_n = sum(o for _, _, o in triples)
        gained = sum(m and not e for e, m, _ in triples)
        lost = sum(e and not m for e, m, _ in triples)
        print(f"  {kind:26s} {len(triples):5d} {engine_n:7d} {learned_n:8d} {oracle_n:7d}  {gained:+6d} {-lost:+4d}")
    answerable = [r for r in test_records if r["answerable"]]
    engine_all = sum(bool(r["answer_gold"] and r["answer_gold"][0]) for r in answerable)
    delta = sum(hits) - sum(q.engine_hit for q in tq)
    print(
        f"  held-out answer_hit@1 over {len(answerable)} answerable: engine {engine_all / len(answerable):.3f}, "
        f"with the learned lead {(engine_all + delta) / len(answerable):.3f}"
    )


if __name__ == "__main__":
    main()
