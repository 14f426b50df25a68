"""What a loaded version keeps in memory, and how (docs/scale.md, "Serving memory"): the
sentence vectors stay float16 and memory-mapped, and each sentence's terms are held as ids
yet read back as the same sets BM25's tokenizer gives."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from service.bm25 import tokenize
from service.store import SentenceTable, SentenceTerms


def test_sentence_terms_read_back_as_the_tokenizers_sets(engine: Any) -> None:
    files = engine.files
    rows = files.sentences
    texts = [files.units[int(u)].text[int(a) : int(b)] for u, (a, b) in zip(rows.unit_of, rows.spans, strict=True)]
    expected = [frozenset(t) for t in tokenize(texts)]
    terms = files.sentence_terms
    assert len(terms) == len(expected) == len(rows)
    assert [terms[row] for row in range(len(terms))] == expected
    assert terms.get(len(terms)) is None and terms.get(-1) is None


def test_sentence_terms_do_not_depend_on_how_the_texts_are_chunked(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["The Durand Line is 2,430km long.", "", "Pakistan hosted the Taliban's leaders.", "Long lines."] * 3
    whole = SentenceTerms.from_texts(texts)
    monkeypatch.setattr(SentenceTerms, "CHUNK", 5)
    chunked = SentenceTerms.from_texts(iter(texts))
    assert [chunked[i] for i in range(len(texts))] == [whole[i] for i in range(len(texts))]
    assert whole[0] == frozenset(tokenize([texts[0]])[0]) and whole[1] == frozenset()


def test_sentence_vectors_stay_float16_on_disk_pages(engine: Any) -> None:
    vectors = engine.files.sentences.vectors
    assert vectors.dtype == np.float16
    assert isinstance(vectors.base, np.memmap) and not vectors.flags.owndata
    # float16 -> float32 is exact, so a product with a float32 query is what it was in float32.
    query = np.random.default_rng(0).standard_normal(vectors.shape[1]).astype(np.float32)
    rows = slice(0, 7)
    assert np.array_equal(vectors[rows] @ query, np.asarray(vectors[rows], dtype=np.float32) @ query)


def test_best_cosine_is_each_units_best_sentence_and_minus_one_without_any() -> None:
    rows = np.array([[0, 0, 1], [0, 2, 3], [2, 0, 5], [3, 0, 2], [3, 3, 4], [3, 5, 6]], dtype=np.int64)
    vectors = np.array([[1, 0], [0, 1], [0.6, 0.8], [-1, 0], [0.8, 0.6], [0, -1]], dtype=np.float16)
    table = SentenceTable.from_rows(rows, vectors, 4)
    query = np.array([1.0, 0.0], dtype=np.float32)
    listed = np.array([3, 1, 0, 2])
    expected = [max(float(v @ query) for v in vectors[table.of_unit(u)]) if table.of_unit(u) else -1.0 for u in listed]
    assert np.allclose(table.best_cosine(listed, query), expected)
    assert table.best_cosine(np.array([1]), query).tolist() == [-1.0]


def test_a_table_out_of_unit_order_is_sorted_with_its_vectors() -> None:
    rows = np.array([[1, 0, 4], [0, 0, 3], [1, 5, 9]], dtype=np.int64)
    vectors = np.arange(6, dtype=np.float16).reshape(3, 2)
    table = SentenceTable.from_rows(rows, vectors, 2)
    assert table.unit_of.tolist() == [0, 1, 1]
    assert table.vectors.tolist() == [[2, 3], [0, 1], [4, 5]]
    assert list(table.of_unit(1)) == [1, 2]
    assert table.spans_of(1) == [(0, 4), (5, 9)] and table.spans_of(0) == [(0, 3)]
    assert all(isinstance(bound, int) for span in table.spans_of(1) for bound in span)
