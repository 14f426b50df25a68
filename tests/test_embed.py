"""Embedding: windows that cover long texts and fit the model, unit vectors, the fast backends
agreeing with torch, and cache keys that separate models and backends."""

from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.embed import BACKENDS, Embedder, embedding_fingerprint, model_fingerprint, plan_windows, text_key
from service.settings import bundled_model_path

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"
TEXTS = [
    "Pakistan's leverage over the Taliban is unlikely to endure.",
    "Short.",
    "Islamabad hoped that a friendly government in Kabul would secure its western border, "
    "curb the Pakistani Taliban and keep India's influence in Afghanistan in check. " * 3,
    "word " * 400,  # past the model's 256 word pieces: truncated the same way by every backend
    "What did the briefing recommend?",
]
# Each fast backend against torch: the float ones are the same model to rounding; int8 loses a
# little on very short texts (measured minimum 0.978 on the corpus; MRR@10 moves < 0.01).
MIN_COSINE = {"onnx": 0.9999, "openvino": 0.999, "onnx-int8": 0.97}


def _long_texts() -> list[str]:
    """Real prose far over any window, plus one sentence with no full stop for 300 words."""
    document = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    prose = " ".join(document.split()[:1500])
    run_on = " ".join(f"clause{i} and" for i in range(300))
    return [prose, run_on, prose[:3000] + " " + run_on]


@pytest.fixture(scope="module")
def torch_embedder(embedder: Embedder) -> Embedder:
    """The reference: sentence-transformers on torch (the shared fixture, if it runs torch)."""
    return embedder if embedder.backend == "torch" else Embedder(bundled_model_path(), backend="torch")


@pytest.mark.parametrize("limit", [64, 200])
def test_windows_cover_every_character_and_fit_the_limit(embedder: Embedder, limit: int) -> None:
    texts = _long_texts()
    windows = plan_windows(embedder, texts, limit)
    for index, text in enumerate(texts):
        mine = [w for w in windows if w.unit_index == index]
        assert len(mine) > 1, "a text far over the limit must be cut"
        covered = np.zeros(len(text), dtype=bool)
        for window in mine:
            covered[window.start : window.end] = True
        uncovered = [i for i, char in enumerate(text) if not char.isspace() and not covered[i]]
        assert not uncovered, f"characters outside every window at {uncovered[:5]}"
        counts = embedder.count_tokens([text[w.start : w.end] for w in mine])
        assert max(counts) <= limit


def test_a_text_that_fits_is_one_whole_window(embedder: Embedder) -> None:
    windows = plan_windows(embedder, TEXTS[:2], 200)
    assert [(w.unit_index, w.start, w.end) for w in windows] == [(0, 0, len(TEXTS[0])), (1, 0, len(TEXTS[1]))]


