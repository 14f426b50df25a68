"""Scale benchmark (not a test): the dense index at 10k, 100k and 1M synthetic units.

    .venv/bin/python benchmarks/scale.py [--sizes 10000,100000,1000000] [--queries 500]
        [--types exact,approx,ivf-sq8,hnsw] [--k 200] [--broaden 0] [--json out.json]

The vectors are drawn like real embeddings, not uniformly: a Gaussian with the mean and
covariance of the corpus's own MiniLM vectors (its sentence windows and sentences, encoded
here), each draw normalised. Queries are held-out draws perturbed by isotropic noise (0.02 a
dimension), which puts as much of their variance outside the corpus's main directions as
real questions have (measured on corpus/questions).

For each size: the exact answers of every query (one batched flat search); then for each
index type, in a fresh subprocess, the build (wall and CPU seconds, both cores), the index
file's size and the process's peak RSS, then one query at a time with FAISS on one thread
(as the server runs it) for p50/p99, with two query threads at once for p50 under load,
recall@10 and @100 against the exact answers, and a filtered search admitting 10% and 0.5%
of the vectors (p50 and recall@10 against the exact filtered answers).

Types: `exact` is flat-ip; `approx` is `service.ann.choose_index_spec(n, exact_max=0)`,
the approximate index the automatic choice builds past `exact_index_max`; `ivf-sq8` and
`hnsw` are the alternatives it was chosen over. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np

from service.ann import (
    IndexSpec,
    build_faiss_index,
    choose_index_spec,
    configure_for_search,
    hnsw_spec,
    ivf_sq8_spec,
    omp_threads,
    parse_index_spec,
    search,
)
from service.settings import Settings

QUERY_NOISE = 0.02  # per dimension, before normalising
FILTER_SHARES = (0.1, 0.005)
CHUNK = 100_000


@dataclass(frozen=True)
class Row:
    """One index type at one size."""

    size: int
    spec: str
    auto: bool  # what choose_index_spec picks at this size with the default exact_index_max
    build_s: float
    build_cpu_s: float
    index_mb: float
    peak_rss_mb: float
    p50_ms: float
    p99_ms: float
    p50_cpu_ms: float  # the search thread's CPU time: what other processes cannot inflate
    p50_two_ms: float  # two query threads at once
    recall10: float
    recall100: float
    filtered: dict[str, tuple[float, float]]  # share -> (p50 ms, recall@10)


# --- the synthetic distribution -----------------------------------------------------------


@dataclass(frozen=True)
class Gaussian:
    """Mean and covariance factor of real embeddings; draws normalised samples."""

    mean: np.ndarray
    factor: np.ndarray  # covariance = factor @ factor.T

    @classmethod
    def fit(cls, vectors: np.ndarray, broaden: float = 0.0) -> Gaussian:
        """The vectors' mean and covariance; `broaden` blends the covariance with an isotropic
        one of the same total variance (0: as measured, 1: no preferred direction)."""
        covariance = np.cov(vectors.astype(np.float64), rowvar=False)
        isotropic = np.eye(len(covariance)) * np.trace(covariance) / len(covariance)
        values, axes = np.linalg.eigh((1 - broaden) * covariance + broaden * isotropic)
        factor = axes * np.sqrt(np.clip(values, 0.0, None))
        return cls(vectors.mean(axis=0).astype(np.float32), factor.astype(np.float32))

    def draw(self, n: int, seed: int, noise: float = 0.0) -> np.ndarray:
        rng = np.random.default_rng(seed)
        out = np.empty((n, len(self.mean)), dtype=np.float32)
        for start in range(0, n, CHUNK):
            rows = min(n, start + CHUNK) - start
            block = self.mean + rng.standard_normal((rows, len(self.mean)), dtype=np.float32) @ self.factor.T
            if noise:
                block += noise * rng.standard_normal(block.shape, dtype=np.float32)
            faiss.normalize_L2(block)
            out[start : start + rows] = block
        return out


def corpus_vectors(settings: Settings) -> np.ndarray:
    """MiniLM vectors of the corpus's sentence windows and sentences, as the build embeds them."""
    from service.embed import Embedder, plan_windows
    from service.text import sentence_spans
    from service.units import load_corpus

    texts = [unit.text for unit in load_corpus(settings.corpus_dir).units]
    embedder = Embedder(settings.resolved_model_path, threads=2)
    windows = [texts[w.unit_index][w.start : w.end] for w in plan_windows(embedder, texts, settings.window_tokens)]
    sentences = [text[a:b] for text in texts for a, b in sentence_spans(text)]
    return embedder.encode(windows + sentences, batch_size=settings.embed_batch_size)


