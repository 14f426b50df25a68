"""Load on loopback: POST /v1/ask at concurrency 1, 4 and 16, then a long run for memory.

    .venv/bin/python benchmarks/load.py [--requests 200] [--soak 10000] [--json out.json] [--no-baseline]

First times `Engine.ask` over the same questions in this process (the baseline the
concurrency-1 median is compared with). Then starts `service.api.app:app_factory` as a
subprocess on 127.0.0.1 (so its RSS can be read from /proc), waits for /readyz, then sends
a fixed number of requests per level through a bounded `httpx.AsyncClient` (a semaphore
caps the requests in flight; every request has a timeout) and reports p50/p90/p99/max
latency from raw samples, throughput, errors by class, and server RSS, threads, open files
and the SQLite WAL size before and after the long run (RSS also every 1,000 asks of it: a
leak climbs, allocator warm-up levels off).
It sends traffic to 127.0.0.1 only and stops by itself. The generator shares the machine's
cores with the server: numbers are for comparing versions, not for capacity planning.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
FALLBACK_QUESTIONS = [
    "Why does Pakistan host the Taliban leadership?",
    "How much influence does Pakistan have over the Taliban?",
    "What is the TTP?",
    "What did the Doha agreement require?",
]
REQUEST_TIMEOUT = 30.0
SOAK_CHUNK = 1000


@dataclass(frozen=True)
class LevelReport:
    concurrency: int
    requests: int
    seconds: float
    throughput: float  # completed requests per second
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]  # by class: non-2xx status, 429, 503, timeout, transport
    error_rate: float


@dataclass(frozen=True)
class ProcessSample:
    rss_mb: float
    threads: int
    open_files: int
    wal_bytes: int


def load_questions() -> list[str]:
    """The dev question set's questions, or a few built-in ones."""
    path = REPO / "corpus" / "questions" / "dev.jsonl"
    if not path.is_file():
        return FALLBACK_QUESTIONS
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [line["question"] for line in lines] or FALLBACK_QUESTIONS


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile of raw samples."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def sample_process(pid: int, database: Path) -> ProcessSample:
    """RSS, threads and open files of `pid` from /proc, and the SQLite WAL size."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    wal = database.with_name(database.name + "-wal")
    return ProcessSample(
        rss_mb=round(int(fields["VmRSS"].split()[0]) / 1024, 1),
        threads=int(fields["Threads"]),
        open_files=len(os.listdir(f"/proc/{pid}/fd")),
        wal_bytes=wal.stat().st_size if wal.exists() else 0,
    )


async def run_level(
    url: str, questions: list[str], concurrency: int, total: int,
    on_done: Callable[[int], None] | None = None,
) -> LevelReport:
    """`total` asks with at most `concurrency` in flight; `on_done` gets the running count."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    cycle = itertools.cycle(questions)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT, limits=limits) as client:

        async def one(question: str) -> None:
            async with gate:
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/ask", json={"question": question})
                except httpx.TimeoutException:
                    errors["timeout"] += 1
                    return
                except httpx.TransportError:
                    errors["transport"] += 1
                    return
                latencies.append(time.perf_counter() - started)
                if on_done:
                    on_done(len(latencies))
                if response.status_code in (429, 503):
                    errors[str(response.status_code)] += 1
                elif response.status_code >= 300:
                    errors["non-2xx"] += 1

        started = time.perf_counter()
        await asyncio.gather(*(one(next(cycle)) for _ in range(total)))
        seconds = time.perf_counter() - started

    millis = [s * 1000 for s in latencies] or [0.0]
    failed = sum(errors.values())
    return LevelReport(
        concurrency=concurrency, requests=total, seconds=round(seconds, 2),
        throughput=round((total - failed) / seconds, 1),
        p50_ms=round(statistics.median(millis), 1), p90_ms=round(percentile(millis, 0.9), 1),
        p99_ms=round(percentile(millis, 0.99), 1), max_ms=round(max(millis), 1),
        errors=dict(errors), error_rate=round(failed / total, 4),
    )


def run_soak(
    url: str, questions: list[str], total: int, pid: int, database: Path
) -> tuple[LevelReport, list[float]]:
    """`total` asks at concurrency 4, with the server's RSS after every SOAK_CHUNK of them
    (a leak climbs chunk after chunk; allocator warm-up levels off)."""
    trace: list[float] = []

    def sample(done: int) -> None:
        if done % SOAK_CHUNK == 0 or done == total:
            trace.append(sample_process(pid, database).rss_mb)

    return asyncio.run(run_level(url, questions, 4, total, on_done=sample)), trace


