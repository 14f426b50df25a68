"""Private copies of the corpus and of the session's built index, for tests that change
either (publish a new version, upload a document) without touching what other tests share."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from service.settings import Settings
from tests.conftest import CORPUS


def settings_over_copies(
    tmp_path: Path, built_index_dir: Path, *, leave_out: tuple[str, ...] = (), **overrides: Any
) -> Settings:
    """Settings over copies in `tmp_path` of the corpus (without the files matching the glob
    patterns `leave_out`) and of the session's index, cache included, with the database beside
    them; `overrides` set any other field."""
    shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns(*leave_out))
    copy_index(built_index_dir, tmp_path / "index")
    return Settings(
        corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "index",
        database_path=tmp_path / "cited.db",
        **overrides,
    )


def copy_index(built_index_dir: Path, target: Path) -> Path:
    """A private copy of the session's index at `target`: its versions copied (tests may damage
    or replace them), its cache hard-linked. The cache is most of the index's size (the model
    export and the embeddings), and the build only ever adds files to it or renames a finished
    file over an old one (docs/reliability.md), so a link is never written through. Dozens of
    tests copy the index; whole copies made a test session write several GB to disk."""
    shutil.copytree(built_index_dir, target, ignore=shutil.ignore_patterns("cache"))
    link_cache(built_index_dir, target)
    return target


def link_cache(built_index_dir: Path, index_dir: Path) -> None:
    """Hard-link the session index's cache into `index_dir` (a build there re-embeds nothing)."""
    shutil.copytree(built_index_dir / "cache", index_dir / "cache", copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another filesystem, or one without hard links
        shutil.copy2(source, target)
