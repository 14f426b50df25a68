"""The engine: the loaded index plus the model, answering questions.

Every front door (HTTP API, Slack, CLI, evaluation) calls `Engine.ask`; none holds
retrieval logic of its own.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from service.ann import configure_for_search, parse_index_spec
from service.answer import (
    ScoredSentence,
    SentenceTable,
    citation,
    pick_highlights,
    score_sentences,
)
from service.answer_type import AnswerType, expected_type, states
from service.bm25 import bm25_scores, load_bm25, tokenize
from service.catalog import CATALOG_FILE, corpus_hash, load_catalog
from service.embed import Embedder, load_embedder, settings_fingerprint
from service.errors import BadInput, IndexCorrupt, IndexStale, NotFound, quote
from service.locks import reading_versions
from service.parse import PARSER_VERSION
from service.records import (
    UNIT_KINDS,
    Answer,
    AnswerSentence,
    Document,
    Filters,
    Hit,
    Result,
    Unit,
)
from service.retrieve import (
    HISTORY_SHARE,
    MODES,
    SENTENCE_SHARE,
    Mode,
    Ranked,
    dense_evidence,
    fuse,
    maxsim,
    minmax,
    nearest_windows,
    rerank,
    top_admitted,
)
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

LEXICAL_WEIGHT = 0.25  # share of query-term overlap in a sentence's highlight score
HIGHLIGHT_MARGIN = 0.08
MAX_HIGHLIGHTS = 2
ANSWER_SENTENCES = 3
ANSWER_MARGIN = 0.12  # answer sentences score within this of the best one
TOKENS_IN_MEMORY_MAX_BYTES = 512 * 1024 * 1024  # past this, token vectors stay on disk (mmap)


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
    tokens: np.ndarray | None = None  # window word-piece vectors, float16, memory-mapped
    token_offsets: np.ndarray | None = None  # window w's tokens: tokens[offsets[w]:offsets[w + 1]]

    def unit_tokens(self, unit: int) -> np.ndarray:
        """The word-piece vectors of all of a unit's windows (windows are stored unit by unit):
        a view, float32 in memory or float16 on the memory map."""
        assert self.tokens is not None and self.token_offsets is not None
        first, last = np.searchsorted(self.window_units, [unit, unit + 1])
        return self.tokens[self.token_offsets[first]:self.token_offsets[last]]


class Engine:
    """Answers questions from one loaded index version. Safe to share between threads."""

    def __init__(self, files: IndexFiles, embedder: Embedder, settings: Settings) -> None:
        self.files = files
        self.embedder = embedder
        self.settings = settings
        self.version = files.manifest.version
        self.documents: dict[str, Document] = {d.id: d for d in files.documents}
        self._units = files.units
        self._by_id = {u.id: i for i, u in enumerate(files.units)}
        self._kind = np.array([u.kind for u in files.units])
        self._document = np.array([u.document_id for u in files.units])
        self._sentence_terms = {i: set(t) for i, t in enumerate(files.sentence_terms)}

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id, or NotFound."""
        try:
            return self._units[self._by_id[unit_id]]
        except KeyError:
            raise NotFound(f"no unit {quote(unit_id)}") from None

    def all_units(self) -> list[Unit]:
        """Every unit, in catalog and reading order."""
        return list(self._units)

    def ask(
        self, question: str, *, top_k: int = 5, filters: Filters | None = None,
        history: Sequence[str] = (), mode: Mode = "hybrid",
    ) -> Answer:
        """Ranked units for `question`, with highlights and a verbatim answer, or an abstention.

        `history` holds the conversation's earlier questions, oldest first: the last few
        are read with the question so that "Who led it?" finds what "it" was.
        """
        if mode not in MODES:
            raise BadInput(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        admitted = self._admitted(filters)
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        earlier = self._earlier(history)
        query = " ".join([earlier, question]).strip()
        vector, tokens = self.embedder.encode_query_with_tokens(query)
        # A follow-up is also read on its own (service.retrieve, dense_evidence).
        alone, alone_tokens = (self.embedder.encode_query_with_tokens(question) if earlier and mode != "bm25"
                               else (None, None))
        timings["encode"] = time.perf_counter() - clock
        clock = time.perf_counter()
        ranked = self._rank(vector, alone, question, earlier, admitted, mode)
        if mode == "hybrid":
            ranked = self._rerank(ranked, tokens, alone_tokens)
        timings["search"] = time.perf_counter() - clock
        clock = time.perf_counter()
        answer = self._answer(question, query, vector, ranked, top_k)
        timings["answer"] = time.perf_counter() - clock
        return Answer(answer.question, answer.abstained, answer.sentences, answer.results, self.version, timings)

    def _earlier(self, history: Sequence[str]) -> str:
        """The last few earlier questions of the conversation, as one text."""
        turns = list(history)[-self.settings.history_turns:] if self.settings.history_turns else []
        return " ".join(turns)

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
        self, vector: np.ndarray, alone: np.ndarray | None, question: str, history: str,
        admitted: np.ndarray, mode: Mode,
    ) -> Ranked:
        """Candidates from both sides (dense: the question in context, and alone for a
        follow-up), ranked by `mode`."""
        files = self.files
        depth = self.settings.candidates
        allowed = None if admitted.all() else np.flatnonzero(admitted[files.window_units]).astype(np.int64)
        dense_side = mode != "bm25"
        windows = nearest_windows(files.dense, files.window_units, vector, depth * 2, allowed) if dense_side else {}
        alone_windows = {}
        if dense_side and alone is not None:
            alone_windows = nearest_windows(files.dense, files.window_units, alone, depth * 2, allowed)
        lexical = self._lexical_scores(question, history)
        pool = set(windows) | set(alone_windows)
        if mode != "dense":
            pool.update(int(i) for i in top_admitted(lexical, admitted, depth))
        candidates = np.fromiter(sorted(u for u in pool if admitted[u]), dtype=np.int64)
        cosine = self._best_cosines(candidates, windows, vector)
        alone_cosine = None if alone is None else self._best_cosines(candidates, alone_windows, alone)
        return fuse(candidates, cosine, lexical[candidates], mode=mode,
                    dense_weight=self.settings.dense_weight, alone=alone_cosine)

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

    def _lexical_scores(self, question: str, history: str) -> np.ndarray:
        """BM25 of every unit: the whole unit plus its best sentence, the question plus history."""
        files = self.files
        n = len(self._units)
        whole = bm25_scores(files.bm25, question, n)
        best_sentence = files.sentences.best_of_units(bm25_scores(files.sentence_bm25, question, len(files.sentences)))
        if history:
            whole = whole + HISTORY_SHARE * bm25_scores(files.bm25, history, n)
            per_sentence = bm25_scores(files.sentence_bm25, history, len(files.sentences))
            best_sentence = best_sentence + HISTORY_SHARE * files.sentences.best_of_units(per_sentence)
        return minmax(whole) + SENTENCE_SHARE * minmax(best_sentence)

    def _answer(self, question: str, query: str, vector: np.ndarray, ranked: Ranked, top_k: int) -> Answer:
        if ranked.best_dense < self.settings.abstain_threshold or len(ranked.units) == 0:
            return Answer(question, True, (), ())
        terms = set(tokenize([query])[0])
        wanted = expected_type(question)
        results: list[Result] = []
        candidates: list[tuple[ScoredSentence, Unit]] = []
        for rank in range(1, min(top_k, len(ranked.units)) + 1):
            index, score = int(ranked.units[rank - 1]), float(ranked.scores[rank - 1])
            unit = self._units[index]
            scored = score_sentences(self.files.sentences, index, vector, terms, self._sentence_terms, LEXICAL_WEIGHT)
            chosen = pick_highlights(scored, HIGHLIGHT_MARGIN, MAX_HIGHLIGHTS)
            results.append(self._result(rank, unit, score, ranked, rank - 1, chosen))
            if rank <= ANSWER_SENTENCES and chosen:
                candidates.extend((sentence, unit) for sentence in _offered(rank, chosen, unit, wanted, question))
        if wanted is not None and ranked.best_dense < self.settings.answer_type_cosine:
            # A date or quantity question that the top result's highlights do not answer
            # in kind (service.answer_type); strong evidence is left to answer in words.
            top = results[0]
            if not any(states(wanted, top.hit.unit.text[start:end], question) for start, end in top.highlights):
                return Answer(question, True, (), ())
        return Answer(question, False, self._answer_sentences(candidates), tuple(results))

    def _answer_sentences(self, candidates: list[tuple[ScoredSentence, Unit]]) -> tuple[AnswerSentence, ...]:
        """Up to ANSWER_SENTENCES sentences in rank order: the top result's best sentence
        always leads (the fused, re-ranked order judges which unit answers better than one
        sentence's score), the others follow when close to the best of them all: a weak
        sentence is left out rather than padded in."""
        if not candidates:
            return ()
        best = max(sentence.score for sentence, _ in candidates)
        floor = max(self.settings.abstain_threshold, best - ANSWER_MARGIN)
        answer: list[AnswerSentence] = []
        for position, (sentence, unit) in enumerate(candidates):
            text = unit.text[sentence.start:sentence.end]
            if (position == 0 or sentence.score >= floor) and all(a.text != text for a in answer):
                answer.append(AnswerSentence(text, unit.id))
        return tuple(answer[:ANSWER_SENTENCES])

    def _result(
        self, rank: int, unit: Unit, score: float, ranked: Ranked, position: int, chosen: list[ScoredSentence]
    ) -> Result:
        dense = float(ranked.dense[position])
        hit = Hit(unit, score, dense if dense > -1 else None, float(ranked.lexical[position]) or None)
        document = self.documents[unit.document_id]
        cited = tuple(self.unit(f"{unit.document_id}:fn:{n}") for n in unit.footnotes)
        return Result(rank, hit, document, tuple((s.start, s.end) for s in chosen), citation(document, unit), cited)