def test_planning_windows_reports_its_progress(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's "Windows" bar moves a tokenizer call at a time, and reaches every unit."""
    monkeypatch.setattr("service.embed.PLAN_CHUNK", 2)
    texts = [*TEXTS, *_long_texts()]
    steps: list[int] = []
    assert plan_windows(embedder, texts, 200, advance=steps.append) == plan_windows(embedder, texts, 200)
    assert steps == [2, 2, 2, 2]  # 8 texts, 2 a call


def test_embedding_reports_each_batch(embedder: Embedder) -> None:
    """The build's "Embedding" and "Word pieces" bars move per batch of the model, not per
    shard of 8,192 texts (a minute between updates at 100k units)."""
    steps: list[int] = []
    embedder.encode(TEXTS, batch_size=2, advance=steps.append)
    assert steps == ([2, 2, 1] if embedder.backend != "torch" else [5])
    steps.clear()
    embedder.encode_with_tokens(TEXTS, batch_size=2, advance=steps.append)
    assert steps == ([2, 2, 1] if embedder.backend != "torch" else [5])


@pytest.mark.parametrize("which", ["torch", "the shared fixture's backend"])
def test_encode_gives_unit_float32_rows(torch_embedder: Embedder, embedder: Embedder, which: str) -> None:
    chosen = torch_embedder if which == "torch" else embedder
    vectors = chosen.encode(TEXTS, batch_size=2)
    assert vectors.shape == (len(TEXTS), chosen.dim) and chosen.dim == 384
    assert vectors.dtype == np.float32 and vectors.flags["C_CONTIGUOUS"]
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert chosen.encode([]).shape == (0, 384)
    query = chosen.encode_query(TEXTS[0])
    assert query.shape == (1, 384)
    assert float(query[0] @ vectors[0]) > 0.9999  # batching and order do not change a vector


@pytest.fixture(scope="session")
def export_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("export-cache")


@pytest.fixture(scope="session")
def fast_embedders(export_cache: Path) -> dict[str, Embedder]:
    """One embedder per fast backend whose packages are installed (the `fast` extra)."""
    have_onnx = all(importlib.util.find_spec(name) for name in ("onnx", "onnxruntime"))
    have_openvino = all(importlib.util.find_spec(name) for name in ("onnx", "openvino"))
    wanted = [b for b in BACKENDS if (b.startswith("onnx") and have_onnx) or (b == "openvino" and have_openvino)]
    return {b: Embedder(bundled_model_path(), backend=b, cache_dir=export_cache) for b in wanted}


def _fast(fast_embedders: dict[str, Embedder], backend: str) -> Embedder:
    if backend not in fast_embedders:
        pytest.skip(f"the {backend} backend needs the fast extra: pip install -e '.[fast]'")
    return fast_embedders[backend]


@pytest.mark.parametrize("backend", sorted(MIN_COSINE))
def test_fast_backend_agrees_with_torch(
    torch_embedder: Embedder, fast_embedders: dict[str, Embedder], backend: str
) -> None:
    fast = _fast(fast_embedders, backend)
    reference = torch_embedder.encode(TEXTS)
    for batch_size in (1, 2, 32):  # one text, mixed lengths padded together, one batch
        vectors = fast.encode(TEXTS, batch_size=batch_size)
        assert vectors.shape == reference.shape and vectors.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        cosines = (vectors * reference).sum(axis=1)
        assert cosines.min() >= MIN_COSINE[backend], f"{backend} batch {batch_size}: {cosines.round(4)}"
    query = fast.encode_query(TEXTS[4])
    assert float(query[0] @ reference[4]) >= MIN_COSINE[backend]


@pytest.mark.parametrize("backend", ["torch", *sorted(MIN_COSINE)])
def test_word_piece_vectors_come_with_the_sentence_vectors(
    torch_embedder: Embedder, fast_embedders: dict[str, Embedder], backend: str
) -> None:
    model = torch_embedder if backend == "torch" else _fast(fast_embedders, backend)
    vectors, tokens = model.encode_with_tokens(TEXTS, batch_size=2)  # padded batches of mixed lengths
    # Same batches: int8's dynamic quantisation scales depend on what is batched together.
    np.testing.assert_allclose(vectors, model.encode(TEXTS, batch_size=2), atol=1e-5)
    # No [CLS], [SEP] or padding (and a text over the model's window is cut there, as always).
    assert [len(t) for t in tokens] == [min(n, model.max_tokens - 2) for n in model.count_tokens(TEXTS)]
    _, reference = torch_embedder.encode_with_tokens(TEXTS)
    for mine, theirs in zip(tokens, reference, strict=True):
        np.testing.assert_allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-4)
        # Word pieces drift more than pooled vectors under int8 (pooling averages the error).
        floor = {"torch": 0.9999, "onnx-int8": 0.95}.get(backend, MIN_COSINE.get(backend, 1.0))
        assert (mine * theirs).sum(axis=1).min() >= floor
    vector, alone = model.encode_query_with_tokens(TEXTS[4])
    np.testing.assert_allclose(vector, model.encode_query(TEXTS[4]), atol=1e-5)
    assert alone.shape == tokens[4].shape and (alone * tokens[4]).sum(axis=1).min() >= 0.97


