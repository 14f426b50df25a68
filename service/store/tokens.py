"""A version's word-piece codes read back for re-ranking (written by service.window_tokens):
one uint8 row per word piece in `token_codes.npy`, each window's rows in `token_offsets.npy`,
and the codec that decodes them (service.token_codec)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from service.errors import IndexCorrupt
from service.store.layout import FIX, Manifest
from service.token_codec import TokenCodec, load_codec

CODES = "token_codes.npy"
OFFSETS = "token_offsets.npy"
IN_MEMORY_MAX_BYTES = 512 * 1024 * 1024  # past this, codes stay on disk (memory-mapped)


@dataclass(frozen=True)
class WindowTokens:
    """A version's compressed word-piece vectors, decoded a few windows at a time."""

    codes: np.ndarray  # uint8, a row per word piece: in memory, or memory-mapped when large
    offsets: np.ndarray  # window w's pieces: codes[offsets[w]:offsets[w + 1]]
    codec: TokenCodec

    def windows(self, first: int, last: int) -> np.ndarray:
        """The float32 word-piece vectors of windows first..last-1."""
        return self.codec.decode(self.codes[self.offsets[first] : self.offsets[last]])


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
    if codes.nbytes <= IN_MEMORY_MAX_BYTES:
        codes = np.array(codes)
    return WindowTokens(codes, offsets, codec)
