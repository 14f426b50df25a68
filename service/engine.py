"""The engine: the loaded index plus the model, answering questions.

Every front door (HTTP API, Slack, CLI, evaluation) calls `Engine.ask`; none holds
retrieval logic of its own.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from service.ann import configure_for_search, parse_index_spec
from service.answer import Sources, compose
from service.bm25 import load_bm25, tokenize
from service.calibration import Calibration, load_calibration
from service.catalog import CATALOG_FILE, corpus_hash, load_catalog
from service.context import UnitContext, unit_context
from service.embed import Embedder, load_embedder, settings_fingerprint
from service.errors import BadInput, IndexCorrupt, IndexStale, NotFound, quote
from service.evidence import CorpusScope, feature_rows
from service.locks import reading_versions
from service.parse import PARSER_VERSION
from service.records import UNIT_KINDS, Answer, Document, Filters, Unit
from service.references import is_reference
from service.retrieve import (
    MODES,
    Mode,
    Ranked,
    dense_evidence,
    fuse,
    lexical_scores,
    maxsim,
    nearest_windows,
    rerank,
    top_admitted,
)
from service.sentences import SentenceTable
from service.settings import Settings
from service.store import (
    FIX,
    Manifest,
    check_fresh,
    check_rerank_vectors,
    current_version_dir,
    read_documents,
    read_manifest,
    read_units,
    verify_checksums,
)
from service.window_tokens import WindowTokens, load_window_tokens


@dataclass(frozen=True)
class IndexFiles:
    """The arrays of one index version, as loaded from disk."""

    manifest: Manifest
    units: list[Unit]
    documents: list[Document]
    dense: faiss.Index
    window_units: np.ndarray
    sentences: SentenceTable
    sentence_terms: list[frozenset[str]]
    bm25: Any
    sentence_bm25: Any
    tokens: WindowTokens | None = None  # window word-piece vectors, compressed

    def unit_tokens(self, unit: int) -> np.ndarray:
        """The word-piece vectors of all of a unit's windows (windows are stored unit by unit),
        decoded to float32."""
        assert self.tokens is not None
        first, last = np.searchsorted(self.window_units, [unit, unit + 1])
        return self.tokens.windows(int(first), int(last))


class Engine:
    """Answers questions from one loaded index version. Safe to share between threads."""

    def __init__(
        self, files: IndexFiles, embedder: Embedder, settings: Settings, calibration: Calibration | None = None
    ) -> None:
        self.files = files
        self.embedder = embedder
        self.settings = settings
        self.calibration = calibration or load_calibration()
        self._abstain_below = (
            self.calibration.abstain_below if settings.abstain_probability is None else settings.abstain_probability
        )
        self.version = files.manifest.version
        self.documents: dict[str, Document] = {d.id: d for d in files.documents}
        self._units = files.units
        self._by_id = {u.id: i for i, u in enumerate(files.units)}
        self._kind = np.array([u.kind for u in files.units])
        self._document = np.array([u.document_id for u in files.units])
        reference = np.array(
            [
                is_reference(files.units[int(u)].text[int(a) : int(b)])
                for u, (a, b) in zip(files.sentences.unit_of, files.sentences.spans, strict=True)
            ],
            dtype=bool,
        )
        self._sources = Sources(
            files.units,
            self.documents,
            self._by_id,
            files.sentences,
            {i: set(t) for i, t in enumerate(files.sentence_terms)},
            reference,
            _all_of_unit(reference, files.sentences, len(files.units)),
        )
        self._scope = CorpusScope(files.bm25.vocab_dict, files.documents, lambda unit: self._units[unit].text)

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id, or NotFound."""
        return self._units[self._position(unit_id)]

    def context(self, unit_id: str) -> UnitContext:
        """The unit with this id in its place: neighbouring passages, the notes it cites
        (service.context); NotFound for an unknown id."""
        return unit_context(self._units, self._position(unit_id), self.documents, self._by_id)

    def _position(self, unit_id: str) -> int:
        try:
            return self._by_id[unit_id]
        except KeyError:
            raise NotFound(f"no unit {quote(unit_id)}") from None

    def all_units(self) -> list[Unit]:
        """Every unit, in catalog and reading order."""
        return list(self._units)

    @property
    def history_turns(self) -> int:
        """How many earlier questions a follow-up is read with (service.chat picks them)."""
        return self.settings.history_turns

    def ask(
        self,
        question: str,
        *,
        top_k: int = 5,
        filters: Filters | None = None,
        history: Sequence[str] = (),
        mode: Mode = "hybrid",
    ) -> Answer:
        """Ranked units for `question`, with highlights and a verbatim answer, or an abstention.

        `history` holds the earlier questions to read with this one, oldest first, as
        service.chat.retrieval_history picks them, so that "Who led it?" finds what "it" was.
        """
        timings: dict[str, float] = {}
        query, vector, ranked = self._retrieve(question, history, filters, mode, timings)
        clock = time.perf_counter()
        chances = self._chances(question, query, ranked, top_k)
        answer = self._calibrated(
            compose(question, query, vector, ranked, top_k, self._sources, self.settings), chances
        )
        timings["answer"] = time.perf_counter() - clock
        return Answer(answer.question, answer.abstained, answer.sentences, answer.results, self.version, timings)

    def evidence(
        self, question: str, *, history: Sequence[str] = (), depth: int = 10, mode: Mode = "hybrid"
    ) -> tuple[list[Unit], np.ndarray]:
        """The first `depth` ranked units and their evidence rows (service.evidence.FEATURES),
        whatever the calibration would make of them: what `cited eval --calibrate` fits on."""
        query, _, ranked = self._retrieve(question, history, None, mode, {})
        head = ranked.units[:depth]
        return [self._units[int(u)] for u in head], self._evidence_rows(question, query, ranked, depth)

    def _retrieve(
        self,
        question: str,
        history: Sequence[str],
        filters: Filters | None,
        mode: Mode,
        timings: dict[str, float],
    ) -> tuple[str, np.ndarray, Ranked]:
        """The query read (history and question), its vector, and the ranked candidates."""
        if mode not in MODES:
            raise BadInput(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        admitted = self._admitted(filters)
        clock = time.perf_counter()
        earlier = " ".join(history)
        query = " ".join([earlier, question]).strip()
        vector, tokens = self.embedder.encode_query_with_tokens(query)
        # A follow-up is also read on its own (service.retrieve, dense_evidence).
        alone, alone_tokens = (
            self.embedder.encode_query_with_tokens(question) if earlier and mode != "bm25" else (None, None)
        )
        timings["encode"] = time.perf_counter() - clock
        clock = time.perf_counter()
        ranked = self._rank(vector, alone, question, earlier, admitted, mode, timings)
        if mode == "hybrid":
            started = time.perf_counter()
            ranked = self._rerank(ranked, tokens, alone_tokens)
            timings["rerank"] = time.perf_counter() - started
        timings["search"] = time.perf_counter() - clock
        return query, vector, ranked

    def _evidence_rows(self, question: str, query: str, ranked: Ranked, depth: int) -> np.ndarray:
        units = ranked.units[:depth]
        return feature_rows(
            self._scope.question(question),
            ranked.dense[:depth],
            self._scope.coverage(query, units),
            ranked.scores[: depth + 1],
        )

    def _chances(self, question: str, query: str, ranked: Ranked, depth: int) -> list[float]:
        """The probability that the unit at each of the first `depth` ranks answers, best first
        (service.calibration; fitted on the fused order)."""
        return self.calibration.probabilities(self._evidence_rows(question, query, ranked, depth)).tolist()

    def _calibrated(self, answer: Answer, chances: list[float]) -> Answer:
        """The answer with each result scored by the probability fitted for its rank, or an
        abstention when the first is below the cut: too weak, or about what the corpus never
        names. By rank, not by unit: composing may move a reference entry below the passage
        that answers, and the first result is then the one the first rank's evidence backs."""
        if answer.abstained:
            return answer
        scored = [
            replace(result, hit=replace(result.hit, score=chances[position] if position < len(chances) else 0.0))
            for position, result in enumerate(answer.results)
        ]
        if not scored or scored[0].hit.score < self._abstain_below:
            return Answer(answer.question, True, (), ())
        return replace(answer, results=tuple(scored))

    def _admitted(self, filters: Filters | None) -> np.ndarray:
        admitted = np.ones(len(self._units), dtype=bool)
        if filters is None:
            return admitted
        if filters.documents is not None:
            unknown = sorted(set(filters.documents) - set(self.documents))
            if unknown:
                raise BadInput(f"unknown document id(s) in filters: {', '.join(unknown)}")
            admitted &= np.isin(self._document, list(filters.documents))
        if filters.kinds is not None:
            unknown = sorted(set(filters.kinds) - set(UNIT_KINDS))
            if unknown:
                raise BadInput(f"unknown kind(s) in filters: {', '.join(unknown)}")
            admitted &= np.isin(self._kind, list(filters.kinds))
        return admitted

    def _rank(
        self,
        vector: np.ndarray,
        alone: np.ndarray | None,
        question: str,
        history: str,
        admitted: np.ndarray,
        mode: Mode,
        timings: dict[str, float],
    ) -> Ranked:
        """Candidates from both sides (dense: the question in context, and alone for a
        follow-up), ranked by `mode`; `timings` gets the FAISS, BM25 and fusion seconds."""
        files = self.files
        started = time.perf_counter()
        depth = self.settings.candidates
        allowed = None if admitted.all() else np.flatnonzero(admitted[files.window_units]).astype(np.int64)
        dense_side = mode != "bm25"
        windows = nearest_windows(files.dense, files.window_units, vector, depth * 2, allowed) if dense_side else {}
        alone_windows = {}
        if dense_side and alone is not None:
            alone_windows = nearest_windows(files.dense, files.window_units, alone, depth * 2, allowed)
        timings["faiss"] = time.perf_counter() - started
        lexical = lexical_scores(files.bm25, files.sentence_bm25, files.sentences, question, history)
        timings["bm25"] = time.perf_counter() - started - timings["faiss"]
        pool = set(windows) | set(alone_windows)
        if mode != "dense":
            pool.update(int(i) for i in top_admitted(lexical, admitted, depth))
        candidates = np.fromiter(sorted(u for u in pool if admitted[u]), dtype=np.int64)
        cosine = self._best_cosines(candidates, windows, vector)
        alone_cosine = None if alone is None else self._best_cosines(candidates, alone_windows, alone)
        ranked = fuse(
            candidates,
            cosine,
            lexical[candidates],
            mode=mode,
            dense_weight=self.settings.dense_weight,
            alone=alone_cosine,
        )
        timings["fusion"] = time.perf_counter() - started - timings["faiss"] - timings["bm25"]
        return ranked

    def _rerank(self, ranked: Ranked, tokens: np.ndarray, alone_tokens: np.ndarray | None) -> Ranked:
        """Late interaction over the fused head (service.retrieve); a follow-up's MaxSim, like
        its cosine, is the mean of the in-context and the alone readings."""
        depth = min(self.settings.rerank_depth, len(ranked.units))
        if depth < 2 or self.files.tokens is None:
            return ranked
        head = [self.files.unit_tokens(int(u)) for u in ranked.units[:depth]]
        late = maxsim(tokens, head)
        if alone_tokens is not None:
            late = dense_evidence(late, maxsim(alone_tokens, head))
        return rerank(ranked, late, weight=self.settings.rerank_weight)

    def _best_cosines(self, candidates: np.ndarray, windows: dict[int, float], vector: np.ndarray) -> np.ndarray:
        """Each candidate's best window-or-sentence cosine to `vector` (-1 when it has neither)."""
        return np.maximum(
            np.array([windows.get(int(u), -1.0) for u in candidates], dtype=np.float32),
            self.files.sentences.best_cosine(candidates, vector[0]),
        )


def _all_of_unit(flags: np.ndarray, sentences: SentenceTable, n_units: int) -> np.ndarray:
    """Per unit, whether it has sentences and every one of them is flagged."""
    unflagged = np.zeros(n_units, dtype=bool)
    np.logical_or.at(unflagged, sentences.unit_of, ~flags)
    counts = np.diff(sentences.first)
    return (counts > 0) & ~unflagged


def open_published(settings: Settings, fingerprint: str | None = None) -> tuple[Path, Manifest]:
    """The published version's folder and manifest, checked for integrity and freshness."""
    folder = current_version_dir(settings.index_dir)
    manifest = read_manifest(folder)
    verify_checksums(folder, manifest)
    check_fresh(
        manifest,
        corpus_hash=_corpus_hash_if_present(settings.corpus_dir),
        parser_version=PARSER_VERSION,
        model_fingerprint=fingerprint or settings_fingerprint(settings),
    )
    check_rerank_vectors(manifest, settings.rerank_depth)
    return folder, manifest


def load_published_units(settings: Settings) -> list[Unit]:
    """The units of the published index, without loading the model."""
    with reading_versions(settings.index_dir):
        folder, _ = open_published(settings)
        return read_units(folder / "units.jsonl")


def load_engine(settings: Settings, embedder: Embedder | None = None) -> Engine:
    """Load the published index, refusing a missing, stale or corrupt one with a one-line cause."""
    if embedder is None:
        open_published(settings)  # a bad index is refused before the model takes seconds to load
        embedder = load_embedder(settings)
    # From reading CURRENT until the files are in memory, no build may delete the version.
    with reading_versions(settings.index_dir):
        folder, manifest = open_published(settings, embedder.fingerprint)
        if embedder.dim != manifest.dim:
            raise IndexCorrupt(f"index vectors have {manifest.dim} dimensions, the model gives {embedder.dim}: {FIX}")
        faiss.omp_set_num_threads(1)  # request threads already use the cores
        files = load_index_files(folder, manifest, bm25_mmap=settings.bm25_mmap)
    return Engine(files, embedder, settings)


def _corpus_hash_if_present(corpus_dir: Path) -> str | None:
    # A deployment may ship the index without the corpus; then there is nothing to compare.
    if not (corpus_dir / CATALOG_FILE).is_file():
        return None
    return corpus_hash(corpus_dir, load_catalog(corpus_dir))


def load_index_files(folder: Path, manifest: Manifest, *, bm25_mmap: bool = True) -> IndexFiles:
    """Read one version's files and check their shapes against the manifest."""
    try:
        dense = faiss.read_index(str(folder / "dense.faiss"))
    except RuntimeError as exc:
        raise IndexCorrupt(f"{folder / 'dense.faiss'} cannot be read by faiss: {FIX}") from exc
    configure_dense(dense, manifest.index_type, folder)
    units = read_units(folder / "units.jsonl")
    windows = np.load(folder / "windows.npy")
    rows = np.load(folder / "sentences.npy")
    vectors = np.load(folder / "sentence_vectors.npy")
    if dense.d != manifest.dim or dense.ntotal != manifest.vectors or len(windows) != manifest.vectors:
        raise IndexCorrupt(
            f"{folder / 'dense.faiss'} holds {dense.ntotal}x{dense.d} vectors, "
            f"the manifest says {manifest.vectors}x{manifest.dim}: {FIX}"
        )
    if len(units) != manifest.units or len(rows) != manifest.sentences or len(vectors) != len(rows):
        raise IndexCorrupt(f"{folder} unit or sentence counts differ from its manifest: {FIX}")
    texts = [units[int(u)].text[int(a) : int(b)] for u, a, b in rows]
    tokens = load_window_tokens(folder, manifest, len(windows))
    return IndexFiles(
        manifest=manifest,
        units=units,
        documents=read_documents(folder / "documents.json"),
        dense=dense,
        window_units=windows[:, 0].copy(),
        sentences=SentenceTable.from_rows(rows, vectors, len(units)),
        sentence_terms=[frozenset(t) for t in tokenize(texts)],
        bm25=load_bm25(folder / "bm25", mmap=bm25_mmap),
        sentence_bm25=load_bm25(folder / "bm25_sentences", mmap=bm25_mmap),
        tokens=tokens,
    )


def configure_dense(dense: faiss.Index, index_type: str, folder: Path) -> None:
    """Set the search parameters the manifest's index type names (the file does not keep all)."""
    try:
        spec = parse_index_spec(index_type)
    except ValueError as exc:
        raise IndexStale(f"{folder} holds a {index_type!r} index, which this version does not read: {FIX}") from exc
    try:
        configure_for_search(dense, spec)
    except ValueError as exc:
        raise IndexCorrupt(f"{folder / 'dense.faiss'} does not match its manifest ({exc}): {FIX}") from exc
