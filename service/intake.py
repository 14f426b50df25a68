"""The checks a file passes before it may join the corpus, and its parse within limits.

Format-independent checks run here: empty file, size (`CITED_MAX_DOCUMENT_BYTES`), content
already in the corpus (by SHA-256). The file is then read, by the format readers of
`service.formats`, in a child process: a PDF's page count is checked against
`CITED_MAX_DOCUMENT_PAGES` before anything else is parsed, and the child is killed past
`CITED_PARSE_TIMEOUT_SECONDS`. So a PDF bomb costs at most that much time, and never the
memory of the process that asked (the API server, in an upload).
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from service.errors import BadInput, CitedError, Conflict
from service.formats import Format, detect_format, read_document
from service.formats.metadata import FoundMetadata, find_metadata
from service.parse import ParsedDocument
from service.settings import Settings

OCR_HINT = "no text layer: run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
DOCX_HINT = "convert it to PDF first, e.g. `libreoffice --headless --convert-to pdf FILE.docx`"
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "html": (".html", ".htm", ".xhtml"),
    "docx": (".docx",),
    "text": (".txt", ".md", ".markdown", ".text"),
}
_EMPTY: dict[str, str] = {
    "pdf": "no text found in the PDF",
    "html": "no article text found in the page: save the article itself, not an index or search page",
    "text": "no paragraphs found in the text",
    "docx": "no text found in the Word document",
}


@dataclass(frozen=True)
class Intake:
    """A file that passed every check, read and parsed."""

    path: Path
    format: Format
    sha256: str
    size: int
    pages: int | None  # PDF only
    parsed: ParsedDocument
    metadata: FoundMetadata
    warnings: tuple[str, ...]

    @property
    def suffix(self) -> str:
        """The extension the stored copy gets: the file's own when it fits its content."""
        own = self.path.suffix.lower()
        return own if own in _SUFFIXES[self.format] else _SUFFIXES[self.format][0]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def take_in(path: Path, settings: Settings) -> Intake:
    """Check and parse `path`; BadInput (one line, naming the file) when it cannot join the corpus."""
    try:
        return _take_in(path, settings)
    except BadInput as exc:
        message = str(exc)
        raise type(exc)(message if message.startswith(path.name) else f"{path.name}: {message}") from exc


def _take_in(path: Path, settings: Settings) -> Intake:
    if not path.is_file():
        raise BadInput("no such file")
    size = path.stat().st_size
    if size == 0:
        raise BadInput("the file is empty (0 bytes)")
    if size > settings.max_document_bytes:
        raise BadInput(
            f"{_human(size)}, over the limit of {_human(settings.max_document_bytes)} (CITED_MAX_DOCUMENT_BYTES)"
        )
    parsed, metadata, fmt, pages = _read_in_child(path, settings)
    if not parsed.paragraphs:
        raise BadInput(_EMPTY.get(fmt, "no text found"))
    warnings = []
    if path.suffix and path.suffix.lower() not in _SUFFIXES[fmt]:
        warnings.append(f"the name says {path.suffix} but the content is {fmt}: read as {fmt}")
    return Intake(path, fmt, sha256_of(path), size, pages, parsed, metadata, tuple(warnings))


def _human(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} kB"


def duplicate_of(intake: Intake, corpus_files: Iterable[Path]) -> Path | None:
    """The first of `corpus_files` with the same bytes as the file taken in, if any."""
    for existing in corpus_files:
        if existing.is_file() and existing.stat().st_size == intake.size and sha256_of(existing) == intake.sha256:
            return existing
    return None


def refuse_duplicates(intake: Intake, corpus_files: Iterable[Path]) -> None:
    """Conflict when a file with the same bytes is already in the corpus."""
    existing = duplicate_of(intake, corpus_files)
    if existing is not None:
        raise Conflict(f"{intake.path.name}: the same file is already in the corpus as {existing.name}")


def _read_in_child(path: Path, settings: Settings) -> tuple[ParsedDocument, FoundMetadata, Format, int | None]:
    """`read_file` in a spawned child, killed past the time limit; its errors re-raised here."""
    context = multiprocessing.get_context("spawn")  # fork would copy a server's threads and model
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, str(path), settings.max_document_pages), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(settings.parse_timeout_seconds):
            raise BadInput(
                f"reading took longer than {settings.parse_timeout_seconds:g} s "
                "(CITED_PARSE_TIMEOUT_SECONDS): the file may be a decompression bomb"
            )
        try:
            status, payload = receiver.recv()
        except EOFError:
            child.join(5)
            raise BadInput(
                f"the reader crashed (exit code {child.exitcode}): the file may be damaged or hostile"
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if status == "error":
        error_class, message = payload
        raise (Conflict if error_class == "Conflict" else BadInput)(message)
    return payload  # type: ignore[no-any-return]


def _child_main(sender: object, path: str, max_pages: int) -> None:
    try:
        result: tuple[str, object] = ("ok", read_file(Path(path), max_pages))
    except CitedError as exc:
        result = ("error", (type(exc).__name__, str(exc)))
    except Exception as exc:  # a reader failing on a broken file is a broken file, not a crash
        result = ("error", ("BadInput", f"the file looks damaged or truncated ({type(exc).__name__}: {exc})"[:300]))
    sender.send(result)  # type: ignore[attr-defined]


def read_file(path: Path, max_pages: int) -> tuple[ParsedDocument, FoundMetadata, Format, int | None]:
    """Detect the format, check a PDF's pages and text layer, parse, and find the metadata."""
    data = path.read_bytes()
    fmt = detect_format(data, path.suffix)
    pages = _check_pdf(path, max_pages) if fmt == "pdf" else None
    try:
        parsed = read_document(path)
    except BadInput as exc:
        # Say how to convert a Word file, unless the reader already did.
        if fmt == "docx" and "convert" not in str(exc):
            raise BadInput(f"{exc}: {DOCX_HINT}") from exc
        raise
    return parsed, find_metadata(data, fmt), fmt, pages


def _check_pdf(path: Path, max_pages: int) -> int:
    """The page count; BadInput for an encrypted, broken, oversized or image-only PDF."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise BadInput(
                "the PDF is encrypted: save a copy without a password first, "
                "e.g. `qpdf --decrypt --password=… in.pdf out.pdf`"
            ) from exc
        raise BadInput(f"the PDF is damaged or truncated ({exc})") from exc
    try:
        pages = len(pdf)
        if pages == 0:
            raise BadInput("the PDF has no pages")
        if pages > max_pages:
            raise BadInput(f"{pages} pages, over the limit of {max_pages} (CITED_MAX_DOCUMENT_PAGES)")
        if not any(_has_text(pdf[i]) for i in range(pages)):
            raise BadInput(OCR_HINT)
        return pages
    finally:
        pdf.close()


def _has_text(page: object) -> bool:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        return bool(textpage.get_text_range().strip())
    finally:
        textpage.close()
