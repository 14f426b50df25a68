"""Opening the published version: checked for integrity and freshness (service.store.layout),
then read into memory as `IndexFiles` while no build may delete it (service.locks)."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from service.ann import configure_for_search, parse_index_spec
from service.bm25 import load_bm25
from service.catalog import CATALOG_FILE, corpus_hash, load_catalog
from service.embed import settings_fingerprint
from service.errors import IndexCorrupt, IndexStale
from service.locks import reading_versions
from service.parse import PARSER_VERSION
from service.records import Unit
from service.settings import Settings
from service.store.files import IndexFiles, SentenceTable, SentenceTerms
from service.store.layout import (
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
from service.store.lexicon import load_lexicon
from service.store.tokens import load_window_tokens


def open_index(settings: Settings, *, fingerprint: str, dim: int, verified: Path | None = None) -> IndexFiles:
    """The published version in memory, for a model with this fingerprint and dimension;
    a missing, stale or corrupt one is refused with a one-line cause (`verified`: see
    open_published)."""
    # From reading CURRENT until the files are in memory, no build may delete the version.
    with reading_versions(settings.index_dir):
        folder, manifest = open_published(settings, fingerprint, verified=verified)
        if dim != manifest.dim:
            raise IndexCorrupt(f"index vectors have {manifest.dim} dimensions, the model gives {dim}: {FIX}")
        return load_index_files(folder, manifest, bm25_mmap=settings.bm25_mmap)


def open_published(
    settings: Settings, fingerprint: str | None = None, *, verified: Path | None = None
) -> tuple[Path, Manifest]:
    """The published version's folder and manifest, checked for integrity and freshness.

    `verified` names a folder whose checksums this process has checked moments ago (before
    loading the model, say): a published version never changes, so they are not read again
    when `CURRENT` still names it. A version published meanwhile is checked in full.
    """
    folder = current_version_dir(settings.index_dir)
    manifest = read_manifest(folder)
    if folder != verified:
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
    # A plain array over the mapped file: np.memmap's own slicing costs microseconds a slice.
    vectors = np.asarray(np.load(folder / "sentence_vectors.npy", mmap_mode="r"))
    if dense.d != manifest.dim or dense.ntotal != manifest.vectors or len(windows) != manifest.vectors:
        raise IndexCorrupt(
            f"{folder / 'dense.faiss'} holds {dense.ntotal}x{dense.d} vectors, "
            f"the manifest says {manifest.vectors}x{manifest.dim}: {FIX}"
        )
    if len(units) != manifest.units or len(rows) != manifest.sentences or len(vectors) != len(rows):
        raise IndexCorrupt(f"{folder} unit or sentence counts differ from its manifest: {FIX}")
    tokens = load_window_tokens(folder, manifest, len(windows))
    return IndexFiles(
        manifest=manifest,
        units=units,
        documents=read_documents(folder / "documents.json"),
        dense=dense,
        window_units=windows[:, 0].copy(),
        sentences=SentenceTable.from_rows(rows, vectors, len(units)),
        sentence_terms=SentenceTerms.from_texts(units[int(u)].text_at((int(a), int(b))) for u, a, b in rows),
        bm25=load_bm25(folder / "bm25", mmap=bm25_mmap),
        sentence_bm25=load_bm25(folder / "bm25_sentences", mmap=bm25_mmap),
        lexicon=load_lexicon(folder, manifest),
        tokens=tokens,
        window_spans=windows[:, 1:].copy(),
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
