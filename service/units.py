"""Turn parsed documents into units: clean text, stable ids, sections and footnote links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import chain
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
    parse_document,
)
from service.records import SECTION_SEPARATOR, Document, FootnoteRef, Unit, footnote_id
from service.text import MARKER, Span, clean_inline, sentence_spans, superscript_to_int


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
    text, markers = clean_text_and_markers(paragraph.raw_text())
    placed = [(number, offset) for number, offset in markers if number in known]
    key = ".".join(paragraph.section_key)
    return Unit(
        id=f"{document_id}:p:{key + '.' if key else ''}{n}",
        kind="passage",
        document_id=document_id,
        section=SECTION_SEPARATOR.join(paragraph.section) or None,
        section_label=key or None,
        text=text,
        ordinal=0,
        spans=tuple(p.span for p in paragraph.pieces),
        footnotes=tuple(dict.fromkeys(number for number, _ in placed)),  # in order, once each
        pages=paragraph.pages,
        footnote_refs=footnote_refs(text, placed),
    )


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
    return clean_text_and_markers(raw)[0]


def clean_text_and_markers(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """The clean text of `raw` and, for each superscript marker in it, (number, offset): where
    in the clean text the marker sat, after the character it followed and before any space.

    Each marker becomes a placeholder character that the raw text does not hold, so cleaning
    (emphasis, escapes) moves it with its neighbours; folding whitespace then drops it and
    notes where it was.
    """
    numbers = [superscript_to_int(m.group(0)) for m in MARKER.finditer(raw)]
    if not numbers:
        return " ".join(clean_inline(raw).split()), []
    placeholder = _absent_character(raw)
    marked = clean_inline(MARKER.sub(placeholder, raw))
    kept: list[str] = []
    offsets: list[int] = []
    length = 0
    space_pending = False
    for char in marked:
        if char == placeholder:
            offsets.append(length)
        elif char.isspace():
            space_pending = length > 0
        else:
            if space_pending:
                kept.append(" ")
                length += 1
                space_pending = False
            kept.append(char)
            length += 1
    return "".join(kept), list(zip(numbers, offsets, strict=True))


def _absent_character(text: str) -> str:
    """A private-use character that `text` does not contain (PDF text can hold some)."""
    return next(c for c in map(chr, chain(range(0xE000, 0xF900), range(0xF0000, 0x10FFFE))) if c not in text)


def footnote_refs(text: str, markers: list[tuple[int, int]]) -> tuple[FootnoteRef, ...]:
    """Each (number, offset) with the sentence of `text` it closes, as the index splits them."""
    if not markers:
        return ()
    spans = sentence_spans(text) or [(0, len(text))]
    return tuple(FootnoteRef(number, offset, closing_sentence(spans, offset)) for number, offset in markers)


def closing_sentence(spans: list[Span], offset: int) -> Span:
    """The first sentence that ends at `offset` or holds it; a marker in a gap the splitter left
    closes the sentence before it, and one before any text the first sentence."""
    for start, end in spans:
        if start <= offset <= end:
            return (start, end)
    before = [span for span in spans if span[1] <= offset]
    return before[-1] if before else spans[0]


def lexical_text(unit: Unit) -> str:
    """What the unit-level BM25 indexes for `unit`: its section's headings, once each, then its
    text. A heading names what its paragraphs are about ("The Costs of International
    Isolation", "Conclusion") in words the paragraphs may never use, and analysts ask by
    section ("What does the conclusion recommend?"). Only passages carry them: a note sits in
    the section of the passage that first cites it, not under its heading. The sentence-level
    index keeps the bare sentences (docs/retrieval.md, "Ranking")."""
    if unit.kind != "passage" or not unit.section:
        return unit.text
    return f"{unit.section}\n{unit.text}"


def _with_ordinal(unit: Unit, ordinal: int) -> Unit:
    return replace(unit, ordinal=ordinal)
