"""Compression of the windows' word-piece vectors: product quantisation (FAISS), trained at
build on the corpus's own vectors, decoded only for the units being re-ranked.

A codec turns each 384-dim unit vector into `code_size` bytes:

    pq{m}   FAISS ProductQuantizer, m sub-vectors of 384/m dims, 256 centroids each (8 bits):
            pq64 stores 64 bytes a vector, 1/12 of float16 (docs/scale.md compares
            pq96, pq64 and pq48 with float16 on the question sets)
    fp16    the vector itself as float16 (768 bytes), for corpora with too few vectors to
            train 256 centroids a sub-space; nothing to train, nothing lost

The codec is chosen by the number of vectors (`choose_codec`), trained with a fixed seed on at
most TRAIN_MAX of them, and saved beside the codes (`token_codec.faiss`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

PQ_M = 64  # bytes a vector, 1/12 of float16; 384 / 64 = 6 dims a sub-space
PQ_BITS = 8
SEED = 1234  # k-means initialisation and the training sample
TRAIN_MIN = 39 * (1 << PQ_BITS)  # faiss wants at least 39 points per centroid
TRAIN_MAX = 256 * (1 << PQ_BITS)  # faiss samples this many per sub-space anyway
CODEC_FILE = "token_codec.faiss"
FP16 = "fp16"


@dataclass(frozen=True)
class TokenCodec:
    """One trained codec: `encode` float vectors to uint8 rows, `decode` them back."""

    name: str
    dim: int
    pq: faiss.ProductQuantizer | None = None  # None for fp16

    @property
    def code_size(self) -> int:
        return code_size(self.name, self.dim)

    def encode(self, vectors: np.ndarray) -> np.ndarray:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        if self.pq is None:
            return vectors.astype(np.float16).view(np.uint8)
        return self.pq.compute_codes(vectors)

    def decode(self, codes: np.ndarray) -> np.ndarray:
        """float32 vectors of `codes` (rows of `code_size` bytes)."""
        codes = np.ascontiguousarray(codes, dtype=np.uint8).reshape(-1, self.code_size)
        if self.pq is None:
            return codes.view(np.float16).astype(np.float32)
        # faiss's Python wrapper returns the decoded array; its type stubs describe the C++ call.
        decoded: np.ndarray = self.pq.decode(codes)  # type: ignore[call-arg, func-returns-value, assignment]
        return decoded


def code_size(name: str, dim: int) -> int:
    """Bytes a vector takes under codec `name`."""
    return dim * 2 if name == FP16 else _pq_m(name) * PQ_BITS // 8


def choose_codec(vectors: int) -> str:
    """The codec for a corpus of `vectors` word-piece vectors: PQ once there are enough to train it."""
    return f"pq{PQ_M}" if vectors >= TRAIN_MIN else FP16


def train_codec(name: str, sample: np.ndarray) -> TokenCodec:
    """A codec `name` trained on `sample` (float vectors; at most TRAIN_MAX of them are used)."""
    dim = sample.shape[1]
    if name == FP16:
        return TokenCodec(FP16, dim)
    m = _pq_m(name)
    if len(sample) > TRAIN_MAX:
        sample = sample[np.random.default_rng(SEED).choice(len(sample), TRAIN_MAX, replace=False)]
    pq = faiss.ProductQuantizer(dim, m, PQ_BITS)
    pq.cp.seed = SEED
    pq.verbose = False
    pq.train(np.ascontiguousarray(sample, dtype=np.float32))
    return TokenCodec(name, dim, pq)


def save_codec(codec: TokenCodec, folder: Path) -> None:
    if codec.pq is not None:
        faiss.write_ProductQuantizer(codec.pq, str(folder / CODEC_FILE))  # type: ignore[attr-defined]


def load_codec(name: str, dim: int, folder: Path) -> TokenCodec:
    """The codec a version names; ValueError when its file is missing or of another shape."""
    if name == FP16:
        return TokenCodec(FP16, dim)
    path = folder / CODEC_FILE
    if not path.is_file():
        raise ValueError(f"{path} is missing")
    try:
        pq = faiss.read_ProductQuantizer(str(path))  # type: ignore[attr-defined]
    except RuntimeError as exc:
        raise ValueError(f"{path} cannot be read by faiss") from exc
    if pq.d != dim or pq.M != _pq_m(name) or pq.nbits != PQ_BITS:
        raise ValueError(f"{path} is a {pq.M}x{pq.nbits}-bit quantizer of {pq.d} dims, not {name} of {dim}")
    return TokenCodec(name, dim, pq)


def _pq_m(name: str) -> int:
    if not name.startswith("pq") or not name[2:].isdigit():
        raise ValueError(f"unknown token codec {name!r}")
    return int(name[2:])
