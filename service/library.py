"""The corpus as a library: add a document file, remove one, inspect a file.

Adding runs in two steps so that a batch changes nothing unless every file is good: `prepare`
checks and parses each file (service.intake) and settles its catalog entry; `commit` copies
the files into `corpus/documents/` and writes the catalog. `Addition.undo` puts the corpus
back as it was (an upload whose build fails).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from service.catalog import (
    CATALOG_FILE,
    DOCUMENT_ID,
    DOCUMENTS_DIR,
    add_catalog_entry,
    catalogued_documents,
    remove_catalog_entry,
    write_atomically,
)
from service.errors import BadInput, Conflict, CorpusError, NotFound
from service.formats.metadata import FoundMetadata, iso_date
from service.intake import Intake, duplicate_of, refuse_duplicates, take_in
from service.parse_report import ParseReport, parse_report
from service.records import Document
from service.settings import Settings

_MAX_ID_CHARS = 60
# One change to the corpus at a time in this process (uploads run on worker threads).
corpus_lock = threading.Lock()


@dataclass(frozen=True)
class Overrides:
    """Catalog fields given on the command line or in the upload form; they beat what the file says."""

    id: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    series: str | None = None
    url: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A checked file and the catalog entry it will get."""

    intake: Intake
    document: Document
    report: ParseReport


@dataclass
class Addition:
    """Documents just added, and how to take them out again."""

    documents: list[Prepared]
    catalog_before: str | None  # the catalog's text before, None when there was none
    corpus_dir: Path
    copied: list[Path] = field(default_factory=list)

    def undo(self) -> None:
        """Delete the copied files and restore the catalog exactly as it was."""
        catalog = self.corpus_dir / CATALOG_FILE
        if self.catalog_before is None:
            catalog.unlink(missing_ok=True)
        else:
            write_atomically(catalog, self.catalog_before)
        for path in self.copied:
            path.unlink(missing_ok=True)


def inspect_file(path: Path, settings: Settings) -> Prepared:
    """Check and parse `path` as `cited add` would, without touching the corpus."""
    intake = take_in(path, settings)
    existing = duplicate_of(intake, _others_in_corpus(settings.corpus_dir, path))
    if existing is not None:
        warning = f"the same file is already in the corpus as {existing.name}"
        intake = replace(intake, warnings=(*intake.warnings, warning))
    document = _document_for(intake, Overrides(), taken=set(), file_names=set())
    return Prepared(intake, document, parse_report(intake, document))


def _others_in_corpus(corpus_dir: Path, path: Path) -> list[Path]:
    """The files of `documents/`, but `path` itself (a file there without a catalog entry is adopted)."""
    folder = corpus_dir / DOCUMENTS_DIR
    return [p for p in sorted(folder.iterdir()) if p.resolve() != path.resolve()] if folder.is_dir() else []


def prepare(paths: list[Path], settings: Settings, overrides: Overrides = Overrides()) -> list[Prepared]:
    """Check, parse and settle the catalog entry of each file; BadInput before anything changes."""
    if len(paths) > 1 and (overrides.id or overrides.title or overrides.url):
        raise BadInput("--id, --title and --url describe one document: add the files one at a time")
    corpus_dir = settings.corpus_dir
    documents = catalogued_documents(corpus_dir)
    taken = {d.id for d in documents}
    folder = corpus_dir / DOCUMENTS_DIR
    file_names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    prepared: list[Prepared] = []
    for path in paths:
        intake = take_in(path, settings)
        refuse_duplicates(intake, [*_others_in_corpus(corpus_dir, path), *(p.intake.path for p in prepared)])
        document = _document_for(intake, overrides, taken, file_names)
        taken.add(document.id)
        file_names.add(Path(document.path).name)
        prepared.append(Prepared(intake, document, parse_report(intake, document)))
    return prepared


