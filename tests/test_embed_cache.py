"""The sharded embedding cache: reuse, resuming a killed build, compaction, old format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.embed import Embedder, text_key
from service.embed_cache import EmbeddingCache
from service.text import sentence_spans

from .conftest import CORPUS


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """Thirty real sentences of the corpus, of varied length."""
    text = sorted(CORPUS.glob("documents/*.txt"))[0].read_text(encoding="utf-8")
    spans = sentence_spans(" ".join(text.split()[200:1400]))
    found = [" ".join(text.split()[200:1400])[a:b] for a, b in spans]
    return sorted(set(found))[:30]


class FailingEmbedder:
    """The real embedder, killed (an exception) on its `fail_on`-th encode call."""

    def __init__(self, embedder: Embedder, fail_on: int) -> None:
        self.embedder, self.fail_on, self.calls = embedder, fail_on, 0
        self.dim = embedder.dim

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        self.calls += 1
        if self.calls == self.fail_on:
            raise KeyboardInterrupt("build killed")
        return self.embedder.encode(texts, **kwargs)


def _cache(tmp_path: Path, embedder: Embedder) -> EmbeddingCache:
    return EmbeddingCache(tmp_path / "cache", embedder.fingerprint, chunk_texts=5)


def test_new_vectors_are_written_a_chunk_at_a_time_and_reused(
    tmp_path: Path, embedder: Embedder, sentences: list[str]
) -> None:
    cache = _cache(tmp_path, embedder)
    first, new, reused = cache.embed(embedder, sentences[:12], 32, False)
    assert (new, reused) == (12, 0)
    assert len(cache.shards()) == 3  # 5 + 5 + 2
    again, new, reused = _cache(tmp_path, embedder).embed(embedder, sentences[:12], 32, False)
    assert (new, reused) == (0, 12)
    np.testing.assert_array_equal(first, again)
    # The cache embeds its chunks sorted by length, so each text is padded with other texts than
    # in one batch of twelve; OpenVINO's output moves with the padded shape, by up to 4e-4 in a
    # component (2026.4). Each vector must still be its own text's, and no other's.
    direct = embedder.encode(sentences[:12])
    np.testing.assert_allclose(first, direct, atol=2e-3)
    assert ((first @ direct.T).argmax(axis=1) == np.arange(12)).all()


def test_a_killed_build_keeps_the_chunks_it_finished(tmp_path: Path, embedder: Embedder, sentences: list[str]) -> None:
    with pytest.raises(KeyboardInterrupt):
        _cache(tmp_path, embedder).embed(FailingEmbedder(embedder, 3), sentences[:20], 32, False)  # type: ignore[arg-type]
    cache = _cache(tmp_path, embedder)
    assert len(cache.load()) == 10  # two whole chunks, nothing half-written
    assert not list(cache.folder.glob("*.tmp*"))
    _, new, reused = cache.embed(embedder, sentences[:20], 32, False)
    assert (new, reused) == (10, 10)


def test_cache_is_compacted_once_mostly_stale(tmp_path: Path, embedder: Embedder, sentences: list[str]) -> None:
    a, b, c = sentences[:10], sentences[10:20], sentences[20:30]
    cache = _cache(tmp_path, embedder)
    cache.embed(embedder, a, 32, False)
    cache.embed(embedder, b, 32, False)
    assert len(cache.load()) == 20  # half stale: kept (the corpus may change back)
    cache.embed(embedder, c, 32, False)
    assert set(cache.load()) == {text_key(embedder.fingerprint, t) for t in c}
    assert len(cache.shards()) == 2


def test_the_one_file_cache_is_read_then_replaced(tmp_path: Path, embedder: Embedder, sentences: list[str]) -> None:
    keys = [text_key(embedder.fingerprint, t) for t in sentences[:7]]
    legacy = tmp_path / "cache" / f"embeddings-{embedder.fingerprint}.npz"
    legacy.parent.mkdir(parents=True)
    np.savez(legacy, keys=np.asarray(keys), vectors=embedder.encode(sentences[:7]))
    cache = _cache(tmp_path, embedder)
    _, new, reused = cache.embed(embedder, sentences[:7], 32, False)
    assert (new, reused) == (0, 7)
    assert not legacy.exists()
    assert set(cache.load()) == set(keys)


def test_an_unreadable_shard_is_embedded_again(tmp_path: Path, embedder: Embedder, sentences: list[str]) -> None:
    cache = _cache(tmp_path, embedder)
    cache.embed(embedder, sentences[:10], 32, False)
    cache.shards()[0].write_bytes(b"not a zip file")
    _, new, reused = cache.embed(embedder, sentences[:10], 32, False)
    assert (new, reused) == (5, 5)
    assert len(cache.load()) == 10 and not cache._unreadable  # the broken shard was replaced
