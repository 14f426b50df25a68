"""The dense index: which FAISS index type a corpus gets, building it, and searching it.

Vectors are unit length, so inner product is cosine. Up to `exact_max` vectors the index is
exact (`flat-ip`). Past that it is an inverted file whose lists hold 4-bit fast-scan product
codes, with the full vectors kept beside them to re-rank the candidates exactly
(`ivf{nlist}-pq{m}x4fs-rf{k}-np{nprobe}`). On 1M synthetic MiniLM-like vectors
(benchmarks/README.md) it answers in 2.3 ms on one core with recall@10 0.99 and builds in
under two minutes. HNSW (M 32, efSearch 512) took 3.3 ms for recall@10 0.93 and twice the
build time; IVF over 8-bit scalar codes, a quarter of the memory, took 5.2 ms for 0.97.

The search parameters (nprobe, efSearch, k_factor) are part of the spec and its name, and
`configure_for_search` sets them again after `faiss.read_index`: the file is not the
authority on them. Filtered searches go through `search`, which widens the search by the
share of vectors a filter admits and answers very selective filters exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

import faiss
import numpy as np

Kind = Literal["flat", "hnsw", "ivf-sq8", "ivf-pqfs"]
BUILD_THREADS = 2  # building may use both cores; queries run one thread each
TRAIN_PER_LIST = 50  # k-means sample: faiss wants at least 39 points per centroid
MIN_PER_LIST = 64  # vectors per list on average, at least
EXACT_FILTER_SHARE = 0.02  # a filter admitting at most this share is searched exactly
MIN_RERANK = 400  # candidates re-ranked by the full vectors, at least (2 x the engine's 200)

_NAME = re.compile(
    r"^(?:(?P<flat>flat-ip)"
    r"|hnsw(?P<m>\d+)-efc(?P<efc>\d+)-ef(?P<ef>\d+)"
    r"|ivf(?P<nlist>\d+)-(?:(?P<sq8>sq8)|pq(?P<pq>\d+)x4fs-rf(?P<kf>\d+))-np(?P<nprobe>\d+))$"
)


@dataclass(frozen=True)
class IndexSpec:
    """One FAISS index configuration, build and search parameters together.

    Fields that do not apply to `kind` stay 0. `name` (recorded in the manifest) says
    everything, and `parse_index_spec(spec.name) == spec`.
    """

    kind: Kind
    hnsw_m: int = 0
    ef_construction: int = 0
    ef_search: int = 0
    nlist: int = 0
    nprobe: int = 0
    pq_m: int = 0
    k_factor: int = 0

    @property
    def name(self) -> str:
        if self.kind == "flat":
            return "flat-ip"
        if self.kind == "hnsw":
            return f"hnsw{self.hnsw_m}-efc{self.ef_construction}-ef{self.ef_search}"
        codec = "sq8" if self.kind == "ivf-sq8" else f"pq{self.pq_m}x4fs-rf{self.k_factor}"
        return f"ivf{self.nlist}-{codec}-np{self.nprobe}"

    @property
    def factory(self) -> str:
        """The `faiss.index_factory` string that builds this index."""
        return {
            "flat": "Flat",
            "hnsw": f"HNSW{self.hnsw_m},Flat",
            "ivf-sq8": f"IVF{self.nlist},SQ8",
            "ivf-pqfs": f"IVF{self.nlist},PQ{self.pq_m}x4fs,RFlat",
        }[self.kind]


def parse_index_spec(name: str) -> IndexSpec:
    """The spec a name stands for; ValueError for a name this version does not produce."""
    match = _NAME.match(name)
    if match is None:
        raise ValueError(f"unknown index type {name!r}")
    group = match.groupdict()
    if group["flat"]:
        return IndexSpec("flat")
    if group["m"]:
        return IndexSpec("hnsw", hnsw_m=int(group["m"]), ef_construction=int(group["efc"]), ef_search=int(group["ef"]))
    lists, nprobe = int(group["nlist"]), int(group["nprobe"])
    if group["sq8"]:
        return IndexSpec("ivf-sq8", nlist=lists, nprobe=nprobe)
    return IndexSpec("ivf-pqfs", nlist=lists, nprobe=nprobe, pq_m=int(group["pq"]), k_factor=int(group["kf"]))


def choose_index_spec(n_vectors: int, exact_max: int, dim: int = 384) -> IndexSpec:
    """Exact search up to `exact_max` vectors; past it, IVF over fast-scan PQ, re-ranked exactly."""
    if n_vectors <= exact_max:
        return IndexSpec("flat")
    return ivf_pqfs_spec(n_vectors, dim)


def nlist_for(n_vectors: int) -> int:
    """Inverted lists for `n_vectors`: the power of two nearest 4*sqrt(n), with 64+ vectors a list.

    4*sqrt(n) balances the two costs of a query, ranking the centroids and scanning lists;
    k-means training time grows with nlist squared, which keeps it at 4096 for 1M vectors.
    """
    target: int = 2 ** round(math.log2(max(4 * math.sqrt(max(n_vectors, 1)), 1)))
    ceiling: int = 2 ** math.floor(math.log2(max(n_vectors // MIN_PER_LIST, 1)))
    return max(1, min(target, ceiling))


def nprobe_for(nlist: int) -> int:
    """Lists scanned per query: 8*sqrt(nlist) (512 of 4096 at 1M vectors, 256 of 1024 at 100k).

    The share scanned falls as the corpus grows, because recall at a given share rises with
    the vectors per list (benchmarks/README.md).
    """
    return max(1, min(nlist, round(8 * math.sqrt(nlist))))


def ivf_pqfs_spec(n_vectors: int, dim: int) -> IndexSpec:
    """IVF over 4-bit fast-scan PQ (two dimensions a code), re-ranked by the full vectors."""
    lists = nlist_for(n_vectors)
    return IndexSpec("ivf-pqfs", nlist=lists, nprobe=nprobe_for(lists), pq_m=_pq_m(dim), k_factor=2)


def ivf_sq8_spec(n_vectors: int) -> IndexSpec:
    """IVF over 8-bit scalar codes, no re-ranking: a quarter of the memory, slower scans."""
    lists = nlist_for(n_vectors)
    return IndexSpec("ivf-sq8", nlist=lists, nprobe=nprobe_for(lists))


def hnsw_spec(m: int = 32, ef_construction: int = 40, ef_search: int = 256) -> IndexSpec:
    """An HNSW graph over the full vectors."""
    return IndexSpec("hnsw", hnsw_m=m, ef_construction=ef_construction, ef_search=ef_search)


def _pq_m(dim: int) -> int:
    # Two dimensions a sub-quantizer: 4-bit codes then rank well enough that the true top 10
    # are nearly always among the MIN_RERANK candidates re-ranked exactly.
    return dim // 2 if dim % 2 == 0 else dim


@contextmanager
def omp_threads(threads: int) -> Iterator[None]:
    """FAISS's OpenMP threads set for a block, then put back (the server runs queries on one)."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(threads)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def build_faiss_index(
    vectors: np.ndarray, spec: IndexSpec, *, threads: int = BUILD_THREADS, seed: int = 0
) -> faiss.Index:
    """The index `spec` names over unit-length `vectors`, trained on a sample if it needs it."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index = faiss.index_factory(vectors.shape[1], spec.factory, faiss.METRIC_INNER_PRODUCT)
    graph = faiss.downcast_index(index)
    if isinstance(graph, faiss.IndexHNSW):
        graph.hnsw.efConstruction = spec.ef_construction
    if not index.is_trained:
        sample = _training_sample(vectors, spec.nlist * TRAIN_PER_LIST, seed)
        ivf = faiss.try_extract_index_ivf(index)
        if ivf is not None:
            with omp_threads(threads):  # k-means over the lists: the long part, worth both cores
                faiss.Clustering(ivf.d, ivf.nlist, ivf.cp).train(sample, ivf.quantizer)
        # The codec's training (and the IVF's, which skips its now trained quantizer) is many
        # tiny k-means on a 4k sample: in parallel they stall for seconds when the cores are
        # shared (a server answering beside the build); alone they take about one.
        with omp_threads(1):
            index.train(sample)
    with omp_threads(threads):
        index.add(vectors)
    configure_for_search(index, spec)
    return index


def _training_sample(vectors: np.ndarray, size: int, seed: int) -> np.ndarray:
    if len(vectors) <= size:
        return vectors
    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), size, replace=False))
    return vectors[rows]


def configure_for_search(index: faiss.Index, spec: IndexSpec) -> None:
    """Set the spec's search parameters on an index (after building it or reading it back).

    Raises ValueError when the index is not of the kind and size the spec names.
    """
    index = faiss.downcast_index(index)
    refined = isinstance(index, faiss.IndexRefineFlat)
    ivf = faiss.try_extract_index_ivf(index)
    if index.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise ValueError(f"the FAISS index does not rank by inner product, as {spec.name} does")
    if spec.kind == "flat" and isinstance(index, faiss.IndexFlat):
        return
    if spec.kind == "hnsw" and isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = spec.ef_search
        return
    if (
        spec.kind.startswith("ivf")
        and ivf is not None
        and ivf.nlist == spec.nlist
        and refined == (spec.kind == "ivf-pqfs")
    ):
        ivf.nprobe = spec.nprobe
        if isinstance(index, faiss.IndexRefineFlat):
            index.k_factor = spec.k_factor
        return
    raise ValueError(f"the FAISS index ({type(index).__name__}) is not a {spec.name} index")


def search(
    index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The `k` nearest vectors of each query as (similarities, ids); ids -1 pad a short answer.

    `allowed` (vector ids) restricts the answer. A filter admitting a share s of the vectors
    leaves about s of each probed list or beam, so the search widens: IVF probes 1/sqrt(s)
    times the lists (the nearest admitted vectors mostly lie in the nearest lists already:
    at 1M, recall@10 0.98 unwidened for a random 10% filter, 0.999 widened, where 1/s would
    cost twice the time for nothing), HNSW a beam 1/s times as wide (its recall falls faster).
    A filter admitting at most 2% is answered exactly from the full vectors when the index
    keeps them: at 1M that costs less than the widened scan.
    """
    k = min(k, index.ntotal)
    if allowed is None:
        return index.search(queries, k, params=_parameters(index, k, None, 1.0))
    selector = _bitmap_selector(allowed, index.ntotal)
    share = len(allowed) / max(index.ntotal, 1)
    exact = _flat_store(index)
    if exact is not None and share <= EXACT_FILTER_SHARE:
        params = faiss.SearchParameters()
        params.sel = selector
        return exact.search(queries, k, params=params)
    return index.search(queries, k, params=_parameters(index, k, selector, share))


