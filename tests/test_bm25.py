"""service/bm25.py at scale: postings read through a memory map rank exactly as postings in
memory."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from service import bm25
from service.bm25 import load_bm25, terms_digest
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


TEXTS = [
    "The Taliban's leadership council met in Quetta, officials said.",
    "Pakistan recognised the talks; the U.S. did not recognize them.",
]


def test_the_terms_digest_is_stable_and_follows_a_changed_word() -> None:
    # The same texts make the same digest; one word changed makes another.
    assert terms_digest(TEXTS) == terms_digest(list(TEXTS))
    assert terms_digest(TEXTS) != terms_digest([TEXTS[0], TEXTS[1].replace("talks", "meetings")])


def test_the_terms_digest_changes_with_the_stemmer(monkeypatch: pytest.MonkeyPatch) -> None:
    before = terms_digest(TEXTS)
    monkeypatch.setattr(bm25, "_stem_words", lambda words: [w[:4] for w in words])
    assert terms_digest(TEXTS) != before


def test_the_terms_digest_changes_with_a_tokenizer_reading_across_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # Word pairs are no word's terms: the texts read whole show them.
    before, plain = terms_digest(TEXTS), bm25.tokenize

    def with_pairs(texts: list[str], *, progress: bool = False) -> list[list[str]]:
        return [terms + [f"{a}_{b}" for a, b in zip(terms, terms[1:], strict=False)] for terms in plain(texts)]

    monkeypatch.setattr(bm25, "tokenize", with_pairs)
    assert terms_digest(TEXTS) != before
