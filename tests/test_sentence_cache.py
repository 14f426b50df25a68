"""Sentence spans kept across builds (service.sentence_cache): a build splits each text once,
a rebuild splits only new text, and the spans are the ones pysbd gives."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import service.text
from service.build import build_index
from service.sentence_cache import cache_path, load_sentence_memo, save_sentence_memo
from service.settings import Settings
from service.store import current_version_dir
from service.text import SentenceMemo, remembering_sentences, sentence_spans, text_digest

from .test_build import private  # noqa: F401  (the fixture: a copy of the session's corpus and index)

TEXTS = [
    "Relations with the U.S. In 2011 they soured. Gen. Kayani said so.",
    "One sentence only",
    "Relations with the U.S. In 2011 they soured. Gen. Kayani said so.",
]


class CountingSplitter:
    """Counts the texts pysbd is asked to split."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        real = service.text._split_sentences

        def split(text: str) -> list[tuple[int, int]]:
            self.texts.append(text)
            return real(text)

        monkeypatch.setattr(service.text, "_split_sentences", split)


def test_a_memo_splits_each_text_once_and_gives_the_same_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = [sentence_spans(t) for t in TEXTS]
    counter = CountingSplitter(monkeypatch)
    with remembering_sentences(SentenceMemo()) as memo:
        remembered = [sentence_spans(t) for t in TEXTS + TEXTS]
    assert remembered == plain + plain
    assert counter.texts == TEXTS[:2]
    assert set(memo.used) == {text_digest(t) for t in TEXTS}
    remembered[0].append((0, 1))  # a caller's list is its own
    with remembering_sentences(memo):
        assert sentence_spans(TEXTS[0]) == plain[0]
    sentence_spans(TEXTS[1])  # outside the block nothing is remembered
    assert counter.texts == [*TEXTS[:2], TEXTS[1]]


def test_saved_spans_come_back_for_every_digest(tmp_path: Path) -> None:
    memo = SentenceMemo()
    with remembering_sentences(memo):
        for text in TEXTS:
            sentence_spans(text)
    memo.used[b"\x07" * 15 + b"\x00"] = ((0, 4), (5, 9))  # numpy's "S" type would drop the NUL
    memo.used[b"\x00" * 16] = ()
    save_sentence_memo(tmp_path, memo)
    assert load_sentence_memo(tmp_path).known == memo.used


def test_an_unreadable_cache_is_split_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = cache_path(tmp_path)
    path.write_bytes(b"not an npz")
    with caplog.at_level(logging.WARNING):
        assert load_sentence_memo(tmp_path).known == {}
    assert "unreadable" in caplog.text
    np.savez(path, keys=np.zeros((2, 16), dtype=np.uint8), counts=np.array([1, 1]), spans=np.zeros((1, 2)))
    assert load_sentence_memo(tmp_path).known == {}


def test_a_rebuild_splits_only_the_new_text(
    private: Settings,  # noqa: F811
    embedder: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_index(private, embedder=embedder, progress=False, force=True)  # fills the cache
    assert cache_path(private.index_dir / "cache").is_file()
    before = np.load(current_version_dir(private.index_dir) / "sentences.npy")
    added = "Such sentiment is returned. It was new text."
    document = private.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("Such sentiment is reciprocated.", added), "utf-8")
    counter = CountingSplitter(monkeypatch)
    build_index(private, embedder=embedder, progress=False)
    changed = [t for t in counter.texts if "It was new text." in t]
    assert changed and len(counter.texts) == len(changed), counter.texts[:3]
    after = np.load(current_version_dir(private.index_dir) / "sentences.npy")
    assert len(after) == len(before) + 1  # the new sentence, split as pysbd splits it
