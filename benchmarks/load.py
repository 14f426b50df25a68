"""Load on loopback: POST /v1/ask at concurrency 1, 4 and 16, then a long run for memory.

    .venv/bin/python benchmarks/load.py [--requests 200] [--soak 10000] [--json out.json]
                                        [--no-baseline | --rounds 7] [--wrk-seconds 10 | --no-wrk]

Loads the engine in this process too (for the in-process baseline). Then starts
`service.server:app_factory` as a subprocess on 127.0.0.1 (so its RSS can be read from
/proc), waits for /readyz, then sends a fixed number of requests per level through a
bounded `httpx.AsyncClient` (a semaphore caps the requests in flight; every request has a
timeout) and reports p50/p90/p99/max latency from raw samples, throughput, errors by
class, and server RSS, threads, open files and the SQLite WAL size before and after the
long run (RSS also every 1,000 asks of it: a leak climbs, allocator warm-up levels off).
When `wrk` (a C load generator; Debian package `wrk`) is installed, each level is also run
through it for `--wrk-seconds`: its latency has almost none of the client's own time in
it (the Python client adds about 2 ms a request at concurrency 1, on the same two cores),
so the concurrency-1 comparison with the in-process time is made with both clients.
That comparison alternates, `--rounds` times, one in-process pass over the questions with
one pass over HTTP (the server idle during the former): the ratio is the median of the
rounds' ratios, so drift in a shared host's speed does not land on one side only.
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
import re
import shutil
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
WRK_ROUND_SECONDS = 3  # wrk's share of one round of the concurrency-1 comparison


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
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    wal = database.with_name(database.name + "-wal")
    return ProcessSample(
        rss_mb=round(int(fields["VmRSS"].split()[0]) / 1024, 1),
        threads=int(fields["Threads"]),
        open_files=len(os.listdir(f"/proc/{pid}/fd")),
        wal_bytes=wal.stat().st_size if wal.exists() else 0,
    )


async def run_level(
    url: str,
    questions: list[str],
    concurrency: int,
    total: int,
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
        concurrency=concurrency,
        requests=total,
        seconds=round(seconds, 2),
        throughput=round((total - failed) / seconds, 1),
        p50_ms=round(statistics.median(millis), 1),
        p90_ms=round(percentile(millis, 0.9), 1),
        p99_ms=round(percentile(millis, 0.99), 1),
        max_ms=round(max(millis), 1),
        errors=dict(errors),
        error_rate=round(failed / total, 4),
    )


def run_soak(url: str, questions: list[str], total: int, pid: int, database: Path) -> tuple[LevelReport, list[float]]:
    """`total` asks at concurrency 4, with the server's RSS after every SOAK_CHUNK of them
    (a leak climbs chunk after chunk; allocator warm-up levels off)."""
    trace: list[float] = []

    def sample(done: int) -> None:
        if done % SOAK_CHUNK == 0 or done == total:
            trace.append(sample_process(pid, database).rss_mb)

    return asyncio.run(run_level(url, questions, 4, total, on_done=sample)), trace


WRK_SCRIPT = """\
local bodies = {
%(bodies)s
}
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "/v1/ask", {["Content-Type"] = "application/json"}, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "duration_us": %%d, "p50": %%d, "p90": %%d, "p99": %%d, "max": %%d, '
    .. '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def wrk_script(questions: list[str]) -> str:
    """A wrk Lua script that cycles through `questions` and prints its summary as JSON."""
    bodies = [json.dumps({"question": question}) for question in questions]
    level = 1
    while any(f"]{'=' * level}]" in body for body in bodies):
        level += 1
    literal = "[" + "=" * level + "[%s]" + "=" * level + "]"
    return WRK_SCRIPT % {"bodies": ",\n".join(literal % body for body in bodies)}


