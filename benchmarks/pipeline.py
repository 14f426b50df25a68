"""Pipeline benchmark (not a test): the real `cited build` and `cited serve` on a generated corpus.

    .venv/bin/python benchmarks/pipeline.py --units 100000 [--seed 0] [--workdir DIR]
        [--requests 200] [--repeat 3] [--json out.json] [--markdown out.md]

1. Generates `--units` units (benchmarks/corpus_gen.py) into WORKDIR/corpus.
2. Runs `cited build` from an empty index and cache, as a child process: wall time, the
   stage times the build reports, its peak RSS (wait4), what was embedded and reused.
3. Appends 1 % more units as new documents and runs `cited build` again (incremental: the
   embedding cache and the word pieces of unchanged windows are reused).
4. Sizes each file of the published version, and the embedding cache.
5. Starts the server (benchmarks/load.py), reads its RSS once ready and again warm, and sends
   `--requests` asks at concurrency 1 and then 4: p50/p99 over HTTP.
6. Loads the engine in this process (the server stopped) and asks each question `--repeat`
   times: the median of each stage of `Engine.ask` (encode, faiss, bm25, fusion, rerank,
   answer) and of the whole.

Questions: "What is X?" for the titles of sections of the corpus, plus the dev questions.
Writes a JSON report and a Markdown table. WORKDIR (a temporary folder unless given) keeps
the corpus and index for a look afterwards when given. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus_gen import CorpusGenerator, write_documents
from load import load_questions, run_level, sample_process, start_server, wait_ready

from service.engine import load_engine
from service.settings import Settings
from service.store import current_version_dir

TITLE_QUESTIONS = 40
STAGE = re.compile(r"([a-z][a-z0-9 ]*?) ([\d.]+) s")
STAGE_PEAK = re.compile(r"([a-z][a-z0-9 ]*?) (\d+) MB")
BUILDS = (("from empty", "build"), ("+1 % documents", "incremental"))


def cited_command() -> list[str]:
    """The installed `cited` script beside this Python, else the package's __main__."""
    script = Path(sys.executable).parent / "cited"
    return [str(script)] if script.exists() else [sys.executable, "-m", "service"]


