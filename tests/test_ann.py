"""The dense index types: the automatic choice, building, reading back, and filtered search.

A few thousand synthetic vectors drawn like embeddings (an off-centre Gaussian whose variance
falls off across dimensions, normalised), small enough that every index builds in a second.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pytest

from service.ann import (
    EXACT_FILTER_SHARE,
    TRAIN_PER_LIST,
    IndexSpec,
    build_faiss_index,
    choose_index_spec,
    configure_for_search,
    hnsw_spec,
    ivf_pqfs_spec,
    ivf_sq8_spec,
    nlist_for,
    nprobe_for,
    parse_index_spec,
    search,
)
from service.build import build_index
from service.engine import load_engine
from service.records import Filters
from service.settings import Settings

from .conftest import CORPUS
from .support.copies import link_cache

DIM = 64
N = 4000


def embeddings_like(n: int, seed: int, noise: float = 0.0) -> np.ndarray:
    """Unit vectors from a Gaussian with a common direction and a decaying spectrum."""
    rng = np.random.default_rng(1234)  # the same distribution for every seed
    mean = rng.standard_normal(DIM).astype(np.float32) * 0.075
    scales = (1.0 / np.sqrt(np.arange(1, DIM + 1))).astype(np.float32) * 0.36
    draws = np.random.default_rng(seed).standard_normal((n, DIM), dtype=np.float32)
    jitter = np.random.default_rng(seed + 1).standard_normal((n, DIM), dtype=np.float32)
    vectors = mean + draws * scales + noise * jitter
    faiss.normalize_L2(vectors)
    return vectors


@pytest.fixture(scope="module")
def corpus() -> np.ndarray:
    return embeddings_like(N, seed=1)


@pytest.fixture(scope="module")
def queries() -> np.ndarray:
    return embeddings_like(50, seed=2, noise=0.02)


@pytest.fixture(scope="module")
def built(corpus: np.ndarray) -> Callable[[IndexSpec], faiss.Index]:
    """Each spec's index over `corpus`, built once for the module (searching leaves it as it is)."""
    cache: dict[IndexSpec, faiss.Index] = {}

    def get(spec: IndexSpec) -> faiss.Index:
        if spec not in cache:
            cache[spec] = build_faiss_index(corpus, spec)
        return cache[spec]

    return get


def exact_ids(base: np.ndarray, queries: np.ndarray, k: int, allowed: np.ndarray | None = None) -> np.ndarray:
    rows = np.arange(len(base)) if allowed is None else allowed
    _, ids = faiss.knn(queries, base[rows], k, metric=faiss.METRIC_INNER_PRODUCT)
    return rows[ids]


def recall_at(found: np.ndarray, truth: np.ndarray, k: int = 10) -> float:
    hits = [len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth, strict=True)]
    return float(np.mean(hits))


# Approximate on purpose: fewer lists probed than there are, a narrow HNSW beam.
PQFS = IndexSpec("ivf-pqfs", nlist=32, nprobe=8, pq_m=DIM // 2, k_factor=2)
APPROXIMATE = [
    pytest.param(PQFS, id="ivf-pqfs"),
    pytest.param(IndexSpec("ivf-sq8", nlist=32, nprobe=8), id="ivf-sq8"),
    pytest.param(hnsw_spec(16, 40, 32), id="hnsw"),
]
EVERY_KIND = [pytest.param(IndexSpec("flat"), id="flat"), *APPROXIMATE]


def test_the_choice_is_exact_up_to_the_threshold_then_ivf_pq() -> None:
    assert choose_index_spec(0, 50_000) == IndexSpec("flat")
    assert choose_index_spec(50_000, 50_000) == IndexSpec("flat")
    above = choose_index_spec(50_001, 50_000)
    assert above.kind == "ivf-pqfs" and above == ivf_pqfs_spec(50_001, 384)
    assert above.pq_m == 192 and above.k_factor == 2


def test_ivf_parameters_scale_with_the_corpus() -> None:
    assert choose_index_spec(100_000, 50_000).name == "ivf1024-pq192x4fs-rf2-np256"
    assert choose_index_spec(1_000_000, 50_000).name == "ivf4096-pq192x4fs-rf2-np512"
    for n in (1, 100, 3_000, 60_000, 10**6, 10**8):
        lists = nlist_for(n)
        assert lists & (lists - 1) == 0  # a power of two
        assert lists == 1 or n // lists >= 64  # enough vectors a list to train on
        assert 1 <= nprobe_for(lists) <= lists
    shares = [nprobe_for(nlist_for(n)) / nlist_for(n) for n in (10**5, 10**6, 10**7)]
    assert shares == sorted(shares, reverse=True)  # bigger corpora scan a smaller share


@pytest.mark.parametrize(
    "spec",
    [
        IndexSpec("flat"),
        hnsw_spec(32, 40, 256),
        ivf_sq8_spec(100_000),
        ivf_pqfs_spec(1_000_000, 384),
    ],
)
def test_a_name_says_everything_about_its_spec(spec: IndexSpec) -> None:
    assert parse_index_spec(spec.name) == spec


@pytest.mark.parametrize("name", ["hnsw32", "ivf4096-pq192x4fs-np512", "flat", "IVF4096,SQ8", ""])
def test_names_this_version_does_not_make_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="unknown index type"):
        parse_index_spec(name)


