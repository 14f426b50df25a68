"""Private copies of the corpus and of the session's built index, for tests that change
either (publish a new version, upload a document) without touching what other tests share."""

from __future__ import annotations

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
    shutil.copytree(built_index_dir, tmp_path / "index")
    return Settings(
        corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "index",
        database_path=tmp_path / "cited.db",
        **overrides,
    )
