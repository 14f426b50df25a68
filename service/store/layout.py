"""Where an index version lives and what it says about itself: the `CURRENT` pointer, the
manifest, the units and documents files, and the integrity and freshness checks loading runs
(the map: service.store)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from tqdm import tqdm

from service.errors import IndexCorrupt, IndexMissing, IndexStale
from service.records import Document, FootnoteRef, Unit

# 3: window token vectors for re-ranking; 4: compressed (service.token_codec); 5: the unit BM25
# also indexes each passage's section headings (service.units.lexical_text); 6: the everyday-word
# lexicon's words and vectors (service.store.lexicon), encoded at build instead of at every load;
# 7: BM25 terms fold British and American spellings before stemming (service.bm25.fold_spelling);
# 8: a passage's heading question ("Why does it matter?") is left out of both BM25 indexes
# (service.build._heading_questions); 9: British -ence folded to -ense ("defence" -> "defense",
# service.bm25.fold_spelling)
FORMAT_VERSION = 9
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
    token_codec: str = ""  # how they are compressed (service.token_codec); older formats lack it
    token_codec_trained: int = 0  # vectors the codec was trained on (0: fp16, nothing to train)
    terms_digest: str = ""  # the units' BM25 terms (service.bm25.terms_digest); older versions lack it

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """The manifest in `text`; ValueError naming the first field that is missing or of
        the wrong type (a hand-edited or damaged manifest must not fail later, deep inside)."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("the manifest is not a JSON object")
        unknown = sorted(set(data) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r}")
        for field in fields(cls):
            if field.name in data:
                _check_field(field.name, str(field.type), data[field.name])
            elif field.name not in _OPTIONAL:  # older formats lack them
                raise ValueError(f"field {field.name!r} is missing")
        return cls(**data)


_OPTIONAL = ("tokens", "token_codec", "token_codec_trained", "terms_digest")


def _check_field(name: str, kind: str, value: Any) -> None:
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        wanted = "a whole number >= 0"
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        wanted = "a number"
    elif kind == "str":
        ok, wanted = isinstance(value, str), "a string"
    else:  # files: relative path -> sha256
        ok = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        wanted = "an object of strings"
    if not ok:
        raise ValueError(f"field {name!r} must be {wanted}, not {json.dumps(value)[:40]}")


def versions_dir(index_dir: Path) -> Path:
    return index_dir / VERSIONS


def read_pointer(index_dir: Path) -> str | None:
    """The version `CURRENT` names, None when there is no `CURRENT`, or IndexCorrupt when it
    holds something other than a version name (binary garbage, a path)."""
    pointer = index_dir / CURRENT
    try:
        raw = pointer.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexCorrupt(f"{pointer} cannot be read ({exc.strerror}): {FIX}") from exc
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise IndexCorrupt(f"{pointer} is not a version name (not UTF-8 text): {FIX}") from None
    if not name or "/" in name or "\\" in name or name.startswith(".") or not name.isprintable():
        raise IndexCorrupt(f"{pointer} is not a version name ({name[:40]!r}): {FIX}")
    return name


def current_version_dir(index_dir: Path) -> Path:
    """The published version's folder, or IndexMissing with the fix."""
    name = read_pointer(index_dir)
    if name is None:
        raise IndexMissing(f"no index in {index_dir}: {FIX}")
    folder = versions_dir(index_dir) / name
    if not (folder / MANIFEST).is_file():
        raise IndexCorrupt(f"{index_dir / CURRENT} names version {name!r}, which has no manifest: {FIX}")
    return folder


def read_manifest(folder: Path) -> Manifest:
    try:
        return Manifest.from_json((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorrupt(f"{folder / MANIFEST} is unreadable ({exc}): {FIX}") from exc


def sha256_file(path: Path, advance: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            if advance is not None:
                advance(len(chunk))
    return digest.hexdigest()


def checksum_files(folder: Path, *, progress: bool = False) -> dict[str, str]:
    """sha256 of every file under `folder` except the manifest (`progress`: a bar over the
    bytes, since at 100k units this reads about a gigabyte)."""
    paths = [p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST]
    with bytes_bar("Checksums", paths, progress) as bar:
        return {str(p.relative_to(folder)): sha256_file(p, bar.update) for p in paths}


def bytes_bar(label: str, paths: list[Path], progress: bool) -> tqdm:
    """A progress bar over the bytes of `paths` (publishing: checksums, then syncing)."""
    total = sum(p.stat().st_size for p in paths)
    return tqdm(total=total, desc=label, unit="B", unit_scale=True, unit_divisor=1024, disable=not progress)


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


def check_rerank_vectors(manifest: Manifest, rerank_depth: int) -> None:
    """Refuse an index without word-piece vectors when re-ranking is on: serving it would
    turn re-ranking off without a word (`cited build` makes them)."""
    if rerank_depth > 0 and manifest.tokens == 0:
        raise IndexStale(
            f"index {manifest.version} has no re-ranking vectors (tokens: 0) but "
            f"CITED_RERANK_DEPTH is {rerank_depth}: {FIX}, or set CITED_RERANK_DEPTH=0"
        )


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
            for key in ("footnotes", "cited_by", "pages"):
                data[key] = tuple(data.get(key, ()))
            data["footnote_refs"] = tuple(
                FootnoteRef(r["number"], r["offset"], (r["sentence"][0], r["sentence"][1]))
                for r in data.get("footnote_refs", ())
            )
            units.append(Unit(**data))
    return units


def write_documents(path: Path, documents: list[Document]) -> None:
    path.write_text(json.dumps([asdict(d) for d in documents], ensure_ascii=False, indent=1), encoding="utf-8")


def read_documents(path: Path) -> list[Document]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [Document(**d) for d in data]