def _offered(
    rank: int, chosen: list[ScoredSentence], unit: Unit, wanted: AnswerType | None, question: str
) -> list[ScoredSentence]:
    """The sentences a result offers the answer: the top result every highlighted one, the
    others their best. For a date or quantity question the top result's sentences that state
    one go first (answer extraction: the question restates one sentence, the value it asks
    for is often in the next)."""
    best_first = sorted(chosen, key=lambda sentence: -sentence.score)
    if rank > 1:
        return best_first[:1]
    if wanted is None:
        return best_first
    return sorted(best_first, key=lambda sentence: not states(wanted, unit.text[sentence.start:sentence.end], question))


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
        files = load_index_files(folder, manifest)
    return Engine(files, embedder, settings)


def _corpus_hash_if_present(corpus_dir: Path) -> str | None:
    # A deployment may ship the index without the corpus; then there is nothing to compare.
    if not (corpus_dir / CATALOG_FILE).is_file():
        return None
    return corpus_hash(corpus_dir, load_catalog(corpus_dir))


def load_index_files(folder: Path, manifest: Manifest) -> IndexFiles:
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
        raise IndexCorrupt(f"{folder / 'dense.faiss'} holds {dense.ntotal}x{dense.d} vectors, "
                           f"the manifest says {manifest.vectors}x{manifest.dim}: {FIX}")
    if len(units) != manifest.units or len(rows) != manifest.sentences or len(vectors) != len(rows):
        raise IndexCorrupt(f"{folder} unit or sentence counts differ from its manifest: {FIX}")
    texts = [units[int(u)].text[int(a):int(b)] for u, a, b in rows]
    tokens, offsets = _load_tokens(folder, manifest, len(windows))
    return IndexFiles(
        manifest=manifest,
        units=units,
        documents=read_documents(folder / "documents.json"),
        dense=dense,
        window_units=windows[:, 0].copy(),
        sentences=SentenceTable.from_rows(rows, vectors, len(units)),
        sentence_terms=[frozenset(t) for t in tokenize(texts)],
        bm25=load_bm25(folder / "bm25"),
        sentence_bm25=load_bm25(folder / "bm25_sentences"),
        tokens=tokens,
        token_offsets=offsets,
    )


def _load_tokens(folder: Path, manifest: Manifest, windows: int) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The window token vectors, if built: in memory as float32 while they are small (numpy
    widens float16 slowly, ~0.7 ms a question), else memory-mapped as stored (a question
    reads only its head's units)."""
    if not manifest.tokens:
        return None, None
    tokens = np.load(folder / "tokens.npy", mmap_mode="r")
    if tokens.size * 4 <= TOKENS_IN_MEMORY_MAX_BYTES:
        tokens = np.asarray(tokens, dtype=np.float32)
    offsets = np.load(folder / "token_offsets.npy")
    if len(tokens) != manifest.tokens or len(offsets) != windows + 1 or int(offsets[-1]) != len(tokens):
        raise IndexCorrupt(f"{folder / 'tokens.npy'} does not match its manifest: {FIX}")
    return tokens, offsets


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
