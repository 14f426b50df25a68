"""Compare the token-vector codecs on the published index: bytes, MRR@10, hit@5, re-rank time.

    python benchmarks/token_codecs.py corpus/questions/dev.jsonl [--codec fp16 --codec pq64 ...]

The windows' word pieces are embedded once, then each codec is trained on them (as
`cited build` trains it) and swapped into the loaded engine, so every row shares the same
retrieval and differs only in the re-ranking vectors. Re-rank time is the mean wall time of
the engine's re-rank step (decoding the head's codes and MaxSim) per question.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from service.engine import Engine, load_engine
from service.evaluate.run import evaluate_engine, load_questions
from service.records import Answer, Filters, Mode
from service.settings import get_settings
from service.store import WindowTokens, current_version_dir
from service.token_codec import CODEC_FILE, save_codec, train_codec


class TimedEngine(Engine):
    """The engine, adding up the time its re-rank step takes."""

    rerank_seconds = 0.0
    reranks = 0

    def ask(
        self,
        question: str,
        *,
        top_k: int = 5,
        filters: Filters | None = None,
        history: Sequence[str] = (),
        mode: Mode = "hybrid",
    ) -> Answer:
        answer = super().ask(question, top_k=top_k, filters=filters, history=history, mode=mode)
        if "rerank" in answer.timings:  # the re-rank step ran (service.retrieve.rank)
            self.rerank_seconds += answer.timings["rerank"]
            self.reranks += 1
        return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--codec", action="append", default=None, help="fp16, pq96, pq64, pq48 ...")
    args = parser.parse_args()
    settings = get_settings()
    engine = load_engine(settings)
    files = engine.files
    folder = current_version_dir(settings.index_dir)
    windows = np.load(folder / "windows.npy")
    texts = [files.units[int(u)].text[int(a) : int(b)] for u, a, b in windows]
    _, pieces = engine.embedder.encode_with_tokens(texts, batch_size=settings.embed_batch_size)
    vectors = np.concatenate(pieces)
    offsets = np.cumsum([0, *(len(p) for p in pieces)]).astype(np.int64)
    print(f"{len(texts)} windows, {len(vectors)} word pieces")
    header = (
        "| codec | bytes/token | total bytes | "
        + " | ".join(f"{f.stem} MRR@10 | {f.stem} hit@5" for f in args.files)
        + " | re-rank ms/question |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for name in args.codec or ["fp16", "pq96", "pq64", "pq48"]:
        codec = train_codec(name, vectors)
        tokens = WindowTokens(codec.encode(vectors), offsets, codec)
        total = tokens.codes.nbytes + offsets.nbytes
        with tempfile.TemporaryDirectory() as scratch:
            save_codec(codec, Path(scratch))
            saved = Path(scratch) / CODEC_FILE
            total += saved.stat().st_size if saved.exists() else 0
        timed = TimedEngine(dataclasses.replace(files, tokens=tokens), engine.embedder, settings)
        cells = []
        for path in args.files:
            report = evaluate_engine(timed, load_questions([path]))
            metrics = report.modes[0].metrics
            cells += [f"{metrics['mrr@10']:.4f}", f"{metrics['hit@5']:.3f}"]
        per_question = 1000 * timed.rerank_seconds / max(timed.reranks, 1)
        print(
            f"| {name} | {codec.code_size} | {total:,} | " + " | ".join(cells) + f" | {per_question:.2f} |", flush=True
        )


if __name__ == "__main__":
    main()
