"""Embeddings: load the sentence-transformers model offline, cut long units into sentence
windows that fit the model, and embed text once per (model, backend, text).

Backends (all on the CPU, all from the same local weights; nothing is downloaded):

    torch      sentence-transformers as is
    onnx       the model exported to ONNX here, run by ONNX Runtime
    onnx-int8  that export with its matrix products quantised to int8 (dynamic, per channel)
    openvino   the same ONNX file compiled by OpenVINO (bf16 on CPUs that have it)

OpenVINO is the default (`CITED_EMBED_BACKEND`); the ONNX Runtime ones need the `fast` extra.
The non-torch backends' export is made once from the model's own
weights and kept under the `cache_dir` the caller names (the index's cache folder), so a
deployment that ships the index ships the export with it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from service.errors import CitedError
from service.settings import Settings
from service.text import sentence_spans

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Never reach a model hub: the model ships inside a package (or a folder the user names).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BACKENDS = ("torch", "onnx", "onnx-int8", "openvino")
EXPORT_VERSION = "2"  # bump when the export or quantisation recipe changes (2: token outputs)
# A batch's features in; its sentence vectors (batch, dim) and token vectors (batch, tokens, dim) out.
Runner = Callable[[dict[str, np.ndarray]], tuple[np.ndarray, np.ndarray]]
# Told how many texts were just embedded (or units planned): what moves a build's progress bars.
Advance = Callable[[int], None]
PLAN_CHUNK = 2048  # texts per tokenizer call when planning windows: one progress step
COUNT_SLICE = 4096  # texts per tokenizer call when counting: bounds what its output holds
QUERY_CACHE = 64  # questions whose encodings are kept: a request reads its own again, a few at once


@dataclass(frozen=True)
class Window:
    """A slice of a unit's text that fits the model's input window."""

    unit_index: int
    start: int
    end: int


class Embedder:
    """The sentence-transformers model, run by one backend, plus what we need to know about it.

    `backend` is one of BACKENDS; `cache_dir` is where a non-torch backend keeps its ONNX export
    (the index's cache folder); without one, or if it is read-only, the export is made afresh in
    a scratch folder (about 2 s).
    """

    def __init__(
        self, model_path: str, threads: int = 2, *, backend: str = "torch", cache_dir: Path | None = None
    ) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        # No "Loading weights" bar on every start (transformers leaves this function untyped).
        transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        if backend not in BACKENDS:
            raise ValueError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
        if not Path(model_path).is_dir():
            raise FileNotFoundError(f"no sentence-transformers model folder at {model_path}")
        torch.set_num_threads(threads)
        self.path = model_path
        self.backend = backend
        self.model: SentenceTransformer = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.max_tokens = int(self.model.max_seq_length or self.model.tokenizer.model_max_length)
        self.fingerprint = embedding_fingerprint(model_path, backend)
        # The torch model stays loaded for the other backends too: its preprocessing is the
        # tokenisation they were exported against, and count_tokens uses its tokenizer.
        self._runner: Runner | None = None
        # The Hugging Face fast tokenizer sets truncation and padding on its one shared Rust
        # object before each call, so two threads tokenizing at once (a build in the serving
        # process while questions are asked) may run with each other's settings. Suspected, not
        # reproduced, cause of a window embedded with 52 word pieces where 197 were counted, in
        # tests/test_reload.py under load. Tokenizing is serialised; the model runs in parallel.
        self._tokenizing = threading.Lock()
        self._query_with_tokens = lru_cache(maxsize=QUERY_CACHE)(self._encode_query_with_tokens)
        if backend != "torch":
            self._input_names = _input_names(self.model)
            self._runner = _load_runner(self.model, self._input_names, backend, threads, cache_dir, model_path)

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Word pieces of each text, special tokens excluded. Counted a slice at a time: the
        tokenizer's output for every window of a 100k-unit corpus at once held 1.4 GB, the
        peak of a whole build (docs/scale.md, "Build memory")."""
        counts: list[int] = []
        for first in range(0, len(texts), COUNT_SLICE):
            with self._tokenizing:
                encoded = self.model.tokenizer(texts[first : first + COUNT_SLICE], add_special_tokens=False)
            counts.extend(len(ids) for ids in encoded["input_ids"])
        return counts

    def piece_spans(self, text: str) -> np.ndarray:
        """(n, 2): where each word piece of `text` starts and ends in it, special tokens
        excluded: the rows of the word-piece vectors stored for a window of that text."""
        return next(self.piece_spans_of([text]))

    def piece_spans_of(self, texts: list[str]) -> Iterator[np.ndarray]:
        """`piece_spans` of each text in turn, tokenized a slice at a time (as `count_tokens`)."""
        for first in range(0, len(texts), COUNT_SLICE):
            with self._tokenizing:
                encoded = self.model.tokenizer(
                    texts[first : first + COUNT_SLICE], add_special_tokens=False, return_offsets_mapping=True
                )
            for offsets in encoded["offset_mapping"]:
                yield np.array(offsets, dtype=np.int64).reshape(-1, 2)

    def encode(
        self, texts: list[str], *, batch_size: int = 32, progress: bool = False, advance: Advance | None = None
    ) -> np.ndarray:
        """Unit-length float32 vectors, one row per text. `advance` is told of each batch done
        (the torch backend batches inside one sentence-transformers call: it hears once, at the end)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._runner is not None:
            return self._encode_graph(self._runner, texts, batch_size, progress, tokens=False, advance=advance)[0]
        # sentence-transformers sorts each call's texts by length before batching.
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            show_progress_bar=progress,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        if advance is not None:
            advance(len(texts))
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_with_tokens(
        self, texts: list[str], *, batch_size: int = 32, advance: Advance | None = None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Unit vectors of the texts, and of each text's word pieces in context (the model's
        last layer before pooling, special tokens left out), from one pass of the model.
        `advance` as for `encode`."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), []
        if self._runner is not None:
            return self._encode_graph(self._runner, texts, batch_size, False, tokens=True, advance=advance)
        outputs: list[dict[str, Any]] = self.model.encode(  # type: ignore[assignment]
            texts, batch_size=batch_size, output_value=None, convert_to_numpy=False
        )
        vectors = _unit_rows(np.stack([o["sentence_embedding"].float().numpy() for o in outputs]))
        tokens = [_word_pieces(o["token_embeddings"].float().numpy(), o["attention_mask"].numpy()) for o in outputs]
        if advance is not None:
            advance(len(texts))
        return vectors, tokens

    def encode_query(self, text: str) -> np.ndarray:
        """One question as a (1, dim) unit vector."""
        return self.encode([text])

    def encode_query_with_tokens(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One question as a (1, dim) unit vector, and its word pieces' unit vectors. The last
        QUERY_CACHE texts are remembered: retrieval encodes a question, and later stages read the
        same text's word pieces again (a said-about topic's words, a named section's pieces). The
        arrays are read-only, so no reader can change what another is handed."""
        return self._query_with_tokens(text)

    def _encode_query_with_tokens(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        vectors, tokens = self.encode_with_tokens([text])
        vectors.setflags(write=False)
        tokens[0].setflags(write=False)
        return vectors, tokens[0]

    def _encode_graph(
        self,
        runner: Runner,
        texts: list[str],
        batch_size: int,
        progress: bool,
        *,
        tokens: bool,
        advance: Advance | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence vectors, and each text's word-piece vectors when `tokens` (else [])."""
        from tqdm import tqdm

        # Longest first, as sentence-transformers does: a batch of similar lengths pads little.
        order = np.argsort([-len(text) for text in texts], kind="stable")
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        pieces: list[np.ndarray] = [np.empty(0)] * len(texts) if tokens else []
        for start in tqdm(range(0, len(texts), batch_size), desc="Batches", disable=not progress):
            rows = order[start : start + batch_size]
            with self._tokenizing:
                features = self.model.preprocess([texts[i] for i in rows])
            pooled, per_token = runner({name: features[name].numpy() for name in self._input_names})
            vectors[rows] = pooled
            if tokens:
                mask = features["attention_mask"].numpy()
                for position, row in enumerate(rows):
                    pieces[row] = _word_pieces(per_token[position], mask[position])
            if advance is not None:
                advance(len(rows))
        return _unit_rows(vectors), pieces


def load_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name, its export kept in the index's cache folder."""
    return Embedder(
        settings.resolved_model_path,
        threads=settings.search_threads,
        backend=settings.embed_backend,
        cache_dir=settings.index_dir / "cache",
    )


def settings_fingerprint(settings: Settings) -> str:
    """The fingerprint of `load_embedder(settings)`'s vectors, without loading the model."""
    return embedding_fingerprint(settings.resolved_model_path, settings.embed_backend)


def embedding_fingerprint(model_path: str, backend: str = "torch") -> str:
    """Identifies the vectors an Embedder makes: the model folder, plus the backend unless torch
    (so an index or cached vector from one backend is never taken for another's)."""
    base = model_fingerprint(model_path)
    return base if backend == "torch" else f"{base}-{backend}"


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


def _word_pieces(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """A text's token vectors without padding, [CLS] and [SEP], each of unit length."""
    real = tokens[: int(mask.sum())][1:-1]
    return _unit_rows(real) if len(real) else np.zeros((0, tokens.shape[-1]), dtype=np.float32)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def _input_names(model: SentenceTransformer) -> list[str]:
    """The tensors the model's preprocessing makes (for BERT: ids, token types, mask)."""
    import torch

    features = model.preprocess(["a"])
    return [name for name, value in features.items() if isinstance(value, torch.Tensor)]


def _load_runner(
    model: SentenceTransformer,
    names: list[str],
    backend: str,
    threads: int,
    cache_dir: Path | None,
    model_path: str,
) -> Runner:
    """Export (or reuse the export of) the model and open it with the backend's runtime."""
    _require_fast_extra(backend)
    if cache_dir is not None:
        folder = cache_dir / f"onnx-{model_fingerprint(model_path)}-v{EXPORT_VERSION}"
        try:
            return _open(_exported(model, names, backend, folder), backend, threads)
        except OSError:
            pass  # a read-only cache folder (a shipped index): export to a scratch folder instead
    with tempfile.TemporaryDirectory(prefix="cited-onnx-") as scratch:
        # Both runtimes read the whole file when opening it, so the folder can go afterwards.
        return _open(_exported(model, names, backend, Path(scratch)), backend, threads)


def _exported(model: SentenceTransformer, names: list[str], backend: str, folder: Path) -> Path:
    """The ONNX file the backend runs, made under `folder` unless already there."""
    plain = folder / "model.onnx"
    if not plain.is_file():
        _write_atomically(plain, lambda path: _export_onnx(model, names, path))
    if backend != "onnx-int8":
        return plain
    quantised = folder / "model-int8.onnx"
    if not quantised.is_file():
        _write_atomically(quantised, lambda path: _quantise(plain, path))
    return quantised


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        write(scratch)
        scratch.replace(target)  # another process exporting at once writes the same bytes
    finally:
        scratch.unlink(missing_ok=True)


def _traceable(model: SentenceTransformer, names: list[str]) -> Any:
    """The whole sentence-transformers pipeline (transformer, pooling, normalising) as one module
    taking positional tensors, which is what the ONNX exporter traces."""
    import torch

    class SentenceEmbedding(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            out = self.model(dict(zip(names, tensors, strict=True)))
            return out["sentence_embedding"], out["token_embeddings"]

    return SentenceEmbedding().eval()


def _export_onnx(model: SentenceTransformer, names: list[str], path: Path) -> None:
    import torch

    # Two texts of different lengths, so the traced graph pads and masks.
    sample = model.preprocess(["An example sentence to trace the model with.", "Short."])
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    with warnings.catch_warnings(), torch.no_grad():
        # The TorchScript exporter warns that it is deprecated and that the trace fixes Python
        # branches; torch is pinned, and the tests compare the export's vectors with torch's.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _traceable(model, names),
            tuple(sample[name] for name in names),
            str(path),
            dynamo=False,
            input_names=names,
            output_names=["sentence_embedding", "token_embeddings"],
            dynamic_axes={**axes, "sentence_embedding": {0: "batch"}, "token_embeddings": {0: "batch", 1: "tokens"}},
            opset_version=17,
        )


def _quantise(source: Path, path: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel int8 weights on the matrix products only: per-tensor scales, or quantising
    # the embedding lookup too, cost far more accuracy (cosine to torch down to 0.93).
    quantize_dynamic(source, path, weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"])


def _open(path: Path, backend: str, threads: int) -> Runner:
    return _open_openvino(path, threads) if backend == "openvino" else _open_onnxruntime(path, threads)


def _require_fast_extra(backend: str) -> None:
    """Fail with the install command rather than an import traceback."""
    import importlib.util

    # The exporter needs onnx; ONNX Runtime also quantises; OpenVINO reads the ONNX file itself.
    needed = ("onnx", "openvino") if backend == "openvino" else ("onnx", "onnxruntime")
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        raise CitedError(
            f"the {backend} embedding backend needs {', '.join(missing)}: "
            "pip install -e '.[fast]', or set CITED_EMBED_BACKEND=openvino or torch"
        )


def _open_onnxruntime(path: Path, threads: int) -> Runner:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # errors only
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(feeds: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        pooled, tokens = session.run(None, feeds)
        return np.asarray(pooled, dtype=np.float32), np.asarray(tokens, dtype=np.float32)

    return run  # InferenceSession.run is safe to call from several threads


def _open_openvino(path: Path, threads: int) -> Runner:
    import openvino as ov

    compiled = ov.Core().compile_model(
        str(path), "CPU", {"INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY"}
    )
    # One infer request, one call at a time (docs/reliability.md, "Library defaults the code
    # works around"): requests run from several threads at once, each fitting the graph to a
    # new input length, can stall inside the CPU plugin's thread pool on a two-core machine.
    # The latency hint gives the model one stream, which runs one inference at a time anyway.
    request = compiled.create_infer_request()
    inferring = threading.Lock()

    def run(feeds: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        with inferring:
            request.infer(feeds)
            return (
                np.array(request.get_output_tensor(0).data, dtype=np.float32),
                np.array(request.get_output_tensor(1).data, dtype=np.float32),
            )

    return run


def plan_windows(embedder: Embedder, texts: list[str], limit: int, *, advance: Advance | None = None) -> list[Window]:
    """Cut each text into windows of whole sentences under `limit` word pieces.

    A text that fits is one window. A longer one becomes overlapping windows (each starts
    one sentence before the previous ended), so no text is silently truncated by the model;
    a single sentence over the limit is cut between words. `advance` is told of every
    PLAN_CHUNK texts planned (the tokenizer runs a chunk at a time).
    """
    windows: list[Window] = []
    for first in range(0, len(texts), PLAN_CHUNK):
        chunk = texts[first : first + PLAN_CHUNK]
        for index, (text, whole) in enumerate(zip(chunk, embedder.count_tokens(chunk), strict=True), start=first):
            if whole <= limit:
                windows.append(Window(index, 0, len(text)))
                continue
            spans = _fitting_spans(embedder, text, sentence_spans(text) or [(0, len(text))], limit)
            counts = embedder.count_tokens([text[a:b] for a, b in spans])
            windows.extend(_sentence_windows(index, spans, counts, limit))
        if advance is not None:
            advance(len(chunk))
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
