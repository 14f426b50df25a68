"""Word-piece vectors of every sentence window, for late-interaction re-ranking.

Written at build time as one float16 array (`tokens.npy`, filled through a memory map so a
large corpus never holds it whole in memory) plus where each window's pieces start
(`token_offsets.npy`). A rebuild copies the pieces of every window whose text is unchanged
from the published version, the way the embedding cache spares their vectors, and runs the
model only over new text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.lib.format import open_memmap
from tqdm import tqdm

from service.embed import Embedder, text_key
from service.store import read_units

TOKENS = "tokens.npy"
OFFSETS = "token_offsets.npy"
CHUNK_WINDOWS = 2048  # windows embedded per model call: bounds the memory of a large build


@dataclass(frozen=True)
class TokenReport:
    tokens: int  # word-piece vectors written
    reused: int  # windows whose pieces came from the previous version


def write_window_tokens(
    folder: Path, embedder: Embedder, window_texts: list[str], *, batch_size: int, previous: Path | None,
    progress: bool = False,
) -> TokenReport:
    """Write the windows' word-piece vectors into `folder`, reusing `previous`'s where the
    window text is the same (`previous` must hold vectors of this embedder's fingerprint)."""
    keys = [text_key(embedder.fingerprint, text) for text in window_texts]
    old_tokens, old_spans = _previous_pieces(previous, embedder.fingerprint)
    limit = embedder.max_tokens - 2  # the model reads [CLS] + pieces + [SEP]
    counted = embedder.count_tokens(window_texts)
    lengths = [
        old_spans[k][1] - old_spans[k][0] if k in old_spans else min(n, limit)
        for k, n in zip(keys, counted, strict=True)
    ]
    offsets = np.cumsum([0, *lengths]).astype(np.int64)
    out = open_memmap(folder / TOKENS, mode="w+", dtype=np.float16, shape=(int(offsets[-1]), embedder.dim))
    missing = [i for i, k in enumerate(keys) if k not in old_spans]
    for i, k in enumerate(keys):
        if k in old_spans and old_tokens is not None:
            start, end = old_spans[k]
            out[offsets[i]:offsets[i + 1]] = old_tokens[start:end]
    with tqdm(total=len(missing), desc="Word pieces", unit="window", disable=not progress or not missing) as bar:
        for first in range(0, len(missing), CHUNK_WINDOWS):
            chunk = missing[first:first + CHUNK_WINDOWS]
            _, pieces = embedder.encode_with_tokens([window_texts[i] for i in chunk], batch_size=batch_size)
            for i, vectors in zip(chunk, pieces, strict=True):
                if len(vectors) != lengths[i]:
                    raise RuntimeError(f"window {i}: {len(vectors)} word pieces embedded, {lengths[i]} counted")
                out[offsets[i]:offsets[i + 1]] = vectors
            bar.update(len(chunk))
    out.flush()
    del out
    np.save(folder / OFFSETS, offsets)
    return TokenReport(int(offsets[-1]), len(keys) - len(missing))


def _previous_pieces(previous: Path | None, fingerprint: str) -> tuple[np.ndarray | None, dict[str, tuple[int, int]]]:
    """The previous version's pieces (memory-mapped) and each window text's span in them."""
    if previous is None or not (previous / TOKENS).is_file():
        return None, {}
    units = read_units(previous / "units.jsonl")
    windows = np.load(previous / "windows.npy")
    offsets = np.load(previous / OFFSETS)
    spans = {
        text_key(fingerprint, units[int(u)].text[int(a):int(b)]): (int(offsets[w]), int(offsets[w + 1]))
        for w, (u, a, b) in enumerate(windows)
    }
    return np.load(previous / TOKENS, mmap_mode="r"), spans
