"""Benchmark (not a test): embedding throughput per backend and thread setting, the query
latency of each backend, its effect on MRR@10, and what a 10,000-report corpus would take.

    .venv/bin/python benchmarks/embed.py [--rounds 3] [--repeats 3] [--passages 128] [--scale 1]
                                         [--only NAME ...] [--skip-quality] [--json results.json]

Two workloads, both drawn from corpus/:
  passages  ~100-word passages made of consecutive corpus sentences (the issue's unit)
  build     the texts a build really embeds: every window and every sentence of the corpus

Each configuration runs in its own process (interop threads can only be set before torch
starts work), configurations take turns for --rounds rounds of --repeats timed repeats each,
and the fastest repeat is kept: on a shared machine the fastest is the closest to what the
hardware allows (the median of the rounds is printed beside it). CPU time per unit is reported
too; it moves less than wall time when other processes compete.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

QUESTION_FILES = (REPO / "corpus" / "questions" / "dev.jsonl", REPO / "corpus" / "questions" / "test.jsonl")
BASELINE = "torch, batch 32, unsorted batches"
Config = dict[str, Any]
CONFIGS: list[Config] = [
    {"name": BASELINE, "backend": "torch", "batch": 32, "sorted": False},
    {"name": "torch, batch 32, sorted (current code)", "backend": "torch", "batch": 32},
    {"name": "torch, batch 32, sorted, 1 thread", "backend": "torch", "batch": 32, "threads": 1},
    {"name": "torch, batch 32, sorted, interop 1", "backend": "torch", "batch": 32, "interop": 1},
    {"name": "torch, batch 16, sorted", "backend": "torch", "batch": 16},
    {"name": "torch, batch 128, sorted", "backend": "torch", "batch": 128},
    {"name": "onnx, batch 32", "backend": "onnx", "batch": 32},
    {"name": "onnx-int8, batch 32", "backend": "onnx-int8", "batch": 32},
    {"name": "openvino, batch 32", "backend": "openvino", "batch": 32},
    {"name": "openvino, batch 16", "backend": "openvino", "batch": 16},
    {"name": "openvino, batch 128", "backend": "openvino", "batch": 128},
    {"name": "openvino, batch 32, 1 thread", "backend": "openvino", "batch": 32, "threads": 1},
]
FAST_BACKENDS = ("onnx", "onnx-int8", "openvino")


# ---------------------------------------------------------------- workloads


def corpus_texts(embedder: Any) -> dict[str, Any]:
    """Sentences of the corpus's passages, and the window + sentence texts a build embeds."""
    from service.embed import plan_windows
    from service.settings import Settings
    from service.text import sentence_spans
    from service.units import load_corpus

    settings = Settings(corpus_dir=REPO / "corpus")
    corpus = load_corpus(settings.corpus_dir)
    texts = [unit.text for unit in corpus.units]
    windows = plan_windows(embedder, texts, settings.window_tokens)
    sentences = [text[a:b] for text in texts for a, b in sentence_spans(text)]
    return {
        "documents": len(corpus.documents),
        "units": len(texts),
        "words": sum(len(text.split()) for text in texts),
        "windows": len(windows),
        "sentences": len(sentences),
        "build": [texts[w.unit_index][w.start : w.end] for w in windows] + sentences,
        "passage_sentences": [
            unit.text[a:b] for unit in corpus.units if unit.kind == "passage" for a, b in sentence_spans(unit.text)
        ],
    }


def make_passages(sentences: list[str], count: int, words: int = 100) -> list[str]:
    """`count` passages of about `words` words: consecutive sentences, each pass through the
    corpus starting one sentence later so passages differ; shuffled (fixed seed)."""
    passages: list[str] = []
    offset = 0
    while len(passages) < count:
        current: list[str] = []
        for sentence in sentences[offset:] + sentences[:offset]:
            current.append(sentence)
            if sum(len(s.split()) for s in current) >= words - 5:
                passages.append(" ".join(current))
                current = []
                if len(passages) == count:
                    break
        offset += 1
    random.Random(7).shuffle(passages)
    return passages


# ---------------------------------------------------------------- one measurement (a worker)


def worker(config: Config, export_cache: Path, passages: int, scale: int, repeats: int) -> dict[str, Any]:
    """Load the model as `config` says and time both workloads `repeats` times, keeping the
    fastest repeat (plus the query path)."""
    import torch

    if config.get("interop"):
        torch.set_num_interop_threads(config["interop"])
    from service.embed import Embedder
    from service.settings import bundled_model_path

    started = time.perf_counter()
    embedder = Embedder(
        bundled_model_path(), threads=config.get("threads", 2), backend=config["backend"], cache_dir=export_cache
    )
    result: dict[str, Any] = {"load_s": time.perf_counter() - started}
    data = corpus_texts(embedder)
    workloads = {"passages": make_passages(data["passage_sentences"], passages), "build": data["build"] * scale}
    embedder.encode(workloads["passages"][: config["batch"]], batch_size=config["batch"])  # warm up
    for name, texts in workloads.items():
        times = [_time_encode(embedder, texts, config["batch"], config.get("sorted", True)) for _ in range(repeats)]
        wall, cpu = min(times)
        result[name] = {"units": len(texts), "seconds": wall, "cpu_seconds": cpu, "all_seconds": [t[0] for t in times]}
    if config.get("query"):
        result["query_ms"] = _query_latency(embedder)
    return result


