"""service/bm25.py at scale: postings read through a memory map rank exactly as postings in
memory."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from service.bm25 import load_bm25
from service.retrieve import lexical_scores, top_admitted
from service.store import current_version_dir

from .conftest import CORPUS


@pytest.fixture(scope="module")
def questions() -> list[str]:
    lines = (CORPUS / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()][:40]


def test_memory_mapped_postings_rank_exactly_as_loaded_ones(engine: Any, questions: list[str]) -> None:
    folder = current_version_dir(engine.settings.index_dir)
    mapped = [load_bm25(folder / name, mmap=True) for name in ("bm25", "bm25_sentences")]
    loaded = [load_bm25(folder / name, mmap=False) for name in ("bm25", "bm25_sentences")]
    assert all(isinstance(model.scores["data"], np.memmap) for model in mapped)
    assert not any(isinstance(model.scores["data"], np.memmap) for model in loaded)
    sentences = engine.files.sentences
    everyone = np.ones(len(sentences.first) - 1, dtype=bool)
    history = ""
    for question in questions:
        on_disk = lexical_scores(*mapped, sentences, question, history)
        in_memory = lexical_scores(*loaded, sentences, question, history)
        assert np.array_equal(on_disk, in_memory), question
        assert np.array_equal(top_admitted(on_disk, everyone, 20), top_admitted(in_memory, everyone, 20))
        history = question  # every other question reads the one before it as history
