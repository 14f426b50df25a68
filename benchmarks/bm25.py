"""BM25 benchmark (not a test): the lexical side alone at N units, postings in memory or mapped.

    .venv/bin/python benchmarks/bm25.py --units 100000 [--seed 0] [--repeat 5] [--json out.json]

Generates N units (benchmarks/corpus_gen.py), builds the unit and sentence BM25 indexes as
`cited build` does, then, for each loading mode in a fresh process: RSS after loading, and
p50/p99 of the engine's lexical scoring of one question (`service.retrieve.lexical_scores`:
units and sentences, the question and, every other time, the previous question as history,
then the top 100 by `top_admitted`), with the RSS after the questions. Rankings must be the
same in both modes; the script stops if they are not. Needs no model: nothing is embedded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from corpus_gen import CorpusGenerator, write_documents
from load import load_questions
from pipeline import title_questions

from service.bm25 import build_bm25, load_bm25, save_bm25
from service.retrieve import lexical_scores, top_admitted
from service.store import SentenceTable
from service.text import sentence_spans
from service.units import load_corpus

DEPTH = 100  # CITED_CANDIDATES: the BM25 candidates a question pools


def rss_mb() -> float:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return round(int(fields["VmRSS"].split()[0]) / 1024, 1)


def build(corpus_dir: Path, folder: Path) -> dict[str, Any]:
    """The two indexes and the sentence rows, as `cited build` writes them."""
    texts = [u.text for u in load_corpus(corpus_dir).units]
    rows = [(i, a, b) for i, text in enumerate(texts) for a, b in sentence_spans(text)]
    started = time.perf_counter()
    save_bm25(build_bm25(texts), folder / "bm25")
    save_bm25(build_bm25([texts[i][a:b] for i, a, b in rows]), folder / "bm25_sentences")
    np.save(folder / "sentences.npy", np.asarray(rows, dtype=np.int64))
    (folder / "units.txt").write_text(str(len(texts)))
    sizes = {p.parent.name + "/" + p.name: round(p.stat().st_size / 2**20, 1) for p in folder.glob("bm25*/*")}
    return {
        "units": len(texts),
        "sentences": len(rows),
        "build_s": round(time.perf_counter() - started, 1),
        "disk_mb": sizes,
    }


def measure(folder: Path, questions: list[str], mmap: bool, repeat: int) -> dict[str, Any]:
    """One loading mode, in this (fresh) process."""
    before = rss_mb()
    units = load_bm25(folder / "bm25", mmap=mmap)
    sentences_bm25 = load_bm25(folder / "bm25_sentences", mmap=mmap)
    rows = np.load(folder / "sentences.npy")
    n_units = int((folder / "units.txt").read_text())
    table = SentenceTable.from_rows(rows, np.zeros((len(rows), 1), dtype=np.float32), n_units)
    loaded = rss_mb()
    everyone = np.ones(n_units, dtype=bool)
    samples, digest = [], hashlib.sha256()
    for round_ in range(repeat):
        for i, question in enumerate(questions):
            history = questions[i - 1] if i % 2 else ""
            started = time.perf_counter()
            scores = lexical_scores(units, sentences_bm25, table, question, history)
            top = top_admitted(scores, everyone, DEPTH)
            samples.append(time.perf_counter() - started)
            if round_ == 0:
                digest.update(np.sort(top).tobytes() + scores[np.sort(top)].tobytes())
    millis = sorted(s * 1000 for s in samples)
    return {
        "mmap": mmap,
        "rss_before_mb": before,
        "rss_loaded_mb": loaded,
        "rss_after_mb": rss_mb(),
        "p50_ms": round(statistics.median(millis), 2),
        "p99_ms": round(millis[int(0.99 * (len(millis) - 1))], 2),
        "rankings": digest.hexdigest(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", choices=["mmap", "memory"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        questions = json.loads((args.folder / "questions.json").read_text())
        print(json.dumps(measure(args.folder, questions, args.child == "mmap", args.repeat)))
        return
    with tempfile.TemporaryDirectory(prefix="cited-bm25-") as scratch:
        folder = Path(scratch)
        write_documents(folder / "corpus", list(CorpusGenerator(args.seed).documents(args.units)))
        report = build(folder / "corpus", folder)
        questions = title_questions(folder / "corpus", 40, args.seed) + load_questions()
        (folder / "questions.json").write_text(json.dumps(questions))
        modes = {}
        for mode in ("memory", "mmap"):
            child = [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--repeat", str(args.repeat)]
            modes[mode] = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
        report["modes"] = modes
    if modes["memory"]["rankings"] != modes["mmap"]["rankings"]:
        raise SystemExit("memory-mapped BM25 ranked differently from BM25 in memory")
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