def run_wrk_level(url: str, script: Path, concurrency: int, seconds: int) -> LevelReport:
    """One level through wrk (one thread, `concurrency` connections, `seconds` long)."""
    command = [
        "wrk",
        "-t1",
        f"-c{concurrency}",
        f"-d{seconds}s",
        f"--timeout={REQUEST_TIMEOUT:.0f}s",
        "-s",
        str(script),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = re.search(r"^WRK (\{.*\})$", output, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk printed no summary:\n{output}")
    summary = json.loads(found.group(1))
    errors = {name: summary[name] for name in ("connect", "read", "write", "timeout") if summary[name]}
    if summary["status"]:
        errors["non-2xx"] = summary["status"]
    failed, total = sum(errors.values()), summary["requests"]
    return LevelReport(
        concurrency=concurrency,
        requests=total,
        seconds=round(summary["duration_us"] / 1e6, 2),
        throughput=round((total - failed) / (summary["duration_us"] / 1e6), 1),
        p50_ms=round(summary["p50"] / 1000, 1),
        p90_ms=round(summary["p90"] / 1000, 1),
        p99_ms=round(summary["p99"] / 1000, 1),
        max_ms=round(summary["max"] / 1000, 1),
        errors=errors,
        error_rate=round(failed / max(total, 1), 4),
    )


def load_in_process_engine(index_dir: Path | None, questions: list[str]) -> Any:
    """The engine the server loads, in this process, warmed up on the first questions."""
    from service.engine import load_engine
    from service.settings import Settings

    settings = Settings(index_dir=index_dir or REPO / "index", corpus_dir=REPO / "corpus")
    engine = load_engine(settings)
    for question in questions[:10]:
        engine.ask(question)
    return engine


def in_process_p50_ms(engine: Any, questions: list[str]) -> float:
    """Median time of `Engine.ask` over `questions`, one after another, in this process."""
    samples = []
    for question in questions:
        started = time.perf_counter()
        engine.ask(question)
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)


@dataclass(frozen=True)
class Pair:
    """One round of the concurrency-1 comparison: the same questions in-process, then over
    HTTP through each client. Rounds alternate so that drift in the machine's speed (a
    shared host) hits both sides alike; the ratio is the median of the rounds' ratios."""

    in_process_ms: float
    httpx_ms: float
    wrk_ms: float | None


def compare_concurrency_1(url: str, questions: list[str], engine: Any, script: Path | None, rounds: int) -> list[Pair]:
    pairs = []
    for _ in range(rounds):
        in_process = in_process_p50_ms(engine, questions)
        over_httpx = asyncio.run(run_level(url, questions, 1, len(questions))).p50_ms
        over_wrk = run_wrk_level(url, script, 1, WRK_ROUND_SECONDS).p50_ms if script else None
        pairs.append(Pair(in_process, over_httpx, over_wrk))
    return pairs


def print_pairs(pairs: list[Pair]) -> dict[str, float]:
    """Each round, then the median ratio per client."""
    print("concurrency 1 against in-process (p50 ms per round):")
    for pair in pairs:
        print(f"  in-process {pair.in_process_ms:>5}  httpx {pair.httpx_ms:>5}  wrk {pair.wrk_ms}")
    ratios = {"httpx": statistics.median(p.httpx_ms / p.in_process_ms for p in pairs)}
    over_wrk = [p.wrk_ms / p.in_process_ms for p in pairs if p.wrk_ms is not None]
    if over_wrk:
        ratios["wrk"] = statistics.median(over_wrk)
    for client, ratio in ratios.items():
        print(f"  {client}: p50 over HTTP is {ratio:.2f}x the in-process p50 (median of rounds)")
    return {client: round(ratio, 2) for client, ratio in ratios.items()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    workdir: Path, index_dir: Path | None, log: Any, corpus_dir: Path | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """The app in a child process on a free loopback port, with its database in `workdir`
    (`corpus_dir`: the corpus the index was built from, checked for freshness)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITED_")}
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "CITED_DATABASE_PATH": str(workdir / "cited.db"),
            "CITED_CORPUS_DIR": str(corpus_dir or REPO / "corpus"),
            "CITED_INDEX_DIR": str(index_dir or REPO / "index"),
        }
    )
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "service.server:app_factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
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
    print(f"{'conc':>4} {'reqs':>6} {'req/s':>7} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}  errors")
    for r in levels:
        print(
            f"{r.concurrency:>4} {r.requests:>6} {r.throughput:>7} {r.p50_ms:>8} "
            f"{r.p90_ms:>8} {r.p99_ms:>8} {r.max_ms:>8}  {r.errors or '-'} ({r.error_rate:.2%})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="asks per concurrency level")
    parser.add_argument("--levels", default="1,4,16", help="concurrency levels")
    parser.add_argument("--soak", type=int, default=10_000, help="asks for the memory check")
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    parser.add_argument("--no-baseline", action="store_true", help="skip the in-process comparison")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the in-process comparison")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="length of each wrk level")
    parser.add_argument("--no-wrk", action="store_true", help="skip the wrk pass")
    args = parser.parse_args()
    questions = load_questions()
    engine = None if args.no_baseline else load_in_process_engine(args.index_dir, questions)
    concurrencies = [int(c) for c in args.levels.split(",")]
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
            levels = [asyncio.run(run_level(url, questions, c, args.requests)) for c in concurrencies]
            print("httpx:")
            print_levels(levels)
            report["levels"] = [asdict(level) for level in levels]
            script = None
            if not args.no_wrk and shutil.which("wrk"):
                script = workdir / "ask.lua"
                script.write_text(wrk_script(questions))
                wrk_levels = [run_wrk_level(url, script, c, args.wrk_seconds) for c in concurrencies]
                print("wrk:")
                print_levels(wrk_levels)
                report["wrk_levels"] = [asdict(level) for level in wrk_levels]
            elif not args.no_wrk:
                print("wrk is not installed (apt-get install wrk): httpx figures only")
            if engine is not None:
                pairs = compare_concurrency_1(url, questions, engine, script, args.rounds)
                report["concurrency_1_rounds"] = [asdict(pair) for pair in pairs]
                report["concurrency_1_over_in_process"] = print_pairs(pairs)
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