def _bitmap_selector(allowed: np.ndarray, ntotal: int) -> faiss.IDSelector:
    # A bitmap costs ~1 ms at 1M vectors; IDSelectorBatch hashes every id (~25 ms for 500k).
    mask = np.zeros(ntotal, dtype=bool)
    mask[np.asarray(allowed, dtype=np.int64)] = True
    bits = np.packbits(mask, bitorder="little")
    # The one-argument form is faiss's Python wrapper, which keeps `bits` alive; the stub
    # knows only the C++ (n, pointer) form.
    return faiss.IDSelectorBitmap(bits)  # type: ignore[call-arg, arg-type]


def _flat_store(index: faiss.Index) -> faiss.Index | None:
    """The exact inner-product index inside `index`, if it keeps the full vectors."""
    index = faiss.downcast_index(index)
    if isinstance(index, faiss.IndexFlat):
        return index
    if isinstance(index, faiss.IndexRefineFlat):
        return faiss.downcast_index(index.refine_index)
    if isinstance(index, faiss.IndexHNSWFlat):
        return faiss.downcast_index(index.storage)
    return None


def _parameters(
    index: faiss.Index, k: int, selector: faiss.IDSelector | None, share: float
) -> faiss.SearchParameters | None:
    """Typed parameters carrying the selector and the index's own settings, widened for the
    share a filter admits (see `search`); None when the index's own settings will do.

    FAISS refuses plain SearchParameters on IVF indexes, and typed ones fall back to their
    own defaults (nprobe 1, efSearch 16) rather than to the index's settings.
    """
    share = max(share, 1.0 / max(index.ntotal, 1))
    index = faiss.downcast_index(index)
    params: faiss.SearchParameters
    if isinstance(index, faiss.IndexRefineFlat):
        # 4-bit codes rank coarsely: re-rank at least MIN_RERANK candidates, whatever k is.
        params = faiss.IndexRefineSearchParameters()
        params.k_factor = max(index.k_factor, MIN_RERANK / max(k, 1))
        params.base_index_params = _parameters(index.base_index, k, selector, share)
    elif selector is None:
        return None
    elif isinstance(index, faiss.IndexHNSW):
        hnsw_params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # not in the stub
        hnsw_params.efSearch = min(math.ceil(index.hnsw.efSearch / share), max(index.ntotal, 1))
        params = hnsw_params
    elif (ivf := faiss.try_extract_index_ivf(index)) is not None:
        params = faiss.SearchParametersIVF()
        params.nprobe = min(ivf.nlist, math.ceil(ivf.nprobe / math.sqrt(share)))
    else:
        params = faiss.SearchParameters()
    params.sel = selector
    return params
