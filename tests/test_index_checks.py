"""Loading refuses an index whose manifest disagrees with its files or with this code: the
dimension, the unit, sentence and vector counts, the format version and the parser version.
Each case edits one manifest field of a copy of the session's index and expects a one-line
refusal that names what differs (docs/reliability.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import service.engine
import service.store.layout
from service.engine import load_engine
from service.errors import IndexCorrupt, IndexStale
from service.settings import Settings
from service.store import CURRENT, MANIFEST, current_version_dir, read_manifest
from service.store.lexicon import VECTORS as LEXICON_VECTORS

from .conftest import CORPUS


@pytest.fixture
def index_copy(tmp_path: Path, built_index_dir: Path) -> Settings:
    index_dir = tmp_path / "index"
    shutil.copytree(built_index_dir, index_dir, ignore=shutil.ignore_patterns("cache"))
    return Settings(corpus_dir=CORPUS, index_dir=index_dir)


def edit_manifest(settings: Settings, **fields: Any) -> None:
    path = current_version_dir(settings.index_dir) / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(fields)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def manifest_value(settings: Settings, name: str) -> Any:
    return json.loads((current_version_dir(settings.index_dir) / MANIFEST).read_text(encoding="utf-8"))[name]


def test_the_unedited_copy_loads(index_copy: Settings, embedder: Any) -> None:
    assert load_engine(index_copy, embedder=embedder).all_units()


@pytest.mark.parametrize(
    ("field", "change", "error", "says"),
    [
        ("dim", lambda v: v * 2, IndexCorrupt, "dimensions"),
        ("vectors", lambda v: v + 1, IndexCorrupt, "vectors"),
        ("units", lambda v: v - 1, IndexCorrupt, "unit or sentence counts"),
        ("sentences", lambda v: v + 7, IndexCorrupt, "unit or sentence counts"),
        ("tokens", lambda v: v + 1, IndexCorrupt, "token_codes.npy"),
        ("token_codec", lambda v: "pq32", IndexCorrupt, "token_codes.npy"),
        ("format_version", lambda v: v - 1, IndexStale, "index format"),
        ("parser_version", lambda v: f"{v}-old", IndexStale, "parser"),
    ],
)
def test_a_manifest_that_disagrees_is_refused(
    index_copy: Settings, embedder: Any, field: str, change: Any, error: type[Exception], says: str
) -> None:
    edit_manifest(index_copy, **{field: change(manifest_value(index_copy, field))})
    with pytest.raises(error, match=says) as caught:
        load_engine(index_copy, embedder=embedder)
    assert "\n" not in str(caught.value)
    assert "cited build" in str(caught.value)  # the fix comes with the cause


def test_a_lexicon_that_does_not_match_its_words_is_refused(index_copy: Settings, embedder: Any) -> None:
    # One vector short of its words (checksummed anew, as a build with a bug would write it).
    folder = current_version_dir(index_copy.index_dir)
    np.save(folder / LEXICON_VECTORS, np.load(folder / LEXICON_VECTORS)[:-1])
    checksum = service.store.layout.sha256_file(folder / LEXICON_VECTORS)
    edit_manifest(index_copy, files={**manifest_value(index_copy, "files"), LEXICON_VECTORS: checksum})
    with pytest.raises(IndexCorrupt, match=LEXICON_VECTORS) as caught:
        load_engine(index_copy, embedder=embedder)
    assert "\n" not in str(caught.value) and "cited build" in str(caught.value)


def test_load_engine_hashes_each_file_once(
    index_copy: Settings, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index is checked before the model loads (a bad one is refused at once) and the
    # version is then read under the readers' lock: its files are not hashed a second time.
    hashed: list[Path] = []
    real = service.store.layout.sha256_file
    monkeypatch.setattr(service.store.layout, "sha256_file", lambda path: hashed.append(path) or real(path))
    monkeypatch.setattr(service.engine, "load_embedder", lambda settings: embedder)
    assert load_engine(index_copy).all_units()
    folder = current_version_dir(index_copy.index_dir)
    assert sorted(hashed) == sorted(folder / name for name in read_manifest(folder).files)


def test_a_version_published_while_the_model_loads_is_checked_in_full(
    index_copy: Settings, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def publish_a_damaged_copy(settings: Settings) -> Any:
        folder = current_version_dir(settings.index_dir)
        damaged = folder.with_name(folder.name + "-next")
        shutil.copytree(folder, damaged)
        with (damaged / "units.jsonl").open("a", encoding="utf-8") as handle:
            handle.write("\n")
        (settings.index_dir / CURRENT).write_text(damaged.name + "\n", encoding="utf-8")
        return embedder

    monkeypatch.setattr(service.engine, "load_embedder", publish_a_damaged_copy)
    with pytest.raises(IndexCorrupt, match="units.jsonl fails its checksum"):
        load_engine(index_copy)
