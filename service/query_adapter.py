"""A query-side linear map over the frozen model's question vectors, for the dense ranking only.

The bundled MiniLM places a question nearer to sentences that share its topic words than to the
sentence that answers it in other words (a paraphrase). `W` (dim x dim, fitted near the identity,
service.evaluate.adapter) maps a question's vector toward where its answering sentences lie; the
index's vectors stay as built. Only the ranking reads the mapped vector (service.retrieve): the
reported cosine, the abstention floor and the calibration keep the model's own reading
(docs/tuning.md, "A query-side linear adapter over the model's question vectors").

The fitted map lives in `query_adapter.npy` beside this module; `CITED_QUERY_ADAPTER=false` turns
it off, `CITED_QUERY_ADAPTER_FILE` reads another.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

ADAPTER_FILE = Path(__file__).with_name("query_adapter.npy")


def load_adapter(path: Path | None = None, *, dim: int) -> np.ndarray | None:
    """The map saved at `path` (default ADAPTER_FILE) as float32, or None when there is none or
    it does not fit the model's `dim` (a map fitted for another model would scramble its vectors)."""
    path = ADAPTER_FILE if path is None else path
    if not path.exists():
        return None
    adapter = np.load(path).astype(np.float32)
    return adapter if adapter.shape == (dim, dim) else None


def adapted(vectors: np.ndarray, adapter: np.ndarray | None) -> np.ndarray:
    """`vectors` (n, dim) mapped by `adapter` and scaled back to unit length; unchanged when None."""
    if adapter is None:
        return vectors
    mapped = vectors.astype(np.float32) @ adapter.T
    norms = np.linalg.norm(mapped, axis=1, keepdims=True)
    result: np.ndarray = mapped / np.where(norms > 0, norms, 1.0)
    return result


def save_adapter(adapter: np.ndarray, path: Path = ADAPTER_FILE) -> None:
    np.save(path, adapter.astype(np.float16))
