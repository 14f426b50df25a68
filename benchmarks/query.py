"""Benchmark (not a test): in-process time of one question, split into encoding the question,
searching and the rest (median over the question sets), plus build time and peak memory.

    .venv/bin/python benchmarks/query.py [--questions FILE ...] [--repeat N]
        [--corpus-dir DIR --index-dir DIR]

By default it builds the repository's corpus from a cold cache in a temporary folder; with
`--index-dir` it uses (building only if out of date) that index of `--corpus-dir`, e.g. the
100k-unit one `benchmarks/pipeline.py --workdir` leaves, so both sizes are timed alike.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from service.build import build_index
from service.engine import load_engine
from service.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_questions(engine: Any, questions: list[str], repeat: int) -> dict[str, list[float]]:
    """Seconds per stage of each ask, `repeat` times over `questions`. A question answered
    without the ranking (a note by its number, a list, a card) times its answer only: it has
    no encode or search to add."""
    samples: dict[str, list[float]] = {"encode": [], "search": [], "answer": [], "total": []}
    for _ in range(repeat):
        for question in questions:
            clock = time.perf_counter()
            answer = engine.ask(question)
            samples["total"].append(time.perf_counter() - clock)
            for key in ("encode", "search", "answer"):
                if key in answer.timings:
                    samples[key].append(answer.timings[key])
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--questions", nargs="*", type=Path, default=sorted((REPO / "corpus" / "questions").glob("*.jsonl"))
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus-dir", type=Path, default=REPO / "corpus")
    parser.add_argument("--index-dir", type=Path, default=None, help="default: a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(corpus_dir=args.corpus_dir, index_dir=args.index_dir or Path(folder))
        started = time.perf_counter()
        report = build_index(settings, progress=False)
        build_seconds = time.perf_counter() - started
        build_rss = peak_rss_mb()
        engine = load_engine(settings)
        questions = [json.loads(line)["question"] for f in args.questions for line in f.open() if line.strip()]
        engine.ask("warm up")
        samples = time_questions(engine, questions, args.repeat)
    medians = {k: statistics.median(v) * 1000 for k, v in samples.items()}
    rest = medians["search"] + medians["answer"]
    if report.up_to_date:
        print(f"index: {report.units} units, {report.vectors} vectors (up to date, not rebuilt)")
    else:
        print(
            f"build: {report.units} units, {report.vectors} vectors, {build_seconds:.1f} s "
            f"({report.reused} embeddings from the cache), peak RSS {build_rss:.0f} MB"
        )
    print(f"questions: {len(questions)} x {args.repeat}")
    for key, value in medians.items():
        print(f"  median {key:7s} {value:7.2f} ms")
    print(f"  everything but encoding: {rest:.2f} ms = {rest / medians['encode']:.0%} of encoding the question")
    print(f"peak RSS after queries: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