# --- one index type, measured in its own process -------------------------------------------


def worker(folder: Path, spec: IndexSpec, queries_n: int, k: int) -> dict[str, object]:
    """Build `spec` over folder/base.npy and measure it; run in a fresh process."""
    base = np.load(folder / "base.npy")
    queries = np.load(folder / "queries.npy")[:queries_n]
    truth = np.load(folder / "truth.npy")[:queries_n]
    wall, cpu = time.perf_counter(), time.process_time()
    index = build_faiss_index(base, spec)
    build_s, build_cpu_s = time.perf_counter() - wall, time.process_time() - cpu
    path = folder / "index.faiss"
    faiss.write_index(index, str(path))
    index_mb = path.stat().st_size / 2**20
    path.unlink()
    configure_for_search(index, spec)
    with omp_threads(1):
        search(index, queries[:5], k)  # warm up
        latencies, cpu, found = timed_searches(index, queries, k)
        two = concurrent_p50(index, queries, k)
        filtered = {str(share): filtered_run(index, base, queries, k, share) for share in FILTER_SHARES}
    return {
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "index_mb": index_mb,
        "peak_rss_mb": peak_rss_mb(),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "p50_cpu_ms": percentile(cpu, 50),
        "p50_two_ms": two,
        "recall10": recall(found, truth, 10),
        "recall100": recall(found, truth, 100),
        "filtered": filtered,
    }


