"""A version's word-piece codes read back for re-ranking (written by service.window_tokens):
one uint8 row per word piece in `token_codes.npy`, each window's rows in `token_offsets.npy`,
each piece's (start, end) in its window's text in `token_spans.npy`, and the codec that decodes
them (service.token_codec). A version built before the spans were stored has no
`token_spans.npy`; it still loads, and the engine tokenizes the windows it reads instead
(`cited build` rebuilds it, copying its codes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from service.errors import IndexCorrupt
from service.store.layout import FIX, Manifest
from service.token_codec import TokenCodec, load_codec

CODES = "token_codes.npy"
OFFSETS = "token_offsets.npy"
SPANS = "token_spans.npy"
IN_MEMORY_MAX_BYTES = 512 * 1024 * 1024  # past this, codes stay on disk (memory-mapped)


@dataclass(frozen=True)
class WindowTokens:
    """A version's compressed word-piece vectors, decoded a few windows at a time."""

    codes: np.ndarray  # uint8, a row per word piece: in memory, or memory-mapped when large
    offsets: np.ndarray  # window w's pieces: codes[offsets[w]:offsets[w + 1]]
    codec: TokenCodec
    # (pieces, 2) uint16 or uint32, a row per code: where the piece lies in its window's text;
    # None for a version built before they were stored. In memory or mapped, as `codes`.
    spans: np.ndarray | None = None

    def windows(self, first: int, last: int) -> np.ndarray:
        """The float32 word-piece vectors of windows first..last-1."""
        return self.codec.decode(self.codes[self.offsets[first] : self.offsets[last]])

    def window_piece_spans(self, first: int, last: int, starts: np.ndarray) -> np.ndarray | None:
        """(n, 2) int64: where each word piece of windows first..last-1 lies in its unit's text,
        given each window's start in it; None when the version stores no spans."""
        if self.spans is None:
            return None
        offsets = self.offsets[first : last + 1]
        shift = np.repeat(np.asarray(starts, dtype=np.int64), np.diff(offsets))
        return self.spans[offsets[0] : offsets[-1]].astype(np.int64) + shift[:, None]


def load_window_tokens(folder: Path, manifest: Manifest, windows: int) -> WindowTokens | None:
    """The version's word-piece codes, if built, checked against its manifest: in memory while
    they are small, else memory-mapped (a question reads only its head's units)."""
    if not manifest.tokens:
        return None
    fix = f"{folder / CODES} does not match its manifest"
    try:
        codec = load_codec(manifest.token_codec, manifest.dim, folder)
        codes = np.load(folder / CODES, mmap_mode="r")
        offsets = np.load(folder / OFFSETS)
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{fix} ({exc}): {FIX}") from exc
    if codes.dtype != np.uint8 or codes.ndim != 2 or codes.shape != (manifest.tokens, codec.code_size):
        raise IndexCorrupt(
            f"{fix} ({codes.dtype} {codes.shape}, expected {manifest.tokens}x{codec.code_size} "
            f"{codec.name} codes): {FIX}"
        )
    if (
        len(offsets) != windows + 1
        or int(offsets[0]) != 0
        or int(offsets[-1]) != len(codes)
        or bool((np.diff(offsets) < 0).any())
    ):
        raise IndexCorrupt(f"{folder / OFFSETS} does not match {folder / CODES}: {FIX}")
    spans = _load_piece_spans(folder, manifest)
    if codes.nbytes <= IN_MEMORY_MAX_BYTES:  # the spans go with the codes: a question reads both
        codes = np.array(codes)
        spans = None if spans is None else np.array(spans)
    return WindowTokens(codes, offsets, codec, spans)


def _load_piece_spans(folder: Path, manifest: Manifest) -> np.ndarray | None:
    """The pieces' spans, memory-mapped, when the manifest lists them (checksummed like every
    file); None for a version built before they were stored."""
    if SPANS not in manifest.files:
        return None
    try:
        spans = np.load(folder / SPANS, mmap_mode="r")
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{folder / SPANS} cannot be read ({exc}): {FIX}") from exc
    if spans.dtype not in (np.uint16, np.uint32) or spans.shape != (manifest.tokens, 2):
        raise IndexCorrupt(
            f"{folder / SPANS} holds {spans.dtype} {spans.shape}, expected {manifest.tokens}x2 unsigned offsets: {FIX}"
        )
    return np.asarray(spans)