def test_export_is_made_once_under_the_cache_folder(fast_embedders: dict[str, Embedder], export_cache: Path) -> None:
    _fast(fast_embedders, "onnx")
    exported = list(export_cache.glob(f"onnx-{model_fingerprint(bundled_model_path())}-v*/model.onnx"))
    assert len(exported) == 1
    before = exported[0].stat().st_mtime_ns
    again = Embedder(bundled_model_path(), backend="onnx", cache_dir=export_cache)
    assert exported[0].stat().st_mtime_ns == before  # reused, not exported again
    assert not list(export_cache.rglob("*.tmp"))
    assert again.encode_query("x").shape == (1, 384)


def test_openvino_serves_concurrent_queries(torch_embedder: Embedder, fast_embedders: dict[str, Embedder]) -> None:
    fast = _fast(fast_embedders, "openvino")
    questions = [TEXTS[i % len(TEXTS)] for i in range(12)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        vectors = list(pool.map(lambda q: fast.encode_query(q)[0], questions))
    for question, vector in zip(questions, vectors, strict=True):
        assert float(vector @ torch_embedder.encode_query(question)[0]) >= MIN_COSINE["openvino"]


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown embedding backend"):
        Embedder(bundled_model_path(), backend="tensorrt")


def _model_folder(root: Path, config: dict[str, Any]) -> str:
    root.mkdir()
    (root / "config.json").write_text(str(config), encoding="utf-8")
    (root / "model.safetensors").write_bytes(b"\0" * 64)
    return str(root)


def test_cache_keys_differ_by_model_and_backend(tmp_path: Path) -> None:
    first = model_fingerprint(_model_folder(tmp_path / "a", {"hidden_size": 384}))
    second = model_fingerprint(_model_folder(tmp_path / "b", {"hidden_size": 768}))
    assert first != second
    assert model_fingerprint(_model_folder(tmp_path / "c", {"hidden_size": 384})) == first
    assert text_key(first, "same text") == text_key(first, "same text")
    assert text_key(first, "same text") != text_key(second, "same text")
    assert text_key(first, "same text") != text_key(first, "same text.")
    fingerprints = {embedding_fingerprint(str(tmp_path / "a"), backend) for backend in BACKENDS}
    assert len(fingerprints) == len(BACKENDS)
    assert embedding_fingerprint(str(tmp_path / "a")) == first  # torch indexes built before stay valid


def test_counting_word_pieces_goes_a_slice_at_a_time(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    # Counting every window of a large corpus in one tokenizer call held its whole output: the
    # peak of a 100k-unit build. Sliced, the counts must stay those of each text alone.
    import service.embed

    monkeypatch.setattr(service.embed, "COUNT_SLICE", 2)
    tokenizer = embedder.model.tokenizer
    tokenize = type(tokenizer).__call__
    calls: list[int] = []

    def counting(self: Any, texts: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(texts))
        return tokenize(self, texts, *args, **kwargs)

    monkeypatch.setattr(type(tokenizer), "__call__", counting)
    counts = embedder.count_tokens(TEXTS)
    assert max(calls) <= 2 and sum(calls) == len(TEXTS)
    monkeypatch.undo()
    assert counts == [len(tokenizer(text, add_special_tokens=False)["input_ids"]) for text in TEXTS]


def test_a_question_is_encoded_once_and_handed_out_read_only(embedder: Embedder) -> None:
    """Retrieval and the later stages reading the same question share one model pass; no reader
    can change the vectors another is handed."""
    question = "Which question is this test asking, only once?"
    vector, tokens = embedder.encode_query_with_tokens(question)
    again, again_tokens = embedder.encode_query_with_tokens(question)
    assert again is vector and again_tokens is tokens
    with pytest.raises(ValueError, match="read-only"):
        tokens /= 2.0
    np.testing.assert_allclose(np.linalg.norm(tokens, axis=1), 1.0, atol=1e-4)