@pytest.mark.parametrize("spec", APPROXIMATE)
def test_approximate_indexes_find_most_of_the_exact_neighbours(
    spec: IndexSpec,
    built: Callable[[IndexSpec], faiss.Index],
    corpus: np.ndarray,
    queries: np.ndarray,
) -> None:
    index = built(spec)
    _, found = search(index, queries, 10)
    assert recall_at(found, exact_ids(corpus, queries, 10)) >= 0.9


def test_the_chosen_index_is_approximate_and_close_to_exact(
    built: Callable[[IndexSpec], faiss.Index], corpus: np.ndarray, queries: np.ndarray
) -> None:
    index = built(choose_index_spec(len(corpus), exact_max=1_000, dim=DIM))
    assert isinstance(faiss.downcast_index(index), faiss.IndexRefineFlat)
    _, found = search(index, queries, 50)
    truth = exact_ids(corpus, queries, 50)
    assert recall_at(found, truth, 10) >= 0.95
    assert recall_at(found, truth, 50) >= 0.9


@pytest.mark.parametrize("spec", EVERY_KIND)
def test_search_parameters_are_set_again_after_reading_the_file(
    spec: IndexSpec, built: Callable[[IndexSpec], faiss.Index], queries: np.ndarray, tmp_path: Path
) -> None:
    original = built(spec)
    path = tmp_path / "dense.faiss"
    faiss.write_index(original, str(path))
    loaded = faiss.read_index(str(path))
    _scramble_search_parameters(loaded)
    configure_for_search(loaded, spec)
    assert _search_parameters(loaded) == _search_parameters(original)
    assert np.array_equal(search(loaded, queries, 10)[1], search(original, queries, 10)[1])


def _search_parameters(index: faiss.Index) -> tuple[int, int, float]:
    index = faiss.downcast_index(index)
    ivf = faiss.try_extract_index_ivf(index)
    return (
        index.hnsw.efSearch if isinstance(index, faiss.IndexHNSW) else 0,
        ivf.nprobe if ivf is not None else 0,
        index.k_factor if isinstance(index, faiss.IndexRefineFlat) else 0.0,
    )


def _scramble_search_parameters(index: faiss.Index) -> None:
    index = faiss.downcast_index(index)
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = 1
    if (ivf := faiss.try_extract_index_ivf(index)) is not None:
        ivf.nprobe = 1
    if isinstance(index, faiss.IndexRefineFlat):
        index.k_factor = 1.0


@pytest.mark.parametrize(
    ("made", "claimed"),
    [
        (IndexSpec("flat"), IndexSpec("ivf-sq8", nlist=32, nprobe=8)),
        (IndexSpec("ivf-sq8", nlist=32, nprobe=8), IndexSpec("ivf-sq8", nlist=64, nprobe=8)),
        (IndexSpec("ivf-sq8", nlist=32, nprobe=8), PQFS),
        (hnsw_spec(16, 40, 32), IndexSpec("flat")),
    ],
)
def test_an_index_that_is_not_what_its_spec_says_is_refused(
    made: IndexSpec, claimed: IndexSpec, built: Callable[[IndexSpec], faiss.Index]
) -> None:
    with pytest.raises(ValueError, match="is not a"):
        configure_for_search(built(made), claimed)


