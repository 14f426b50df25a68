"""Embeddings: load the sentence-transformers model offline, cut long units into sentence
windows that fit the model, and embed text once per (model, text) pair."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from service.text import sentence_spans

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Never reach a model hub: the model ships inside a package (or a folder the user names).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@dataclass(frozen=True)
class Window:
    """A slice of a unit's text that fits the model's input window."""

    unit_index: int
    start: int
    end: int


class Embedder:
    """The sentence-transformers model plus what we need to know about it."""

    def __init__(self, model_path: str, threads: int = 2) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()  # no "Loading weights" bar on every start

        if not Path(model_path).is_dir():
            raise FileNotFoundError(f"no sentence-transformers model folder at {model_path}")
        torch.set_num_threads(threads)
        self.path = model_path
        self.model: SentenceTransformer = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.max_tokens = int(self.model.max_seq_length)
        self.fingerprint = model_fingerprint(model_path)

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Word pieces of each text, special tokens excluded."""
        encoded = self.model.tokenizer(texts, add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def encode(self, texts: list[str], *, batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            show_progress_bar=progress,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One question as a (1, dim) unit vector."""
        return self.encode([text])


def model_fingerprint(model_path: str) -> str:
    """Identifies a model folder by its configuration and weight files' names and sizes."""
    digest = hashlib.sha256()
    root = Path(model_path)
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            digest.update(str(path.relative_to(root)).encode())
            if path.suffix in {".json", ".txt"}:
                digest.update(path.read_bytes())
            else:
                digest.update(str(path.stat().st_size).encode())
    return digest.hexdigest()[:16]


def plan_windows(embedder: Embedder, texts: list[str], limit: int) -> list[Window]:
    """Cut each text into windows of whole sentences under `limit` word pieces.

    A text that fits is one window. A longer one becomes overlapping windows (each starts
    one sentence before the previous ended), so no text is silently truncated by the model;
    a single sentence over the limit is cut between words.
    """
    whole = embedder.count_tokens(texts)
    windows: list[Window] = []
    for index, text in enumerate(texts):
        if whole[index] <= limit:
            windows.append(Window(index, 0, len(text)))
            continue
        spans = _fitting_spans(embedder, text, sentence_spans(text) or [(0, len(text))], limit)
        counts = embedder.count_tokens([text[a:b] for a, b in spans])
        windows.extend(_sentence_windows(index, spans, counts, limit))
    return windows


def _fitting_spans(embedder: Embedder, text: str, spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Split any span over `limit` word pieces at the space nearest its middle."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        if end - start < 20 or embedder.count_tokens([text[start:end]])[0] <= limit:
            result.append((start, end))
            continue
        middle = text.rfind(" ", start, (start + end) // 2) if " " in text[start:end] else -1
        if middle <= start:
            result.append((start, end))
            continue
        result.extend(_fitting_spans(embedder, text, [(start, middle), (middle + 1, end)], limit))
    return result


def _sentence_windows(index: int, spans: list[tuple[int, int]], counts: list[int], limit: int) -> list[Window]:
    windows = []
    first = 0
    while first < len(spans):
        last, used = first, counts[first]
        while last + 1 < len(spans) and used + counts[last + 1] <= limit:
            last += 1
            used += counts[last]
        windows.append(Window(index, spans[first][0], spans[last][1]))
        if last + 1 >= len(spans):
            break
        first = last if last > first else last + 1  # overlap one sentence
    return windows


def text_key(model_fingerprint_: str, text: str) -> str:
    """Cache key of an embedding: the model and the exact text."""
    return hashlib.sha256(f"{model_fingerprint_}\0{text}".encode()).hexdigest()
