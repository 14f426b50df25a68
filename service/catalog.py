"""The corpus catalog: `corpus/catalog.toml` lists each document with its metadata.

Reading validates every entry. Writing (`cited add`, `cited remove`) goes through tomlkit,
which keeps every other entry and every comment as they were, and replaces the file
atomically: readers see the old catalog or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import tomllib
from pathlib import Path

import tomlkit

from service.errors import CorpusError
from service.records import Document

CATALOG_FILE = "catalog.toml"
DOCUMENTS_DIR = "documents"
# A document id: lower-case letters, digits and "-", as the catalog and an upload take it.
DOCUMENT_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{0,80}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FIELDS = {"id", "file", "title", "publisher", "series", "author", "date", "url", "kind"}


def load_catalog(corpus_dir: Path) -> list[Document]:
    """Read and validate the catalog; every error names the document and the field."""
    path = corpus_dir / CATALOG_FILE
    if not path.is_file():
        raise CorpusError(f"no catalog at {path}: create it (see corpus/catalog.toml in the repo)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("documents")
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{path}: needs at least one [[documents]] table")
    documents = [_document_from_entry(corpus_dir, entry, n) for n, entry in enumerate(entries, 1)]
    _refuse_duplicate_ids(path, documents)
    return documents


def _document_from_entry(corpus_dir: Path, entry: object, n: int) -> Document:
    if not isinstance(entry, dict):
        raise CorpusError(f"catalog document #{n}: not a table")
    where = f"catalog document #{n} ({entry.get('id', 'no id')})"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise CorpusError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for required in ("id", "file", "title"):
        if not isinstance(entry.get(required), str) or not entry[required].strip():
            raise CorpusError(f"{where}: '{required}' is required")
    if not DOCUMENT_ID.match(entry["id"]):
        raise CorpusError(f"{where}: id must be lower-case letters, digits and '-'")
    if "date" in entry and not _DATE.match(str(entry["date"])):
        raise CorpusError(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD")
    if not (corpus_dir / entry["file"]).resolve().is_relative_to(corpus_dir.resolve()):
        raise CorpusError(f"{where}: file {entry['file']} is outside the corpus folder")
    if not (corpus_dir / entry["file"]).is_file():
        raise CorpusError(f"{where}: file {entry['file']} not found under {corpus_dir}")
    return Document(
        id=entry["id"],
        path=entry["file"],
        title=entry["title"].strip(),
        publisher=entry.get("publisher"),
        series=entry.get("series"),
        author=entry.get("author"),
        date=str(entry["date"]) if "date" in entry else None,
        url=entry.get("url"),
        kind=entry.get("kind", "report"),
    )


def _refuse_duplicate_ids(path: Path, documents: list[Document]) -> None:
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            raise CorpusError(f"{path}: document id {doc.id!r} appears twice")
        seen.add(doc.id)


def read_document_text(corpus_dir: Path, document: Document) -> str:
    """The document's raw text, exactly as stored."""
    try:
        return (corpus_dir / document.path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{document.path}: not UTF-8 text ({exc})") from exc


def corpus_hash(corpus_dir: Path, documents: list[Document]) -> str:
    """A digest of the catalog and every document's bytes: changes when anything changes."""
    digest = hashlib.sha256((corpus_dir / CATALOG_FILE).read_bytes())
    for doc in documents:
        digest.update(doc.id.encode())
        digest.update(hashlib.sha256((corpus_dir / doc.path).read_bytes()).digest())
    return digest.hexdigest()


def catalogued_documents(corpus_dir: Path) -> list[Document]:
    """The catalog's documents; none when there is no catalog or it lists none yet."""
    path = corpus_dir / CATALOG_FILE
    if not path.is_file() or not tomllib.loads(path.read_text(encoding="utf-8")).get("documents"):
        return []
    return load_catalog(corpus_dir)


def uncatalogued_files(corpus_dir: Path, documents: list[Document]) -> list[str]:
    """Files under `documents/` that no catalog entry names (hidden files aside)."""
    folder = corpus_dir / DOCUMENTS_DIR
    if not folder.is_dir():
        return []
    named = {(corpus_dir / d.path).resolve() for d in documents}
    return sorted(
        str(path.relative_to(corpus_dir))
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".") and path.resolve() not in named
    )


_NEW_CATALOG = """\
# The corpus catalog: one [[documents]] table per source document, written by `cited add`.
# Fields: id, file (relative to this folder), title, publisher, series, author, date
# (YYYY-MM-DD or YYYY-MM), url, kind (briefing | report | article | ...).
"""


def add_catalog_entry(corpus_dir: Path, entry: dict[str, str]) -> None:
    """Append one [[documents]] table, keeping everything else as it is."""
    path = corpus_dir / CATALOG_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else _NEW_CATALOG
    catalog = tomlkit.parse(text)
    table = tomlkit.table()
    for key, value in entry.items():
        table[key] = value
    if "documents" not in catalog:
        catalog.append("documents", tomlkit.aot())
    documents = catalog["documents"]
    if len(documents) and not tomlkit.dumps(catalog).endswith("\n\n"):
        documents[-1].add(tomlkit.nl())  # a blank line between tables, as people write them
    documents.append(table)
    write_atomically(path, tomlkit.dumps(catalog))


def remove_catalog_entry(corpus_dir: Path, document_id: str) -> None:
    """Drop the table whose id is `document_id`, keeping everything else as it is."""
    path = corpus_dir / CATALOG_FILE
    catalog = tomlkit.parse(path.read_text(encoding="utf-8"))
    documents = catalog.get("documents", [])
    index = next((i for i, table in enumerate(documents) if table.get("id") == document_id), None)
    if index is None:
        raise CorpusError(f"{path}: no document {document_id!r}")
    del documents[index]
    # The blank line `add_catalog_entry` put before the table stays behind; one newline ends the file.
    write_atomically(path, tomlkit.dumps(catalog).rstrip("\n") + "\n")


def write_atomically(path: Path, text: str) -> None:
    """Write a temporary file beside `path`, flush it to disk, rename it over `path`."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
