"""A one-article corpus and an index folder holding only the session's caches, for tests
that build or serve many times: a build embeds nothing, a server loads the model quickly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from service.settings import Settings
from tests.conftest import CORPUS

TINY_CATALOG = """
[[documents]]
id = "fp-pakistan-taliban-2021"
file = "documents/fp-pakistan-taliban-2021.txt"
title = "Future of Pakistan-Taliban relations"
author = "Michael Kugelman"
date = "2021-09"
kind = "article"
"""


def tiny_settings(tmp_path: Path, built_index_dir: Path) -> Settings:
    """Settings over the one-article corpus and an index folder with no version yet: the
    session's caches (model export, embeddings) are hard-linked in, never written through."""
    corpus = tmp_path / "corpus"
    (corpus / "documents").mkdir(parents=True)
    shutil.copy(CORPUS / "documents" / "fp-pakistan-taliban-2021.txt", corpus / "documents")
    (corpus / "catalog.toml").write_text(TINY_CATALOG, encoding="utf-8")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index_dir / "cache", index_dir / "cache", copy_function=os.link)
    return Settings(corpus_dir=corpus, index_dir=index_dir, database_path=tmp_path / "cited.db")
