"""Word-piece vectors of every sentence window, for late-interaction re-ranking, compressed.

Written at build time as one uint8 array of codes (`token_codes.npy`, a row per word piece,
filled through a memory map so a large corpus never holds it whole in memory), where each
window's pieces start (`token_offsets.npy`), where each piece lies in its window's text
(`token_spans.npy`, so that choosing an answer's sentence by its own pieces tokenizes nothing
per question; docs/scale.md) and the codec that decodes them (service.token_codec). A new
codec is trained on a seeded sample of the windows, embedded first; the rest are encoded as
they are embedded.

A rebuild keeps the published codec when it is still the one the corpus would get (same kind,
and trained on the full sample or on at least 1/GROWTH of today's vectors): it copies the codes
of every window whose text is unchanged and runs the model only over new text. Otherwise the
codec is trained again and every window's pieces are embedded again, since codes cannot be
re-encoded without the loss adding up; the growth rule bounds that to a few times while the
corpus is still small.

Reading them back for re-ranking is the index store's (service.store.tokens).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.lib.format import open_memmap
from tqdm import tqdm

from service.embed import Embedder, text_key
from service.store import CODES, OFFSETS, SPANS, read_manifest, read_units
from service.token_codec import (
    FP16,
    SEED,
    TRAIN_MAX,
    TokenCodec,
    choose_codec,
    code_size,
    load_codec,
    save_codec,
    train_codec,
)

CHUNK_WINDOWS = 2048  # windows embedded per model call: bounds the memory of a large build
# Told of each chunk's texts and their pooled vectors: the same model pass gives both, and the
# build keeps them in the embedding cache rather than running the model over each window twice.
KeepPooled = Callable[[list[str], np.ndarray], None]
GROWTH = 4  # a codec trained on fewer than TRAIN_MAX vectors is retrained past this growth


@dataclass(frozen=True)
class TokenReport:
    tokens: int  # word-piece vectors written
    reused: int  # windows whose codes came from the previous version
    codec: str  # the codec's name (service.token_codec)
    trained: int  # vectors the codec was trained on


@dataclass(frozen=True)
class _Previous:
    codes: np.ndarray  # memory-mapped
    spans: dict[str, tuple[int, int]]  # window text key -> its rows in `codes`
    codec: TokenCodec
    trained: int


def write_window_tokens(
    folder: Path,
    embedder: Embedder,
    window_texts: list[str],
    *,
    batch_size: int,
    previous: Path | None,
    progress: bool = False,
    keep_pooled: KeepPooled | None = None,
) -> TokenReport:
    """Write the windows' compressed word-piece vectors into `folder`, reusing `previous`'s
    codec and codes where it can (`previous` must hold vectors of this embedder's fingerprint).
    `keep_pooled` is given the pooled vector of every window the model runs over."""
    keys = [text_key(embedder.fingerprint, text) for text in window_texts]
    limit = embedder.max_tokens - 2  # the model reads [CLS] + pieces + [SEP]
    wide = max(map(len, window_texts), default=0) >= np.iinfo(np.uint16).max
    span_type = np.uint32 if wide else np.uint16  # 4 bytes a piece for any window of a real corpus
    piece_spans = [spans[:limit].astype(span_type) for spans in embedder.piece_spans_of(window_texts)]
    lengths = [len(spans) for spans in piece_spans]
    old = _previous_pieces(previous, embedder.fingerprint, int(sum(lengths)))
    offsets = np.cumsum([0, *lengths]).astype(np.int64)
    # A window's codes are copied when its text was coded before, with as many pieces (the
    # same model's tokenizer: always, unless the previous version is damaged).
    spans = {
        k: old.spans[k]
        for k, n in zip(keys, lengths, strict=True)
        if old is not None and k in old.spans and old.spans[k][1] - old.spans[k][0] == n
    }
    total = int(offsets[-1])
    codec = old.codec if old else None
    name = codec.name if codec else choose_codec(total)
    trained = old.trained if old else 0
    out = open_memmap(folder / CODES, mode="w+", dtype=np.uint8, shape=(total, code_size(name, embedder.dim)))
    missing = [i for i, k in enumerate(keys) if k not in spans]
    if old is not None:
        for i, k in enumerate(keys):
            if k in spans:
                start, end = spans[k]
                out[offsets[i] : offsets[i + 1]] = old.codes[start:end]
    if codec is None:  # embed a seeded sample of windows first, to train on
        missing = [missing[j] for j in np.random.default_rng(SEED).permutation(len(missing))]
    pending: list[tuple[int, np.ndarray]] = []
    with tqdm(total=len(missing), desc="Word pieces", unit="window", disable=not progress or not missing) as bar:
        for i, vectors in _embedded(embedder, window_texts, missing, batch_size, bar, keep_pooled):
            if len(vectors) != lengths[i]:
                raise RuntimeError(f"window {i}: {len(vectors)} word pieces embedded, {lengths[i]} counted")
            pending.append((i, vectors))
            if codec is None and sum(len(v) for _, v in pending) < min(TRAIN_MAX, total):
                continue
            if codec is None:
                sample = np.concatenate([v for _, v in pending])
                bar.set_postfix_str("training the codebook")  # the bar stands still meanwhile
                codec = train_codec(name, sample)
                bar.set_postfix_str("")
                trained = 0 if name == FP16 else min(len(sample), TRAIN_MAX)  # fp16 learns nothing
            for j, pieces in pending:
                out[offsets[j] : offsets[j + 1]] = codec.encode(pieces)
            pending.clear()
    if codec is None:  # no window at all
        codec = train_codec(name, np.zeros((0, embedder.dim), np.float32))
    out.flush()
    del out
    np.save(folder / OFFSETS, offsets)
    _write_piece_spans(folder / SPANS, piece_spans, total, span_type)
    save_codec(codec, folder)
    return TokenReport(total, len(keys) - len(missing), codec.name, trained)


def _write_piece_spans(
    path: Path, piece_spans: list[np.ndarray], total: int, span_type: type[np.unsignedinteger]
) -> None:
    """Each piece's (start, end) in its window's text, a row per stored vector, window by window."""
    out = open_memmap(path, mode="w+", dtype=span_type, shape=(total, 2))
    row = 0
    for spans in piece_spans:
        out[row : row + len(spans)] = spans
        row += len(spans)
    out.flush()
    del out


def _embedded(
    embedder: Embedder,
    texts: list[str],
    order: list[int],
    batch_size: int,
    bar: tqdm,
    keep_pooled: KeepPooled | None,
) -> Iterator[tuple[int, np.ndarray]]:
    """(window, its word-piece vectors) for the windows in `order`, a chunk at a time; `bar`
    moves per batch of the model."""
    for first in range(0, len(order), CHUNK_WINDOWS):
        chunk = order[first : first + CHUNK_WINDOWS]
        chunk_texts = [texts[i] for i in chunk]
        pooled, pieces = embedder.encode_with_tokens(chunk_texts, batch_size=batch_size, advance=bar.update)
        if keep_pooled is not None:
            keep_pooled(chunk_texts, pooled)
        yield from zip(chunk, pieces, strict=True)


def _previous_pieces(previous: Path | None, fingerprint: str, total: int) -> _Previous | None:
    """The previous version's codes (memory-mapped), each window text's rows in them and its
    codec, when that codec is still the one for a corpus of `total` vectors."""
    if previous is None or not (previous / CODES).is_file():
        return None
    manifest = read_manifest(previous)
    if manifest.token_codec != choose_codec(total):
        return None
    if manifest.token_codec_trained < TRAIN_MAX and total > GROWTH * manifest.token_codec_trained > 0:
        return None
    try:
        codec = load_codec(manifest.token_codec, manifest.dim, previous)
    except ValueError:
        return None
    units = read_units(previous / "units.jsonl")
    windows = np.load(previous / "windows.npy")
    offsets = np.load(previous / OFFSETS)
    spans = {
        text_key(fingerprint, units[int(u)].text_at((int(a), int(b)))): (int(offsets[w]), int(offsets[w + 1]))
        for w, (u, a, b) in enumerate(windows)
    }
    return _Previous(np.load(previous / CODES, mmap_mode="r"), spans, codec, manifest.token_codec_trained)