def commit(prepared: list[Prepared], settings: Settings) -> Addition:
    """Copy the files into the corpus and write their catalog entries (all, or none)."""
    corpus_dir = settings.corpus_dir
    catalog = corpus_dir / CATALOG_FILE
    addition = Addition(prepared, catalog.read_text(encoding="utf-8") if catalog.is_file() else None, corpus_dir)
    (corpus_dir / DOCUMENTS_DIR).mkdir(parents=True, exist_ok=True)
    try:
        for item in prepared:
            target = corpus_dir / item.document.path
            temporary = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(item.intake.path, temporary)
            os.replace(temporary, target)
            addition.copied.append(target)
            add_catalog_entry(corpus_dir, _entry(item.document))
    except BaseException:
        addition.undo()
        raise
    folder = (corpus_dir / DOCUMENTS_DIR).resolve()
    for item in prepared:  # an adopted file now lives under its catalog name
        source = item.intake.path.resolve()
        if source.parent == folder and source != (corpus_dir / item.document.path).resolve():
            source.unlink(missing_ok=True)
    return addition


def add_documents(paths: list[Path], settings: Settings, overrides: Overrides = Overrides()) -> Addition:
    """`cited add`: prepare every file, then commit them together."""
    with corpus_lock:
        return commit(prepare(paths, settings, overrides), settings)


def remove_document(document_id: str, settings: Settings) -> Document:
    """`cited remove`: drop the catalog entry, then the file; refuses ids and files it does not own."""
    corpus_dir = settings.corpus_dir
    with corpus_lock:
        documents = catalogued_documents(corpus_dir)
        document = next((d for d in documents if d.id == document_id), None)
        if document is None:
            raise NotFound(f"no document {document_id!r} in {corpus_dir / CATALOG_FILE}")
        path = (corpus_dir / document.path).resolve()
        if not path.is_relative_to(corpus_dir.resolve()):
            raise CorpusError(f"{document.path} is outside the corpus folder {corpus_dir}: not removing it")
        if len(documents) == 1:
            raise BadInput(f"{document_id} is the only document: the corpus needs at least one")
        remove_catalog_entry(corpus_dir, document_id)
        path.unlink(missing_ok=True)
    return document


def _document_for(intake: Intake, overrides: Overrides, taken: set[str], file_names: set[str]) -> Document:
    found = intake.metadata
    # The catalog fields a file can state are the overrides' fields of the same names.
    given = FoundMetadata(**{f.name: getattr(overrides, f.name) for f in fields(FoundMetadata)})
    merged = given.or_else(found)
    title = merged.title or intake.path.stem.replace("_", " ").replace("-", " ").strip() or intake.path.name
    if overrides.date and iso_date(overrides.date) != overrides.date:
        raise BadInput(f"--date {overrides.date!r}: write it as YYYY, YYYY-MM or YYYY-MM-DD")
    if overrides.id is not None:
        document_id = _checked_id(overrides.id, taken)
    else:
        document_id = _unique(
            _slug(title) or _slug(intake.path.stem) or "document",
            lambda c: c in taken or f"{c}{intake.suffix}" in file_names,
        )
    return Document(
        id=document_id,
        path=f"{DOCUMENTS_DIR}/{document_id}{intake.suffix}",
        kind=overrides.kind or "report",
        **asdict(replace(merged, title=title)),
    )


def _checked_id(document_id: str, taken: set[str]) -> str:
    if not DOCUMENT_ID.match(document_id):
        raise BadInput(f"--id {document_id!r}: use lower-case letters, digits and '-' (at most 81)")
    if document_id in taken:
        raise Conflict(f"--id {document_id!r} is already in the catalog: choose another, or `cited remove` it first")
    return document_id


def _slug(text: str) -> str:
    """'Pakistan: Shoring Up Afghanistan's Peace Process' -> 'pakistan-shoring-up-afghanistans-peace-process'."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")
    while len(words) > _MAX_ID_CHARS and "-" in words:
        words = words.rsplit("-", 1)[0]
    return words[:_MAX_ID_CHARS].strip("-")


def _unique(base: str, is_taken: Callable[[str], bool]) -> str:
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _entry(document: Document) -> dict[str, str]:
    """The catalog table of a document: its fields in the catalog's usual order, unset ones left out."""
    names = ("id", "path", "title", "publisher", "series", "author", "date", "url", "kind")
    values = {f.name: getattr(document, f.name) for f in fields(document)}
    return {("file" if n == "path" else n): values[n] for n in names if values[n] is not None}
