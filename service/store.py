"""The index on disk: layout, manifest, atomic publish, and loading with integrity checks.

    index/
      CURRENT                  name of the published version (replaced atomically)
      versions/<version>/      manifest.json, units.jsonl, documents.json, windows.npy,
                               sentences.npy, sentence_vectors.npy, dense.faiss, bm25/,
                               bm25_sentences/
      versions/.tmp-<pid>-*    a build in progress (removed when its process is gone)
      cache/                   embeddings by model and text hash, reused across builds

A version directory is never modified after publication; publishing writes `CURRENT.tmp`,
fsyncs it and renames it over `CURRENT`, so readers see the old version or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from service.errors import IndexCorrupt, IndexMissing, IndexStale
from service.records import Document, Unit

FORMAT_VERSION = 3  # 3: window token vectors for re-ranking
CURRENT = "CURRENT"
VERSIONS = "versions"
MANIFEST = "manifest.json"
TMP_PREFIX = ".tmp-"
FIX = "run `cited build` (or `make run`, which builds when needed)"


@dataclass(frozen=True)
class Manifest:
    """What an index version says about itself; loading refuses any mismatch."""

    format_version: int
    version: str
    parser_version: str
    corpus_hash: str
    model_path: str
    model_fingerprint: str
    dim: int
    window_tokens: int
    index_type: str
    units: int
    documents: int
    vectors: int
    sentences: int
    built_at: str
    build_seconds: float
    files: dict[str, str]  # relative path -> sha256
    tokens: int = 0  # window token vectors stored for re-ranking (0: none; older formats lack it)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        return cls(**json.loads(text))


def versions_dir(index_dir: Path) -> Path:
    return index_dir / VERSIONS


def current_version_dir(index_dir: Path) -> Path:
    """The published version's folder, or IndexMissing with the fix."""
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        raise IndexMissing(f"no index in {index_dir}: {FIX}")
    name = pointer.read_text(encoding="utf-8").strip()
    folder = versions_dir(index_dir) / name
    if not name or not (folder / MANIFEST).is_file():
        raise IndexCorrupt(f"{pointer} names version {name!r}, which has no manifest: {FIX}")
    return folder


def read_manifest(folder: Path) -> Manifest:
    try:
        return Manifest.from_json((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorrupt(f"{folder / MANIFEST} is unreadable ({exc}): {FIX}") from exc


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_files(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` except the manifest."""
    return {
        str(p.relative_to(folder)): sha256_file(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def verify_checksums(folder: Path, manifest: Manifest) -> None:
    """Every file the manifest lists exists with the same sha256 (faiss files carry none)."""
    for name, expected in manifest.files.items():
        path = folder / name
        if not path.is_file():
            raise IndexCorrupt(f"index file {path} is missing: {FIX}")
        if sha256_file(path) != expected:
            raise IndexCorrupt(f"index file {path} fails its checksum (damaged or edited): {FIX}")


def check_fresh(manifest: Manifest, *, corpus_hash: str | None, parser_version: str, model_fingerprint: str) -> None:
    """Refuse an index built from another corpus, parser or model, saying which."""
    if manifest.format_version != FORMAT_VERSION:
        raise IndexStale(f"index format {manifest.format_version}, this version reads {FORMAT_VERSION}: {FIX}")
    if manifest.parser_version != parser_version:
        raise IndexStale(f"index built by parser {manifest.parser_version}, current is {parser_version}: {FIX}")
    if manifest.model_fingerprint != model_fingerprint:
        raise IndexStale(
            f"index built with model {manifest.model_fingerprint} ({manifest.model_path}), "
            f"configured model is {model_fingerprint}: {FIX}"
        )
    if corpus_hash is not None and manifest.corpus_hash != corpus_hash:
        raise IndexStale(f"the corpus changed since the index was built: {FIX}")


def write_units(path: Path, units: list[Unit]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for unit in units:
            handle.write(json.dumps(asdict(unit), ensure_ascii=False) + "\n")


def read_units(path: Path) -> list[Unit]:
    units = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            data["spans"] = tuple(tuple(s) for s in data["spans"])
            for key in ("footnotes", "cited_by"):
                data[key] = tuple(data[key])
            units.append(Unit(**data))
    return units


def write_documents(path: Path, documents: list[Document]) -> None:
    path.write_text(json.dumps([asdict(d) for d in documents], ensure_ascii=False, indent=1), encoding="utf-8")


def read_documents(path: Path) -> list[Document]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [Document(**d) for d in data]


def new_build_dir(index_dir: Path, version: str) -> Path:
    """A fresh folder for a build in progress, named after this process."""
    folder = versions_dir(index_dir) / f"{TMP_PREFIX}{os.getpid()}-{version}"
    folder.mkdir(parents=True)
    return folder


def remove_abandoned_builds(index_dir: Path) -> list[Path]:
    """Delete build folders whose process is gone (a killed build); return what was removed."""
    removed: list[Path] = []
    root = versions_dir(index_dir)
    if not root.is_dir():
        return removed
    for folder in root.glob(f"{TMP_PREFIX}*"):
        pid = folder.name[len(TMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or not _process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def publish(index_dir: Path, build_dir: Path, version: str) -> Path:
    """Make a finished build the current version, atomically, and drop older versions."""
    _fsync_tree(build_dir)
    final = versions_dir(index_dir) / version
    os.replace(build_dir, final)
    _fsync_dir(final.parent)
    pointer_tmp = index_dir / f"{CURRENT}.tmp"
    with pointer_tmp.open("w", encoding="utf-8") as handle:
        handle.write(version + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    _drop_old_versions(index_dir, keep={version})
    return final


def _drop_old_versions(index_dir: Path, keep: set[str]) -> None:
    # A running server holds its version in memory, so older folders can go.
    for folder in versions_dir(index_dir).iterdir():
        if folder.is_dir() and folder.name not in keep and not folder.name.startswith(TMP_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
