"""The query-side map (service.query_adapter): the dense ranking reads a paraphrase's question
through it, and the reported cosine stays the model's own."""

from __future__ import annotations

from typing import Any

import numpy as np

from service.evaluate.questions import contains_gold
from service.query_adapter import adapted
from service.retrieve import encode, rank

# Asked in other words than the sentence that answers it (dev d1824's wording): the units that
# write the question's topic words lead the model's own reading.
QUESTION = (
    "How did the Afghan president describe Islamabad's help to the insurgents when speaking to a German magazine?"
)
GOLD = ["organised logistical support"]


def _dense_rank(engine: Any, adapter: np.ndarray | None) -> int:
    gold = [i for i, unit in enumerate(engine.all_units()) if contains_gold(unit.text, GOLD)]
    ranked = rank(engine.files, encode(engine.embedder, QUESTION, (), "dense", adapter), None, "dense", engine.settings)
    return int(np.flatnonzero(np.isin(ranked.units, gold))[0]) + 1


def test_the_bundled_adapter_ranks_the_paraphrased_sentence_first(engine: Any) -> None:
    assert engine.adapter is not None
    assert _dense_rank(engine, engine.adapter) == 1
    assert _dense_rank(engine, None) > 3


def test_the_reported_cosine_is_the_models_own(engine: Any) -> None:
    plain = rank(engine.files, encode(engine.embedder, QUESTION, (), "hybrid"), None, "hybrid", engine.settings)
    mapped = rank(
        engine.files, encode(engine.embedder, QUESTION, (), "hybrid", engine.adapter), None, "hybrid", engine.settings
    )
    own = dict(zip(plain.units.tolist(), plain.dense.tolist(), strict=True))
    shared = [(u, c) for u, c in zip(mapped.units.tolist(), mapped.dense.tolist(), strict=True) if u in own]
    assert shared and all(abs(c - own[u]) < 1e-5 for u, c in shared[:10])


def test_no_adapter_leaves_the_vectors_as_they_are() -> None:
    vectors = np.eye(3, dtype=np.float32)[:2]
    assert adapted(vectors, None) is vectors
    doubled = adapted(vectors, 2 * np.eye(3, dtype=np.float32))
    assert np.allclose(np.linalg.norm(doubled, axis=1), 1.0)
