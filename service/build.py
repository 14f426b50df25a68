"""`cited build`: corpus -> units -> embeddings -> FAISS + BM25 (+ the everyday-word lexicon's
vectors: service.store.lexicon), published atomically."""

from __future__ import annotations

import logging
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import faiss
import numpy as np
from tqdm import tqdm

from service.ann import build_faiss_index, choose_index_spec
from service.bm25 import build_bm25, save_bm25, terms_digest, terms_of
from service.catalog import corpus_hash, uncatalogued_files
from service.embed import Embedder, Window, load_embedder, plan_windows, settings_fingerprint
from service.embed_cache import EmbeddingCache
from service.errors import IndexError_
from service.locks import build_lock
from service.offtopic import lexicon_words
from service.parse import PARSER_VERSION
from service.question_words import ASKING_TERMS, QUESTION_TERMS
from service.records import Unit
from service.sentence_cache import load_sentence_memo, save_sentence_memo
from service.settings import Settings
from service.spelling import corpus_speller
from service.store import (
    FORMAT_VERSION,
    MANIFEST,
    SPANS,
    Manifest,
    SentenceTable,
    checksum_files,
    current_version_dir,
    new_build_dir,
    publish,
    read_manifest,
    remove_abandoned_builds,
    write_documents,
    write_lexicon,
    write_units,
)
from service.text import remembering_sentences, sentence_spans
from service.truecase import corpus_truecaser
from service.units import Corpus, lexical_text, load_corpus
from service.window_tokens import TokenReport, write_window_tokens

if TYPE_CHECKING:
    import bm25s

log = logging.getLogger(__name__)
Say = Callable[[str], None]


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    up_to_date: bool
    version: str
    folder: Path
    units: int
    vectors: int
    embedded: int  # texts embedded now
    reused: int  # texts whose embedding came from the cache
    index_type: str
    seconds: float
    # Wall seconds per stage (parse, model, windows, word pieces, bm25, lexicon, embed, faiss,
    # publish): where a large build spends its time (benchmarks/pipeline.py).
    stages: dict[str, float] = field(default_factory=dict)
    # The process's peak memory (MB) by the end of each stage, same keys: the stage where it
    # rises is the one that sets a large build's peak (docs/scale.md, "Build memory").
    peak_mb: dict[str, int] = field(default_factory=dict)


@dataclass
class _Stages:
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = round(self.seconds.get(name, 0.0) + seconds, 3)
        self.peak_mb[name] = peak_rss_mb()