def in_process_p50_ms(questions: list[str], index_dir: Path | None) -> float:
    """Median time of `Engine.ask` over the same questions, in this process, before the
    server starts (so nothing else competes for the cores)."""
    from service.engine import load_engine
    from service.settings import Settings

    settings = Settings(index_dir=index_dir or REPO / "index", corpus_dir=REPO / "corpus")
    engine = load_engine(settings)
    for question in questions[:10]:  # warm-up
        engine.ask(question)
    samples = []
    for question in questions * 2:
        started = time.perf_counter()
        engine.ask(question)
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    workdir: Path, index_dir: Path | None, log: Any
) -> tuple[subprocess.Popen[bytes], str]:
    """The app in a child process on a free loopback port, with its database in `workdir`."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITED_")}
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "CITED_DATABASE_PATH": str(workdir / "cited.db"),
                "CITED_CORPUS_DIR": str(REPO / "corpus"),
                "CITED_INDEX_DIR": str(index_dir or REPO / "index")})
    command = [sys.executable, "-m", "uvicorn", "--factory", "service.api.app:app_factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
               "--no-access-log"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def wait_ready(process: subprocess.Popen[bytes], url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}; see its log")
        try:
            response = httpx.get(f"{url}/readyz", timeout=2)
        except httpx.TransportError:
            time.sleep(0.5)
            continue
        if response.status_code == 200:
            return
        if "retry-after" not in response.headers:  # not loading: failed, and says why
            raise SystemExit(f"the server cannot serve: {response.json().get('detail')}")
        time.sleep(0.5)
    raise SystemExit(f"the server did not become ready within {timeout} s")


def print_levels(levels: list[LevelReport]) -> None:
    print(f"{'conc':>4} {'reqs':>6} {'req/s':>7} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}"
          "  errors")
    for r in levels:
        print(f"{r.concurrency:>4} {r.requests:>6} {r.throughput:>7} {r.p50_ms:>8} "
              f"{r.p90_ms:>8} {r.p99_ms:>8} {r.max_ms:>8}  {r.errors or '-'} ({r.error_rate:.2%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="asks per concurrency level")
    parser.add_argument("--levels", default="1,4,16", help="concurrency levels")
    parser.add_argument("--soak", type=int, default=10_000, help="asks for the memory check")
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    parser.add_argument("--no-baseline", action="store_true", help="skip the in-process timing")
    args = parser.parse_args()
    questions = load_questions()
    baseline_ms = None if args.no_baseline else in_process_p50_ms(questions, args.index_dir)
    with tempfile.TemporaryDirectory(prefix="cited-load-") as folder:
        workdir = Path(folder)
        log = open(workdir / "server.log", "wb")  # closed below, after the server stops
        process, url = start_server(workdir, args.index_dir, log)
        try:
            wait_ready(process, url)
            database = workdir / "cited.db"
            report: dict[str, Any] = {"start": asdict(sample_process(process.pid, database))}
            asyncio.run(run_level(url, questions, 4, 50))  # warm-up
            report["after_warmup"] = asdict(sample_process(process.pid, database))
            levels = [asyncio.run(run_level(url, questions, int(c), args.requests))
                      for c in args.levels.split(",")]
            print_levels(levels)
            report["levels"] = [asdict(level) for level in levels]
            if baseline_ms:
                ratio = levels[0].p50_ms / baseline_ms
                report["in_process_p50_ms"], report["c1_over_in_process"] = baseline_ms, round(ratio, 2)
                print(f"in-process p50 {baseline_ms} ms; concurrency {levels[0].concurrency} p50 is {ratio:.2f}x that")
            report["before_soak"] = asdict(sample_process(process.pid, database))
            if args.soak:
                soak, trace = run_soak(url, questions, args.soak, process.pid, database)
                print_levels([soak])
                report["soak"], report["soak_rss_mb"] = asdict(soak), trace
                print(f"RSS every {SOAK_CHUNK} asks: {trace}")
            report["end"] = asdict(sample_process(process.pid, database))
            growth = report["end"]["rss_mb"] - report["before_soak"]["rss_mb"]
            report["rss_growth_mb"] = round(growth, 1)
            for key in ("start", "after_warmup", "before_soak", "end"):
                print(f"{key:>13}: {report[key]}")
            print(f"RSS growth over the {args.soak} soak asks: {report['rss_growth_mb']} MB")
            if args.json:
                args.json.write_text(json.dumps(report, indent=2))
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    main()