def _time_encode(embedder: Any, texts: list[str], batch: int, sort: bool) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    if sort:
        embedder.encode(texts, batch_size=batch)
    else:
        # One call per batch in the texts' own order: no length sorting across the whole list.
        for start in range(0, len(texts), batch):
            embedder.encode(texts[start : start + batch], batch_size=batch)
    return time.perf_counter() - wall, time.process_time() - cpu


def _query_latency(embedder: Any, repeat: int = 3) -> float:
    from service.evaluate.questions import load_questions

    questions = [q.question for q in load_questions(list(QUESTION_FILES))]
    embedder.encode_query("warm up")
    samples = []
    for _ in range(repeat):
        for question in questions:
            clock = time.perf_counter()
            embedder.encode_query(question)
            samples.append(time.perf_counter() - clock)
    return statistics.median(samples) * 1000


def run_worker(config: Config, export_cache: Path, passages: int, scale: int, repeats: int) -> dict[str, Any] | None:
    """Run one configuration in a fresh process; None (with the reason printed) if it fails."""
    command = [
        sys.executable,
        __file__,
        "--worker",
        json.dumps(config),
        "--export-cache",
        str(export_cache),
        "--passages",
        str(passages),
        "--scale",
        str(scale),
        "--repeats",
        str(repeats),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        print(f"  {config['name']}: failed: {done.stderr.strip().splitlines()[-1:]}", flush=True)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- quality (MRR@10)


def quality(backend: str, export_cache: Path, reference: Any) -> dict[str, Any]:
    """Build an index with `backend`, evaluate dev and test (hybrid and dense-only), and
    compare its build vectors with torch's."""
    import numpy as np

    from service.build import build_index
    from service.embed import Embedder
    from service.evaluate.run import evaluate_engine, load_questions
    from service.settings import Settings, bundled_model_path

    embedder = Embedder(bundled_model_path(), backend=backend, cache_dir=export_cache)
    scores: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix=f"cited-embed-{backend}-") as folder:
        # embed_backend: the setting the lead adds; Settings ignores it until then.
        settings = Settings(corpus_dir=REPO / "corpus", index_dir=Path(folder), embed_backend=backend)
        build_index(settings, embedder=embedder, progress=False, say=lambda _: None)
        engine = _engine(settings, embedder)
        for path in QUESTION_FILES:
            report = evaluate_engine(engine, load_questions([path]), modes=("hybrid", "dense"))
            for mode in report.modes:
                scores[f"{path.stem} {mode.mode}"] = mode.metrics["mrr@10"]
    texts = corpus_texts(embedder)["build"]
    cosines = (embedder.encode(texts) * reference.encode(texts)).sum(axis=1)
    scores["cosine_min"], scores["cosine_mean"] = float(cosines.min()), float(np.mean(cosines))
    return scores


def _engine(settings: Any, embedder: Any) -> Any:
    from service.engine import Engine, load_engine
    from service.errors import IndexStale
    from service.store import load_index_files, open_published

    try:
        return load_engine(settings, embedder=embedder)
    except IndexStale:
        # Until build.py records the backend's fingerprint in the manifest, an index built with
        # another backend looks stale to that backend's embedder: open it as load_engine does.
        folder, manifest = open_published(settings)
        return Engine(load_index_files(folder, manifest), embedder, settings)


# ---------------------------------------------------------------- the report


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passages", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats inside each process")
    parser.add_argument("--scale", type=int, default=1, help="copies of the build texts per measurement")
    parser.add_argument("--only", nargs="*", default=None, help="configuration names to run")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="save the measurements here")
    parser.add_argument("--from-json", type=Path, default=None, help="print the report of saved measurements")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--export-cache", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker), args.export_cache, args.passages, args.scale, args.repeats)))
        return
    if args.from_json:
        report(json.loads(args.from_json.read_text(encoding="utf-8")))
        return
    with tempfile.TemporaryDirectory(prefix="cited-embed-export-") as cache:
        results = measure(args, Path(cache))
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


