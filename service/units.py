"""Turn parsed documents into units: clean text, stable ids, sections and footnote links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from service.cards import document_card
from service.catalog import load_catalog
from service.errors import BadInput, CorpusError
from service.formats import read_document
from service.parse import (
    Footnote,
    Paragraph,
    ParsedDocument,
    iter_footnote_markers,
    parse_document,
)
from service.records import Document, Unit, footnote_id
from service.text import MARKER, clean_inline

SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class Corpus:
    """Every document of the catalog and every unit, in catalog and reading order."""

    documents: tuple[Document, ...]
    units: tuple[Unit, ...]


def load_corpus(corpus_dir: Path, *, progress: bool = False) -> Corpus:
    """Read the catalog and parse every document into units (`progress`: a bar, for corpora
    of thousands of documents)."""
    documents = load_catalog(corpus_dir)
    units: list[Unit] = []
    for document in tqdm(documents, desc="Parsing", unit="doc", disable=not progress):
        try:
            parsed = read_document(corpus_dir / document.path)
        except BadInput as exc:
            raise CorpusError(f"catalog document {document.id}: {exc}") from exc
        own = parsed_units(document, parsed)
        units.extend(own)
        units.append(document_card(document, ordinal=len(own)))
    return Corpus(tuple(documents), tuple(units))


def document_units(document: Document, raw: str) -> list[Unit]:
    """The units of one document given as text in the shipped shape."""
    return parsed_units(document, parse_document(raw))


def parsed_units(document: Document, parsed: ParsedDocument) -> list[Unit]:
    """The units of one parsed document, passages each followed by the footnotes they first cite."""
    passages = _passages(document.id, parsed)
    citing = _citing_passages(passages)
    footnotes = {n: _footnote_unit(document.id, fn, citing.get(n, [])) for n, fn in parsed.footnotes.items()}
    ordered: list[Unit] = []
    placed: set[int] = set()
    for passage in passages:
        ordered.append(passage)
        for number in passage.footnotes:
            if number not in placed:
                ordered.append(footnotes[number])
                placed.add(number)
    ordered.extend(footnotes[n] for n in sorted(footnotes) if n not in placed)
    return [_with_ordinal(unit, i) for i, unit in enumerate(ordered)]


def _passages(document_id: str, parsed: ParsedDocument) -> list[Unit]:
    per_section: dict[tuple[str, ...], int] = defaultdict(int)
    passages = []
    for paragraph in parsed.paragraphs:
        per_section[paragraph.section_key] += 1
        passages.append(
            _passage_unit(document_id, paragraph, per_section[paragraph.section_key], set(parsed.footnotes))
        )
    return passages


def _passage_unit(document_id: str, paragraph: Paragraph, n: int, known: set[int]) -> Unit:
    raw = paragraph.raw_text()
    cited = _cited_numbers(raw, known)
    key = ".".join(paragraph.section_key)
    return Unit(
        id=f"{document_id}:p:{key + '.' if key else ''}{n}",
        kind="passage",
        document_id=document_id,
        section=SECTION_SEPARATOR.join(paragraph.section) or None,
        section_label=key or None,
        text=clean_unit_text(raw),
        ordinal=0,
        spans=tuple(p.span for p in paragraph.pieces),
        footnotes=cited,
        pages=paragraph.pages,
    )


def _cited_numbers(raw: str, known: set[int]) -> tuple[int, ...]:
    numbers: list[int] = []
    for number, _ in iter_footnote_markers(raw):
        if number in known and number not in numbers:
            numbers.append(number)
    return tuple(numbers)


def _citing_passages(passages: list[Unit]) -> dict[int, list[Unit]]:
    citing: dict[int, list[Unit]] = defaultdict(list)
    for passage in passages:
        for number in passage.footnotes:
            citing[number].append(passage)
    return citing


def _footnote_unit(document_id: str, footnote: Footnote, citing: list[Unit]) -> Unit:
    return Unit(
        id=footnote_id(document_id, footnote.number),
        kind="footnote",
        document_id=document_id,
        section=citing[0].section if citing else None,
        section_label=citing[0].section_label if citing else None,
        text=clean_unit_text(footnote.raw_text()),
        ordinal=0,
        spans=tuple(p.span for p in footnote.pieces),
        number=footnote.number,
        cited_by=tuple(p.id for p in citing),
        pages=footnote.pages,
    )


def clean_unit_text(raw: str) -> str:
    """Markers out, emphasis and escapes out, whitespace of line breaks folded."""
    return " ".join(clean_inline(MARKER.sub("", raw)).split())


def _with_ordinal(unit: Unit, ordinal: int) -> Unit:
    return replace(unit, ordinal=ordinal)