def peak_rss_mb() -> int:
    """This process's peak resident memory so far, in MB. The kernel's high-water mark of this
    program (VmHWM) where there is one: `ru_maxrss` also keeps the peak of the process it was
    forked from, so a build started by a large parent would report the parent's memory."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # kB on Linux


@contextmanager
def _stage(stages: _Stages, name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        stages.add(name, time.perf_counter() - started)


def build_index(
    settings: Settings,
    *,
    force: bool = False,
    progress: bool = True,
    embedder: Embedder | None = None,
    say: Say = log.info,
    wait: bool = True,
) -> BuildReport:
    """Build the index from `settings.corpus_dir` unless the published one is up to date.

    One build at a time per index folder: a second one waits for the first (or, with
    `wait=False`, raises IndexBusy), then sees its result (service.locks)."""
    index_dir = settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(index_dir, wait=wait, say=say):
        return _build_locked(settings, force, progress, embedder, say)


def _build_locked(settings: Settings, force: bool, progress: bool, embedder: Embedder | None, say: Say) -> BuildReport:
    # Each text is split into sentences once per build, and only new text at all (service.sentence_cache).
    cache_dir = settings.index_dir / "cache"
    memo = load_sentence_memo(cache_dir)
    with remembering_sentences(memo):
        report = _build_version(settings, force, progress, embedder, say)
    if not report.up_to_date:
        try:
            save_sentence_memo(cache_dir, memo)
        except OSError as exc:  # the version is published; the next build only splits again
            say(f"warning: the sentence cache was not saved ({exc})")
    return report


def _build_version(settings: Settings, force: bool, progress: bool, embedder: Embedder | None, say: Say) -> BuildReport:
    started = time.perf_counter()
    stages = _Stages()
    index_dir = settings.index_dir
    for folder in remove_abandoned_builds(index_dir, lock_held=True):
        say(f"removed an abandoned build: {folder}")
    with _stage(stages, "parse"):
        corpus = load_corpus(settings.corpus_dir, progress=progress)
    for name in uncatalogued_files(settings.corpus_dir, list(corpus.documents)):
        say(
            f"warning: {name} has no catalog entry and is not indexed: `cited add {settings.corpus_dir / name}` adds it"
        )
    chash = corpus_hash(settings.corpus_dir, list(corpus.documents))
    fingerprint = embedder.fingerprint if embedder else settings_fingerprint(settings)
    digest = terms_digest([lexical_text(u) for u in corpus.units])
    current = _current_manifest(index_dir)
    if current and not force and _matches(current, settings, chash, fingerprint, digest):
        return BuildReport(
            True,
            current.version,
            index_dir,
            current.units,
            current.vectors,
            0,
            0,
            current.index_type,
            time.perf_counter() - started,
        )
    with _stage(stages, "model"):  # loading, and on a cold cache exporting, the model
        embedder = embedder or load_embedder(settings)
    version = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{chash[:8]}"
    build_dir = new_build_dir(index_dir, version)
    say(f"building index {version}: {len(corpus.units)} units from {len(corpus.documents)} documents")
    previous = _reusable(index_dir, current, fingerprint)
    stats = _write_version(build_dir, corpus, embedder, settings, progress, previous, stages)
    publishing = time.perf_counter()
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        version=version,
        parser_version=PARSER_VERSION,
        corpus_hash=chash,
        model_path=settings.resolved_model_path,
        model_fingerprint=fingerprint,
        dim=embedder.dim,
        window_tokens=settings.window_tokens,
        index_type=stats.index_type,
        units=len(corpus.units),
        documents=len(corpus.documents),
        vectors=stats.vectors,
        sentences=stats.sentences,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 3),
        files=checksum_files(build_dir, progress=progress),
        tokens=stats.tokens,
        token_codec=stats.token_codec,
        token_codec_trained=stats.token_codec_trained,
        terms_digest=digest,
    )
    (build_dir / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    folder = publish(index_dir, build_dir, version, progress=progress)
    stages.add("publish", time.perf_counter() - publishing)
    return BuildReport(
        False,
        version,
        folder,
        len(corpus.units),
        stats.vectors,
        stats.embedded,
        stats.reused,
        stats.index_type,
        time.perf_counter() - started,
        stages.seconds,
        stages.peak_mb,
    )


def _current_manifest(index_dir: Path) -> Manifest | None:
    try:
        return read_manifest(current_version_dir(index_dir))
    except IndexError_:
        return None


def _reusable(index_dir: Path, current: Manifest | None, fingerprint: str) -> Path | None:
    """The published version, when its word-piece vectors come from the same model and backend."""
    if current is None or not current.tokens or current.model_fingerprint != fingerprint:
        return None
    return current_version_dir(index_dir)


def _matches(manifest: Manifest, settings: Settings, chash: str, fingerprint: str, digest: str) -> bool:
    return (
        manifest.format_version == FORMAT_VERSION
        and manifest.parser_version == PARSER_VERSION
        # The tokenizer is code, not data: its terms are compared, not its version number.
        and manifest.terms_digest == digest
        and manifest.corpus_hash == chash
        and manifest.model_fingerprint == fingerprint
        and manifest.window_tokens == settings.window_tokens
        and (manifest.tokens > 0) == (settings.rerank_depth > 0)
        # A version built before the pieces' spans were stored still serves (the engine then
        # tokenizes per question); a build replaces it, copying its codes (service.window_tokens).
        and (manifest.tokens == 0 or SPANS in manifest.files)
        and manifest.index_type == choose_index_spec(manifest.vectors, settings.exact_index_max, manifest.dim).name
    )


@dataclass(frozen=True)
class _Stats:
    vectors: int
    sentences: int
    embedded: int
    reused: int
    index_type: str
    tokens: int
    token_codec: str
    token_codec_trained: int


def _write_version(
    folder: Path,
    corpus: Corpus,
    embedder: Embedder,
    settings: Settings,
    progress: bool,
    previous: Path | None,
    stages: _Stages,
) -> _Stats:
    units = list(corpus.units)
    texts = [u.text for u in units]
    with _stage(stages, "windows"):
        with tqdm(total=len(texts), desc="Windows", unit="unit", disable=not progress) as bar:
            windows = plan_windows(embedder, texts, settings.window_tokens, advance=bar.update)
        sentences = _sentences(texts, progress)
    window_texts = [texts[w.unit_index][w.start : w.end] for w in windows]
    sentence_texts = [texts[i][a:b] for i, a, b in sentences]
    cache = EmbeddingCache(settings.index_dir / "cache", embedder.fingerprint)
    tokens = TokenReport(0, 0, "", 0)
    if settings.rerank_depth:
        # First, so that its one pass of the model over each new window also leaves the pooled
        # vector in the cache: `embed` then runs the model over new sentences only.
        with _stage(stages, "word pieces"):
            tokens = write_window_tokens(
                folder,
                embedder,
                window_texts,
                batch_size=settings.embed_batch_size,
                previous=previous,
                progress=progress,
                keep_pooled=cache.add,
            )
    with _stage(stages, "bm25"):
        heads = _heading_questions(units, sentences)
        unit_bm25 = build_bm25(
            [lexical_text(_without_head(u, heads.get(i))) for i, u in enumerate(units)], progress=progress
        )
        save_bm25(unit_bm25, folder / "bm25")
        lexical_sentences = [
            "" if heads.get(i) == b else text for (i, _, b), text in zip(sentences, sentence_texts, strict=True)
        ]
        save_bm25(build_bm25(lexical_sentences, progress=progress), folder / "bm25_sentences")
    with _stage(stages, "lexicon"):  # the word lists; their vectors come with the others' below
        written, unwritten = _lexicon_words(units, sentences, unit_bm25, embedder)
    with _stage(stages, "embed"):
        # One call for every text, so that the cache keeps all of this build's vectors (it drops
        # those of texts a build no longer asks for) and each text is embedded once, ever.
        vectors, embedded, reused = cache.embed(
            embedder, window_texts + sentence_texts + written + unwritten, settings.embed_batch_size, progress
        )
    embedded += cache.added  # new windows pooled by the word-pieces stage's pass
    reused = len(vectors) - embedded
    window_vectors, sentence_vectors = vectors[: len(windows)], vectors[len(windows) : len(windows) + len(sentences)]
    spec = choose_index_spec(len(windows), settings.exact_index_max, embedder.dim)
    with _stage(stages, "faiss"):
        faiss.write_index(build_faiss_index(window_vectors, spec, progress=progress), str(folder / "dense.faiss"))
    np.save(folder / "windows.npy", _window_array(windows))
    np.save(folder / "sentences.npy", _sentence_array(sentences))
    np.save(folder / "sentence_vectors.npy", sentence_vectors.astype(np.float16))
    write_lexicon(folder, written, unwritten, vectors[len(windows) + len(sentences) :])
    with _stage(stages, "publish"):  # with the manifest's checksums, fsyncs and rename after
        write_units(folder / "units.jsonl", units)
        write_documents(folder / "documents.json", list(corpus.documents))
    return _Stats(
        len(windows), len(sentences), embedded, reused, spec.name, tokens.tokens, tokens.codec, tokens.trained
    )


# At most this many terms of its own (not how a question asks) make a paragraph's opening
# question a heading: "Why does it matter?", "What's new?", "What should be done?".
HEADING_QUESTION_TERMS = 1


def _heading_questions(units: list[Unit], sentences: list[tuple[int, int, int]]) -> dict[int, int]:
    """Where each passage that opens with a heading question ends that question (unit index to
    offset). A summary's paragraphs may open with a question that asks nothing of its own
    ("Why does it matter?" of the whole document) and that the paragraph answers; indexed, its
    "why" and "does" are as rare as names across a corpus and win "Why does …?" questions for
    that paragraph whatever they ask about (docs/retrieval.md, "A paragraph's heading question").
    A question naming what it asks ("Why did Pakistan back the Taliban?", an FAQ's) is indexed
    as written."""
    heads: dict[int, int] = {}
    count = [0] * len(units)
    for i, _, _ in sentences:
        count[i] += 1
    for i, a, b in sentences:
        unit = units[i]
        if unit.kind != "passage" or count[i] < 2 or unit.text[:a].strip():  # its opening sentence only
            continue
        opening = unit.text[a:b].strip()
        if opening.endswith("?") and len(terms_of(opening) - ASKING_TERMS - QUESTION_TERMS) <= HEADING_QUESTION_TERMS:
            heads[i] = b
    return heads


def _without_head(unit: Unit, end: int | None) -> Unit:
    """`unit` as its BM25 reads it: without its heading question (`end` where it ends), if any."""
    return unit if end is None else replace(unit, text=unit.text[end:].lstrip())


def _sentences(texts: list[str], progress: bool) -> list[tuple[int, int, int]]:
    """(unit, start, end) of every sentence; pysbd takes a few ms a unit (minutes at 100k)."""
    units = tqdm(texts, desc="Sentences", unit="unit", disable=not progress)
    return [(i, a, b) for i, text in enumerate(units) for a, b in sentence_spans(text)]


def _sentence_array(sentences: list[tuple[int, int, int]]) -> np.ndarray:
    return np.asarray(sentences, dtype=np.int64).reshape(-1, 3)


def _lexicon_words(
    units: list[Unit], sentences: list[tuple[int, int, int]], bm25: bm25s.BM25, embedder: Embedder
) -> tuple[list[str], list[str]]:
    """The everyday-word lexicon's two lists (service.offtopic.lexicon_words), read from the
    corpus as a load would read it from this version: its truecaser over the units' sentences,
    the model's word list, the unit BM25's terms (service.spelling.corpus_speller)."""
    rows = _sentence_array(sentences)
    table = SentenceTable.from_rows(rows, np.zeros((len(rows), 0), dtype=np.float32), len(units))  # spans only
    return lexicon_words(corpus_speller(corpus_truecaser(units, table), embedder, bm25))


def _window_array(windows: list[Window]) -> np.ndarray:
    return np.asarray([(w.unit_index, w.start, w.end) for w in windows], dtype=np.int64).reshape(-1, 3)