def timed_searches(
    index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> tuple[list[float], list[float], np.ndarray]:
    """One query at a time, as a request does: wall and CPU seconds of each, and the ids found.

    With one FAISS thread the search runs on the calling thread, so its CPU time is the
    query's own cost, whatever else the machine is running.
    """
    found = np.full((len(queries), k), -1, dtype=np.int64)
    latencies, cpu = [], []
    for row in range(len(queries)):
        clock, cpu_clock = time.perf_counter(), time.thread_time()
        _, ids = search(index, queries[row : row + 1], k, allowed)
        latencies.append(time.perf_counter() - clock)
        cpu.append(time.thread_time() - cpu_clock)
        found[row, : ids.shape[1]] = ids[0]
    return latencies, cpu, found


def concurrent_p50(index: faiss.Index, queries: np.ndarray, k: int) -> float:
    """p50 (ms) with two threads searching at once, each one query at a time (FAISS drops the GIL)."""
    results: list[list[float]] = [[], []]
    halves = [queries[0::2], queries[1::2]]
    threads = [
        threading.Thread(target=lambda i=i: results[i].extend(timed_searches(index, halves[i], k)[0])) for i in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return percentile(results[0] + results[1], 50)


def filtered_run(
    index: faiss.Index, base: np.ndarray, queries: np.ndarray, k: int, share: float
) -> tuple[float, float]:
    """p50 (ms) and recall@10 of searches admitting `share` of the vectors, against exact ones."""
    rng = np.random.default_rng(int(share * 1e6))
    allowed = np.sort(rng.choice(len(base), max(1, int(len(base) * share)), replace=False)).astype(np.int64)
    sample = queries[:100]
    latencies, _, found = timed_searches(index, sample, k, allowed)
    with omp_threads(2):
        _, truth = faiss.knn(sample, base[allowed], 10, metric=faiss.METRIC_INNER_PRODUCT)
    return percentile(latencies, 50), recall(found, allowed[truth], 10)


def peak_rss_mb() -> float:
    """This process's peak RSS. Not ru_maxrss, which Linux carries over from the parent across exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def recall(found: np.ndarray, truth: np.ndarray, at: int) -> float:
    """Share of the exact top `at` found among the first `at` answers, averaged over queries."""
    return float(np.mean([len(set(f[:at]) & set(t[:at])) / at for f, t in zip(found, truth, strict=True)]))


def percentile(seconds: list[float], q: float) -> float:
    return float(np.percentile(seconds, q) * 1000)


# --- the driver ----------------------------------------------------------------------------


def specs_for(size: int, types: list[str], dim: int) -> list[IndexSpec]:
    """The index types to measure at `size`."""
    choices = {
        "exact": IndexSpec("flat"),
        "approx": choose_index_spec(size, 0, dim),
        "ivf-sq8": ivf_sq8_spec(size),
        "hnsw": hnsw_spec(32, 40, 512),
    }
    return [choices[t] for t in types]


def measure_size(gaussian: Gaussian, size: int, args: argparse.Namespace, exact_max: int) -> list[Row]:
    """Draw `size` vectors and the queries, find the exact answers, measure every index type."""
    with tempfile.TemporaryDirectory(prefix="cited-scale-") as tmp:
        folder = Path(tmp)
        base = gaussian.draw(size, seed=size)
        queries = gaussian.draw(args.queries, seed=size + 1, noise=QUERY_NOISE)
        with omp_threads(2):
            _, truth = faiss.knn(queries, base, args.k, metric=faiss.METRIC_INNER_PRODUCT)
        np.save(folder / "base.npy", base)
        np.save(folder / "queries.npy", queries)
        np.save(folder / "truth.npy", truth)
        del base
        auto = choose_index_spec(size, exact_max, len(gaussian.mean)).name
        rows = []
        for spec in specs_for(size, args.types, len(gaussian.mean)):
            print(f"  {size:>9,} {spec.name} ...", file=sys.stderr, flush=True)
            result = run_worker(folder, spec, args)
            rows.append(Row(size=size, spec=spec.name, auto=spec.name == auto, **result))  # type: ignore[arg-type]
            print(f"  {json.dumps(asdict(rows[-1]))}", file=sys.stderr, flush=True)
        return rows


def run_worker(folder: Path, spec: IndexSpec, args: argparse.Namespace) -> dict[str, object]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        str(folder),
        "--spec",
        spec.name,
        "--queries",
        str(args.queries),
        "--k",
        str(args.k),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"measuring {spec.name} failed:\n{done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    shares = [f"{share:.1%}" for share in FILTER_SHARES]
    head = [
        "vectors",
        "index (auto = chosen)",
        "build s",
        "build CPU s",
        "index MB",
        "peak RSS MB",
        "p50 ms",
        "p99 ms",
        "p50 CPU ms",
        "p50 ms, 2 at once",
        "recall@10",
        "recall@100",
        *[f"filter {s}: p50 ms / recall@10" for s in shares],
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        name = f"**{row.spec}** (auto)" if row.auto else row.spec
        cells = [
            f"{row.size:,}",
            name,
            f"{row.build_s:.1f}",
            f"{row.build_cpu_s:.0f}",
            f"{row.index_mb:,.0f}",
            f"{row.peak_rss_mb:,.0f}",
            f"{row.p50_ms:.2f}",
            f"{row.p99_ms:.2f}",
            f"{row.p50_cpu_ms:.2f}",
            f"{row.p50_two_ms:.2f}",
            f"{row.recall10:.3f}",
            f"{row.recall100:.3f}",
            *[f"{row.filtered[str(s)][0]:.2f} / {row.filtered[str(s)][1]:.3f}" for s in FILTER_SHARES],
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--types", default="exact,approx,ivf-sq8,hnsw")
    parser.add_argument("--k", type=int, default=200, help="neighbours a search asks for (the engine: 2 x candidates)")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument(
        "--broaden",
        type=float,
        default=0.0,
        help="blend the covariance towards isotropic (0..1): a corpus of more topics",
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, parse_index_spec(args.spec), args.queries, args.k)))
        return
    args.types = args.types.split(",")
    settings = Settings()
    started = time.perf_counter()
    gaussian = Gaussian.fit(corpus_vectors(settings), args.broaden)
    print(
        f"fitted on the corpus's MiniLM vectors in {time.perf_counter() - started:.0f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        file=sys.stderr,
        flush=True,
    )
    rows: list[Row] = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows.extend(measure_size(gaussian, size, args, settings.exact_index_max))
    print(table(rows))
    print(
        f"\n{args.queries} queries, k={args.k}, covariance broadened {args.broaden:.2f}; one query at a "
        f"time on one FAISS thread. Load average at the end {os.getloadavg()[0]:.1f}."
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
