"""The embedding cache: vectors keyed by (embedding fingerprint, text), kept across builds so
unchanged text is never embedded twice.

It is a folder of shards (`index/cache/embeddings-<fingerprint>/shard-*.npz`) rather than one
file, for corpora of thousands of reports:

- New vectors are written a shard at a time while embedding, so a build that is killed after
  an hour keeps that hour's work: the next build embeds only what is still missing.
- A build writes only its new vectors; nothing already on disk is rewritten, except when
  compaction drops the vectors of text that is gone (once they are most of the cache).
- Every shard is written to a temporary name and renamed, so a crash leaves whole shards only.

Texts are sorted by length once, before chunking, so each chunk is batched with little padding
(benchmarks/EMBEDDING.md: unsorted batches cost 1.7-2.7x the CPU).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import numpy as np
from tqdm import tqdm

from service.embed import Embedder, text_key

log = logging.getLogger(__name__)

CHUNK_TEXTS = 8192  # texts per shard: ~12 MB of vectors, about 20 s of embedding here
COMPACT_WHEN_STALE = 0.5  # rewrite the cache once over half its vectors belong to no current text
T = TypeVar("T")
_SHARD = re.compile(r"^shard-(\d{6})\.npz$")


class EmbeddingCache:
    """Embeddings of one fingerprint, in shards under `folder`."""

    def __init__(self, folder: Path, fingerprint: str, *, chunk_texts: int = CHUNK_TEXTS) -> None:
        self.fingerprint = fingerprint
        self.folder = folder / f"embeddings-{fingerprint}"
        self.chunk_texts = chunk_texts
        self._legacy = folder / f"embeddings-{fingerprint}.npz"  # the one-file cache of format 1
        self._unreadable: list[Path] = []
        self._keys: set[str] | None = None  # what `add` has seen cached, read on its first call
        self.added = 0  # vectors `add` kept: texts embedded outside `embed`

    def shards(self) -> list[Path]:
        """The shard files, oldest first."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if _SHARD.match(p.name))

    def _stored(self) -> list[Path]:
        """Every file holding vectors: the shards, then a one-file cache of format 1 if present."""
        return [*self.shards(), *([self._legacy] if self._legacy.is_file() else [])]

    def load(self) -> dict[str, np.ndarray]:
        """Every cached vector by key; an unreadable shard is skipped (its texts are re-embedded)."""
        known: dict[str, np.ndarray] = {}
        self._unreadable = []
        for path in self._stored():
            try:
                with np.load(path) as data:
                    known.update(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                log.warning("embedding cache shard %s unreadable; its texts will be embedded again", path)
                self._unreadable.append(path)
        return known

    def embed(
        self, embedder: Embedder, texts: list[str], batch_size: int, progress: bool
    ) -> tuple[np.ndarray, int, int]:
        """Vectors for `texts`, embedding only those not cached; returns (vectors, new, reused)."""
        known = self.load()
        keys = [text_key(self.fingerprint, t) for t in texts]
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in known}
        ordered = sorted(missing.items(), key=lambda item: len(item[1]))
        with tqdm(total=len(ordered), desc="Embedding", unit="text", disable=not progress or not ordered) as bar:
            for chunk in _chunks(ordered, self.chunk_texts):
                # The bar moves per batch of the model, not per shard (~20 s of work at 8,192 texts).
                fresh = embedder.encode([t for _, t in chunk], batch_size=batch_size, advance=bar.update)
                chunk_keys = [k for k, _ in chunk]
                self._write_shard(chunk_keys, fresh)
                known.update(zip(chunk_keys, fresh, strict=True))
        vectors = np.stack([known[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)
        self._compact_if_stale(known, set(keys))
        return vectors.astype(np.float32), len(missing), len(keys) - len(missing)

    def add(self, texts: list[str], vectors: np.ndarray) -> None:
        """Keep vectors the model made elsewhere (the word-piece pass pools each window as it
        goes), so `embed` does not run the model over those texts again; texts already cached
        are skipped (`added` counts the others)."""
        if self._keys is None:
            self._keys = self.cached_keys()
        fresh = {}
        for text, vector in zip(texts, vectors, strict=True):
            key = text_key(self.fingerprint, text)
            if key not in self._keys:
                fresh[key] = vector
        if fresh:
            self._write_shard(list(fresh), np.stack(list(fresh.values())))
            self._keys.update(fresh)
        self.added += len(fresh)

    def cached_keys(self) -> set[str]:
        """The keys of every readable shard, without their vectors."""
        keys: set[str] = set()
        for path in self._stored():
            try:
                with np.load(path) as data:
                    keys.update(data["keys"].tolist())
            except (OSError, ValueError, KeyError):
                continue  # `load` warns about it and `embed` embeds its texts again
        return keys

    def _write_shard(self, keys: list[str], vectors: np.ndarray) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        existing = [int(m.group(1)) for p in self.shards() if (m := _SHARD.match(p.name))]
        path = self.folder / f"shard-{max(existing, default=-1) + 1:06d}.npz"
        scratch = self.folder / f".{path.stem}.{os.getpid()}.tmp.npz"
        np.savez(scratch, keys=np.asarray(keys), vectors=np.asarray(vectors, dtype=np.float32))
        scratch.replace(path)
        return path

    def _compact_if_stale(self, known: dict[str, np.ndarray], live: set[str]) -> None:
        """Rewrite the cache with only the live vectors once most of it is stale, a shard is
        unreadable, or it is still in the one-file format. New shards are written before the
        old ones are removed."""
        stale = len(known) - len(live & known.keys())
        mostly_stale = stale > COMPACT_WHEN_STALE * max(len(known), 1)
        if not (mostly_stale or self._unreadable or self._legacy.is_file()):
            return
        old = self.shards()
        ordered = sorted(live & known.keys())
        for chunk in _chunks(ordered, self.chunk_texts):
            self._write_shard(chunk, np.stack([known[k] for k in chunk]))
        for path in old:
            path.unlink()
        self._legacy.unlink(missing_ok=True)


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
