"""The real embedder, noting every text it is asked to encode: for tests that count what the
model runs over (a build's new texts, a load's none)."""

from __future__ import annotations

from typing import Any


class RecordingEmbedder:
    """The real embedder, noting which texts get word-piece vectors, and which only pooled ones."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.token_texts: list[str] = []
        self.pooled_texts: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.embedder, name)

    def encode_with_tokens(self, texts: list[str], **kwargs: Any) -> Any:
        self.token_texts.extend(texts)
        return self.embedder.encode_with_tokens(texts, **kwargs)

    def encode(self, texts: list[str], **kwargs: Any) -> Any:
        self.pooled_texts.extend(texts)
        return self.embedder.encode(texts, **kwargs)

    def encode_query(self, text: str) -> Any:
        return self.encode([text])

    def encode_query_with_tokens(self, text: str) -> Any:
        vectors, tokens = self.encode_with_tokens([text])
        return vectors, tokens[0]
