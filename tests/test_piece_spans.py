"""Where each stored word piece lies in its window (`token_spans.npy`, service.window_tokens):
stored at build so that choosing the answer's lead sentence by its own word pieces tokenizes
nothing per question; a version built before they were stored still loads and answers alike
(the engine tokenizes then), and `cited build` replaces it without running the model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.build import build_index
from service.engine import Engine, load_engine
from service.errors import IndexCorrupt
from service.settings import Settings
from service.store import (
    MANIFEST,
    SPANS,
    current_version_dir,
    load_index_files,
    read_manifest,
    read_units,
)

from .conftest import CORPUS
from .support.copies import copy_index


def test_stored_spans_are_the_tokenizers_offsets_of_every_window(built_index_dir: Path, embedder: Any) -> None:
    folder = current_version_dir(built_index_dir)
    assert SPANS in read_manifest(folder).files  # checksummed like every file
    units = read_units(folder / "units.jsonl")
    windows, offsets = np.load(folder / "windows.npy"), np.load(folder / "token_offsets.npy")
    spans = np.load(folder / SPANS)
    assert spans.dtype == np.uint16 and spans.shape == (offsets[-1], 2)  # 4 bytes a word piece
    for w, (u, start, end) in enumerate(windows):
        text = units[int(u)].text[int(start) : int(end)]
        expected = embedder.piece_spans(text)[: offsets[w + 1] - offsets[w]]
        assert np.array_equal(spans[offsets[w] : offsets[w + 1]], expected), f"window {w}"


def test_a_units_pieces_come_from_the_index_without_tokenizing(
    engine: Engine, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each unit's stored pieces get the spans that tokenizing its windows again would give
    (what the engine did per question before), and asking tokenizes no window."""
    files = engine.files
    several = [u for u in range(len(files.units)) if len(files.unit_windows(u)) > 1]
    assert several
    for unit in range(len(files.units)):
        stored = files.unit_pieces(unit)
        assert stored is not None
        spans, vectors = stored
        text = files.units[unit].text
        again = [
            embedder.piece_spans(text[int(a) : int(b)])[: len(files.tokens.windows(w, w + 1))] + int(a)
            for w, (a, b) in zip(files.unit_windows(unit), files.window_spans[files.unit_windows(unit)], strict=True)
        ]
        assert np.array_equal(spans, np.concatenate(again))
        assert np.array_equal(vectors, files.unit_tokens(unit))

    def tokenizes(text: str) -> np.ndarray:
        raise AssertionError(f"tokenized {text[:40]!r} while answering")

    monkeypatch.setattr(embedder, "piece_spans", tokenizes)
    # Its lead sentence is chosen by its own late interaction (service.answer, dev d118).
    answer = engine.ask("What is the relationship between the Afghan and Pakistani Taliban?")
    assert not answer.abstained and answer.sentences


@pytest.fixture
def version_before_spans(tmp_path: Path, built_index_dir: Path) -> Settings:
    """A copy of the session index (and its embedding cache) as a build before this change wrote
    it: no spans file, none in the manifest."""
    settings = Settings(corpus_dir=CORPUS, index_dir=tmp_path / "index")
    copy_index(built_index_dir, settings.index_dir)
    folder = current_version_dir(settings.index_dir)
    (folder / SPANS).unlink()
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    del manifest["files"][SPANS]
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return settings


def test_a_version_built_before_spans_loads_and_answers_alike(
    version_before_spans: Settings, engine: Engine, embedder: Any
) -> None:
    older = load_engine(version_before_spans, embedder=embedder)
    assert older.files.tokens is not None and older.files.tokens.spans is None
    unit = next(u for u in range(len(older.files.units)) if len(older.files.unit_windows(u)) > 1)
    assert older.files.unit_pieces(unit) is None
    ours, theirs = engine.unit_pieces(unit), older.unit_pieces(unit)  # theirs: tokenized again
    assert np.array_equal(ours[0], theirs[0]) and np.array_equal(ours[1], theirs[1])
    question = "What is the relationship between the Afghan and Pakistani Taliban?"
    assert older.ask(question).sentences == engine.ask(question).sentences


def test_cited_build_replaces_a_version_without_spans_without_running_the_model(
    version_before_spans: Settings, embedder: Any
) -> None:
    before = current_version_dir(version_before_spans.index_dir)
    report = build_index(version_before_spans, embedder=embedder, progress=False)
    assert not report.up_to_date and report.embedded == 0  # codes and vectors copied
    after = current_version_dir(version_before_spans.index_dir)
    assert after != before and SPANS in read_manifest(after).files
    assert load_engine(version_before_spans, embedder=embedder).files.tokens.spans is not None
    assert build_index(version_before_spans, embedder=embedder, progress=False).up_to_date


@pytest.mark.parametrize("damage", ["a row short", "signed offsets"])
def test_load_refuses_a_spans_file_that_does_not_match(tmp_path: Path, built_index_dir: Path, damage: str) -> None:
    folder = tmp_path / "version"
    shutil.copytree(current_version_dir(built_index_dir), folder)
    spans = np.load(folder / SPANS)
    np.save(folder / SPANS, spans[:-1] if damage == "a row short" else spans.astype(np.int64))
    with pytest.raises(IndexCorrupt, match=f"{SPANS} holds"):
        load_index_files(folder, read_manifest(folder))
