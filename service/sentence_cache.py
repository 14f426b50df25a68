"""The sentence cache: each text's sentence spans, kept across builds beside the embedding
cache (`index/cache/sentences-<parser>-<pysbd>.npz`), so a build splits only new text.

Splitting is pysbd's work, about 2 ms a unit: at 100k units over three minutes of every
build, for the one document added (docs/scale.md, "Incremental builds"). The file is named
by the parser version and pysbd's, so a change to either starts it afresh. It holds what the
last build used, nothing more, and is replaced whole (temporary name, then rename): a crash
leaves the old file or the new one. An unreadable file is ignored and rewritten.
"""

from __future__ import annotations

import logging
import os
from importlib.metadata import version
from pathlib import Path

import numpy as np

from service.parse import PARSER_VERSION
from service.text import DIGEST, SentenceMemo, Span

log = logging.getLogger(__name__)


def cache_path(cache_dir: Path) -> Path:
    return cache_dir / f"sentences-{PARSER_VERSION}-pysbd{version('pysbd')}.npz"


def load_sentence_memo(cache_dir: Path) -> SentenceMemo:
    """A memo holding the spans the last build kept (empty when there are none)."""
    path = cache_path(cache_dir)
    if not path.is_file():
        return SentenceMemo()
    try:
        with np.load(path) as data:
            keys, counts, spans = data["keys"], data["counts"], data["spans"]
    except (OSError, ValueError, KeyError):
        log.warning("sentence cache %s unreadable; its texts will be split again", path)
        return SentenceMemo()
    ends = np.cumsum(counts)
    if keys.ndim != 2 or keys.shape[1] != DIGEST or len(keys) != len(counts) or (len(ends) and ends[-1] != len(spans)):
        log.warning("sentence cache %s is inconsistent; its texts will be split again", path)
        return SentenceMemo()
    known: dict[bytes, tuple[Span, ...]] = {}
    rows, raw = spans.tolist(), keys.tobytes()
    for i, (end, count) in enumerate(zip(ends.tolist(), counts.tolist(), strict=True)):
        known[raw[i * DIGEST : (i + 1) * DIGEST]] = tuple((a, b) for a, b in rows[end - count : end])
    return SentenceMemo(known)


def save_sentence_memo(cache_dir: Path, memo: SentenceMemo) -> Path:
    """Keep the spans this build used (and only those) for the next one."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_path(cache_dir)
    keys = list(memo.used)
    counts = np.fromiter((len(memo.used[k]) for k in keys), dtype=np.int32, count=len(keys))
    flat = [span for k in keys for span in memo.used[k]]
    spans = np.asarray(flat, dtype=np.int32).reshape(-1, 2)
    scratch = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npz")
    digests = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, DIGEST)  # not "S16": it drops trailing NULs
    np.savez(scratch, keys=digests, counts=counts, spans=spans)
    scratch.replace(path)
    return path