def run_build(env: dict[str, str]) -> dict[str, Any]:
    """`cited build` in a child process: its report, wall seconds and peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen([*cited_command(), "build"], env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()  # progress bars go to stderr, straight to the terminal
    _, status, usage = os.wait4(process.pid, 0)  # the child's own peak RSS, which Popen.wait cannot give
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"cited build failed ({process.returncode}):\n{output}")
    built = re.search(r"(\d+) units, (\d+) vectors \((\S+)\), (\d+) texts embedded, (\d+) reused", output)
    stages_line = next((line for line in output.splitlines() if line.startswith("Stages: ")), "")
    peaks_line = next((line for line in output.splitlines() if line.startswith("Peak memory by the end")), "")
    assert built is not None, output
    return {
        "wall_s": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "units": int(built.group(1)),
        "vectors": int(built.group(2)),
        "index_type": built.group(3),
        "embedded": int(built.group(4)),
        "reused": int(built.group(5)),
        "stages_s": {name: float(value) for name, value in STAGE.findall(stages_line)},
        "stage_peak_mb": {name: int(value) for name, value in STAGE_PEAK.findall(peaks_line.split(": ", 1)[-1])},
    }


def replay_generator(generator: CorpusGenerator, corpus_dir: Path, units: int) -> None:
    """Bring `generator` to where the earlier runs on `corpus_dir` left it: their cold corpus
    and each +1 % batch, so the next documents it makes are new ones."""
    present = len(list((corpus_dir / "documents").glob("*.txt")))
    if not present:
        raise SystemExit(f"{corpus_dir} holds no documents: nothing to continue")
    made = sum(1 for _ in generator.documents(units))
    while made < present:
        made += sum(1 for _ in generator.documents(max(2, units // 100)))
    if made != present:
        raise SystemExit(f"{corpus_dir} holds {present} documents, not what --units {units} makes (check --seed)")


def disk_usage(index_dir: Path) -> dict[str, float]:
    """MB of each file of the published version, and of the embedding cache."""
    folder = current_version_dir(index_dir)
    sizes = {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}
    sizes["(embedding cache)"] = sum(p.stat().st_size for p in (index_dir / "cache").rglob("*.npz"))
    return {name: round(size / 2**20, 2) for name, size in sizes.items()}


def title_questions(corpus_dir: Path, count: int, seed: int) -> list[str]:
    """'What is X?' for section titles of the generated documents."""
    titles = sorted(
        {
            line.split(". ", 1)[1]
            for path in sorted((corpus_dir / "documents").glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"^[IVXL]+\. ", line)
        }
    )
    return [f"What is {title}?" for title in random.Random(seed).sample(titles, min(count, len(titles)))]


def serve(workdir: Path, corpus_dir: Path, index_dir: Path, questions: list[str], requests: int) -> dict[str, Any]:
    """The server under load: RSS at start and warm, p50/p99 at concurrency 1 and 4."""
    with open(workdir / "server.log", "wb") as log:
        process, url = start_server(workdir, index_dir, log, corpus_dir)
        try:
            wait_ready(process, url, timeout=1800)
            database = workdir / "cited.db"
            report: dict[str, Any] = {"rss_start_mb": sample_process(process.pid, database).rss_mb}
            asyncio.run(run_level(url, questions, 4, 50))  # warm-up
            for concurrency in (1, 4):
                level = asyncio.run(run_level(url, questions, concurrency, requests))
                report[f"c{concurrency}"] = {
                    "p50_ms": level.p50_ms,
                    "p99_ms": level.p99_ms,
                    "throughput": level.throughput,
                    "errors": level.errors,
                }
            report["rss_warm_mb"] = sample_process(process.pid, database).rss_mb
            return report
        finally:
            process.terminate()
            process.wait(timeout=60)


def engine_split(corpus_dir: Path, index_dir: Path, questions: list[str], repeat: int) -> dict[str, float]:
    """Median ms of each stage of Engine.ask, in this process."""
    engine = load_engine(Settings(corpus_dir=corpus_dir, index_dir=index_dir))
    for question in questions[:5]:
        engine.ask(question)
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        for question in questions:
            started = time.perf_counter()
            answer = engine.ask(question)
            samples.setdefault("total", []).append(time.perf_counter() - started)
            for stage, seconds in answer.timings.items():
                samples.setdefault(stage, []).append(seconds)
    return {stage: round(statistics.median(values) * 1000, 2) for stage, values in samples.items()}


def markdown(report: dict[str, Any]) -> str:
    """The report as one Markdown table per part."""
    builds = [(name, report[key]) for name, key in BUILDS if key in report]
    stages = list(dict.fromkeys(s for _, build in builds for s in build["stages_s"]))
    lines = [f"Seed {report['seed']}, --units {report['units']:,}.", ""]
    if builds:
        first = builds[0][1]
        lines += [
            f"Units: {' then '.join(format(build['units'], ',') for _, build in builds)}, "
            f"vectors {first['vectors']:,} ({first['index_type']}).",
            "",
            "| build | wall s | " + " | ".join(f"{s} s" for s in stages) + " | peak RSS MB | embedded | reused |",
            "|---" * (len(stages) + 5) + "|",
        ]
    for name, build in builds:
        cells = " | ".join(str(build["stages_s"].get(s, "-")) for s in stages)
        lines.append(
            f"| {name} | {build['wall_s']} | {cells} | {build['peak_rss_mb']:,} | "
            f"{build['embedded']:,} | {build['reused']:,} |"
        )
    if any(build.get("stage_peak_mb") for _, build in builds):
        lines += ["", "| peak RSS MB by the end of each stage | " + " | ".join(stages) + " |"]
        lines.append("|---" * (len(stages) + 1) + "|")
        for name, build in builds:
            peaks = build.get("stage_peak_mb", {})
            lines.append(f"| {name} | " + " | ".join(f"{peaks[s]:,}" if s in peaks else "-" for s in stages) + " |")
    lines += ["", "| file | MB |", "|---|---|"]
    lines += [f"| `{name}` | {size:,} |" for name, size in report["disk_mb"].items()]
    if "serve" not in report:
        return "\n".join(lines) + "\n"
    serving = report["serve"]
    lines += [
        "",
        "| serving | value |",
        "|---|---|",
        f"| RSS at start / warm, MB | {serving['rss_start_mb']:,} / {serving['rss_warm_mb']:,} |",
    ]
    for concurrency in (1, 4):
        level = serving[f"c{concurrency}"]
        lines.append(f"| `/v1/ask` p50 / p99 ms, concurrency {concurrency} | {level['p50_ms']} / {level['p99_ms']} |")
    split = report["engine_ms"]
    lines += ["", "| in-process stage | median ms |", "|---|---|"]
    lines += [
        f"| {stage} | {split[stage]} |"
        for stage in ("encode", "faiss", "bm25", "fusion", "rerank", "answer", "search", "total")
        if stage in split
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None, help="kept afterwards (default: a temporary folder)")
    parser.add_argument("--requests", type=int, default=200, help="asks per concurrency level")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the questions in-process")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument(
        "--continue",
        dest="continue_",
        action="store_true",
        help="WORKDIR holds a corpus and index an earlier run (same --units and --seed) built: "
        "skip the cold build, append 1 %% more new documents and measure that incremental build",
    )
    parser.add_argument("--no-build", action="store_true", help="with --continue: measure only disk and serving")
    parser.add_argument("--no-serve", action="store_true", help="skip the server and the in-process split")
    args = parser.parse_args()
    if args.continue_ and args.workdir is None:
        raise SystemExit("--continue needs the --workdir of the earlier run")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cited-pipeline-"))
    corpus_dir, index_dir = workdir / "corpus", workdir / "index"
    if not args.continue_ and (corpus_dir.exists() or index_dir.exists()):
        raise SystemExit(f"{workdir} already holds a corpus or index: give an empty --workdir (or --continue)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITED_")}
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "CITED_CORPUS_DIR": str(corpus_dir),
            "CITED_INDEX_DIR": str(index_dir),
            "CITED_DATABASE_PATH": str(workdir / "cited.db"),
        }
    )
    report: dict[str, Any] = {"units": args.units, "seed": args.seed}
    try:
        generator = CorpusGenerator(args.seed)
        if args.continue_ and not args.no_build:
            replay_generator(generator, corpus_dir, args.units)
        elif not args.continue_:
            write_documents(corpus_dir, list(generator.documents(args.units)))
            report["build"] = run_build(env)
        if not args.no_build:
            write_documents(corpus_dir, list(generator.documents(max(2, args.units // 100))), append=True)
            report["incremental"] = run_build(env)
        report["disk_mb"] = disk_usage(index_dir)
        if not args.no_serve:
            questions = title_questions(corpus_dir, TITLE_QUESTIONS, args.seed) + load_questions()
            report["serve"] = serve(workdir, corpus_dir, index_dir, questions, args.requests)
            report["engine_ms"] = engine_split(corpus_dir, index_dir, questions, args.repeat)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    table = markdown(report)
    print(table)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    if args.markdown:
        args.markdown.write_text(table)


if __name__ == "__main__":
    main()