def measure(args: argparse.Namespace, export_cache: Path) -> dict[str, Any]:
    """Every configuration for every round, then the query latency and quality of each backend."""
    from service.embed import Embedder
    from service.settings import bundled_model_path

    reference = Embedder(bundled_model_path())
    data = corpus_texts(reference)
    configs = [c for c in CONFIGS if args.only is None or c["name"] in args.only]
    runs: dict[str, list[dict[str, Any]]] = {c["name"]: [] for c in configs}
    load_averages = [os.getloadavg()[0]]
    for round_ in range(args.rounds):
        for config in configs:
            result = run_worker(config, export_cache, args.passages, args.scale, args.repeats)
            if result:
                runs[config["name"]].append(result)
                print(
                    f"  round {round_ + 1} {config['name']}: "
                    f"{_rate(result, 'passages'):.1f} passages/s, {_rate(result, 'build'):.1f} build texts/s, "
                    f"load avg {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
            load_averages.append(os.getloadavg()[0])
    backends = ["torch", *[b for b in FAST_BACKENDS if any(runs.get(c["name"]) for c in configs if c["backend"] == b)]]
    queries = {}
    for backend in backends:
        result = run_worker(
            {"name": f"{backend} query", "backend": backend, "batch": 32, "query": True}, export_cache, 32, 1, 1
        )
        queries[backend] = result["query_ms"] if result else None
    qualities = {} if args.skip_quality else {b: quality(b, export_cache, reference) for b in backends}
    return {
        "corpus": {k: data[k] for k in ("documents", "units", "words", "windows", "sentences")},
        "build_texts": len(data["build"]) * args.scale,
        "passages": args.passages,
        "rounds": args.rounds,
        "load_average": {"min": min(load_averages), "max": max(load_averages)},
        "configs": configs,
        "runs": runs,
        "query_ms": queries,
        "quality": qualities,
    }


def _rate(result: dict[str, Any], workload: str) -> float:
    return float(result[workload]["units"] / result[workload]["seconds"])


def _best(runs: list[dict[str, Any]], workload: str) -> dict[str, float]:
    best = max(runs, key=lambda r: _rate(r, workload))
    cpu = min(r[workload]["cpu_seconds"] / r[workload]["units"] for r in runs)
    return {
        "rate": _rate(best, workload),
        "median": statistics.median(_rate(r, workload) for r in runs),
        "cpu_ms": cpu * 1000,
    }


def report(results: dict[str, Any]) -> None:
    """The measured table (markdown) and the 10,000-report projection."""
    corpus, runs = results["corpus"], results["runs"]
    per_report = (corpus["windows"] + corpus["sentences"]) / corpus["documents"]
    base = {w: _best(runs[BASELINE], w)["rate"] for w in ("passages", "build")} if runs.get(BASELINE) else None
    print(
        f"\ncorpus: {corpus['documents']} documents, {corpus['units']} units, {corpus['words']} words; "
        f"a build embeds {corpus['windows']} windows + {corpus['sentences']} sentences "
        f"= {per_report:.0f} texts per report"
    )
    print(
        f"load average during the runs: {results['load_average']['min']:.1f} to "
        f"{results['load_average']['max']:.1f} (2 cores)\n"
    )
    print(
        "| configuration | passages/s (best, median) | speed-up | CPU ms per passage "
        "| build texts/s (best, median) | speed-up | CPU ms per build text | 10,000 reports |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for config in results["configs"]:
        if not runs.get(config["name"]):
            print(f"| {config['name']} | failed | | | | | | |")
            continue
        passages, build = _best(runs[config["name"]], "passages"), _best(runs[config["name"]], "build")
        hours = 10_000 * per_report / build["rate"] / 3600
        up = ("", "")
        if base:
            up = (f"{passages['rate'] / base['passages']:.2f}x", f"{build['rate'] / base['build']:.2f}x")
        print(
            f"| {config['name']} | {passages['rate']:.1f} ({passages['median']:.1f}) | {up[0]} "
            f"| {passages['cpu_ms']:.1f} | {build['rate']:.1f} ({build['median']:.1f}) | {up[1]} "
            f"| {build['cpu_ms']:.1f} | {hours:.1f} h |"
        )
    print(
        "\n| backend | encode_query median ms | MRR@10 dev hybrid | test hybrid | dev dense | test dense "
        "| cosine to torch (min, mean) |"
    )
    print("|---|---|---|---|---|---|---|")
    for backend, ms in results["query_ms"].items():
        q = results["quality"].get(backend, {})
        cells = [f"{q[k]:.4f}" if k in q else "" for k in ("dev hybrid", "test hybrid", "dev dense", "test dense")]
        cosine = f"{q['cosine_min']:.4f}, {q['cosine_mean']:.5f}" if q else ""
        print(f"| {backend} | {ms:.2f} | {' | '.join(cells)} | {cosine} |" if ms else f"| {backend} | failed |")


if __name__ == "__main__":
    main()