@pytest.mark.parametrize("spec", EVERY_KIND)
@pytest.mark.parametrize("share", [0.3, 0.05, EXACT_FILTER_SHARE / 2])
def test_filtered_search_returns_only_admitted_vectors_and_most_of_the_best(
    spec: IndexSpec,
    share: float,
    built: Callable[[IndexSpec], faiss.Index],
    corpus: np.ndarray,
    queries: np.ndarray,
) -> None:
    index = built(spec)
    rng = np.random.default_rng(7)
    allowed = np.sort(rng.choice(len(corpus), int(len(corpus) * share), replace=False))
    _, found = search(index, queries, 10, allowed)
    assert np.isin(found[found >= 0], allowed).all()
    assert recall_at(found, exact_ids(corpus, queries, 10, allowed)) >= 0.9


def test_a_filter_admitting_fewer_than_k_pads_with_minus_one(
    built: Callable[[IndexSpec], faiss.Index], corpus: np.ndarray, queries: np.ndarray
) -> None:
    index = built(choose_index_spec(len(corpus), exact_max=1_000, dim=DIM))
    allowed = np.array([3, 30, 300], dtype=np.int64)
    _, found = search(index, queries[:2], 10, allowed)
    assert all(sorted(row[:3]) == [3, 30, 300] for row in found)
    assert (found[:, 3:] == -1).all()


def test_building_puts_the_thread_count_back(corpus: np.ndarray) -> None:
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # as the server runs queries
    try:
        build_faiss_index(corpus, IndexSpec("ivf-sq8", nlist=32, nprobe=8), threads=2)
        assert faiss.omp_get_max_threads() == 1
    finally:
        faiss.omp_set_num_threads(before)


def test_an_approximate_index_serves_filtered_asks_end_to_end(
    tmp_path: Path, built_index_dir: Path, engine: Any, embedder: Any
) -> None:
    """Past CITED_EXACT_INDEX_MAX the build records an IVF index, the engine loads it with its
    search parameters, and filtered asks through it return only admitted units, as the
    exact index does."""
    link_cache(built_index_dir, tmp_path / "index")  # no re-embedding
    settings = Settings(corpus_dir=CORPUS, index_dir=tmp_path / "index", exact_index_max=50)
    report = build_index(settings, embedder=embedder, progress=False)
    assert report.index_type.startswith("ivf") and report.embedded == 0
    approximate = load_engine(settings, embedder=embedder)
    assert approximate.files.manifest.index_type == report.index_type
    document = next(iter(approximate.documents))
    for filters in (Filters(documents=(document,)), Filters(kinds=("footnote",)), None):
        for question in ("Why does Pakistan host the Taliban leadership?", "What did the Doha agreement require?"):
            mine = approximate.ask(question, top_k=5, filters=filters)
            exact = engine.ask(question, top_k=5, filters=filters)
            units = [r.hit.unit for r in mine.results]
            assert units, (question, filters)
            if filters is not None and filters.documents:
                assert {u.document_id for u in units} == {document}
            if filters is not None and filters.kinds:
                assert {u.kind for u in units} == {"footnote"}
            assert units[0].id == exact.results[0].hit.unit.id


def test_the_lists_k_means_counted_per_iteration_is_the_one_k_means(
    corpus: np.ndarray, queries: np.ndarray, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build trains the lists one k-means iteration per call, so a bar can count them: the
    centroids and the answers must be those of faiss's own single call of `niter` iterations."""
    spec = ivf_pqfs_spec(len(corpus), DIM)
    index = build_faiss_index(corpus, spec, progress=True)
    shown = capsys.readouterr().err
    reference = faiss.index_factory(DIM, spec.factory, faiss.METRIC_INNER_PRODUCT)
    ivf = faiss.try_extract_index_ivf(reference)
    assert ivf is not None
    sample = corpus[np.sort(np.random.default_rng(0).choice(len(corpus), spec.nlist * TRAIN_PER_LIST, replace=False))]
    faiss.Clustering(ivf.d, ivf.nlist, ivf.cp).train(sample, ivf.quantizer)
    reference.train(sample)
    reference.add(corpus)
    configure_for_search(reference, spec)
    built_ivf = faiss.try_extract_index_ivf(index)
    assert built_ivf is not None
    centroids = built_ivf.quantizer.reconstruct_n(0, spec.nlist)
    np.testing.assert_allclose(centroids, ivf.quantizer.reconstruct_n(0, spec.nlist), atol=1e-5)
    assert (search(index, queries, 10)[1] == search(reference, queries, 10)[1]).all()
    assert "FAISS lists: 100%|" in shown and f"| {ivf.cp.niter}/{ivf.cp.niter} [" in shown
    assert "FAISS add: 100%|" in shown
