"""Ingestion of the real corpus: every footnote once and complete, clean passages, full
coverage of the source text, and footnote links. Expectations are computed from the raw
files, not typed in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.catalog import load_catalog, read_document_text
from service.parse import parse_document, split_blocks
from service.records import Unit
from service.text import MARKER, SUPERSCRIPT_DIGITS, clean_inline, normalise, sentence_spans, superscript_to_int
from service.units import Corpus, load_corpus
from tests.conftest import CORPUS

FOOTNOTE_START = re.compile(f"^([{SUPERSCRIPT_DIGITS}]+)\\s")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


def raw_texts() -> dict[str, str]:
    return {d.id: read_document_text(CORPUS, d) for d in load_catalog(CORPUS)}


def units_of(corpus: Corpus, document_id: str, kind: str) -> list[Unit]:
    return [u for u in corpus.units if u.document_id == document_id and u.kind == kind]


def footnote_numbers_in_raw(raw: str) -> list[int]:
    return [superscript_to_int(m.group(1)) for m in map(FOOTNOTE_START.match, raw.split("\n")) if m]


def test_every_footnote_of_each_document_exactly_once(corpus: Corpus) -> None:
    for document_id, raw in raw_texts().items():
        expected = footnote_numbers_in_raw(raw)
        got = [u.number for u in units_of(corpus, document_id, "footnote")]
        assert sorted(got) == sorted(expected)
        assert len(set(got)) == len(got)
    briefing = [d for d in raw_texts() if footnote_numbers_in_raw(raw_texts()[d])]
    assert briefing and sorted(footnote_numbers_in_raw(raw_texts()[briefing[0]])) == list(range(1, 94))


def test_footnotes_cut_by_a_page_break_are_complete(corpus: Corpus) -> None:
    """A footnote whose block ends mid-sentence as the last of its page's footer carries on."""
    for document_id, raw in raw_texts().items():
        lines = [line for line in raw.split("\n") if line.strip()]
        for i, line in enumerate(lines[:-1]):
            start = FOOTNOTE_START.match(line)
            next_is_footnote = FOOTNOTE_START.match(lines[i + 1]) is not None
            if not start or next_is_footnote or re.search(r"[.\"”)]$", line.rstrip()):
                continue
            number = superscript_to_int(start.group(1))
            unit = next(u for u in units_of(corpus, document_id, "footnote") if u.number == number)
            own = normalise(clean_inline(line[start.end() :]))
            assert len(normalise(unit.text)) > len(own) + 10, f"footnote {unit.number} lost its continuation"
            assert len(unit.spans) == 2


def test_known_page_break_repairs(corpus: Corpus) -> None:
    texts = [normalise(u.text) for u in corpus.units]
    for joined in (
        "pakistani policymakers unique opportunities",  # hyphen at the foot of a page
        "nowshera district, had particularly close ties",  # between words, lower case
        "the predominantly pashtun deobandi",  # between words, capital letter
        "discussed it with pakistans army chief bajwa",  # footnote 36 carried on (quotes dropped)
        "crisis group telephone interview, october 2020. see also",  # footnote 51 carried on
    ):
        assert sum(joined in t for t in texts) == 1, joined


def test_passages_start_at_a_sentence_and_hold_no_footnote_text(corpus: Corpus) -> None:
    footnote_heads = [normalise(u.text)[:60] for u in corpus.units if u.kind == "footnote"]
    passage_heads = [normalise(u.text)[:60] for u in corpus.units if u.kind == "passage"]
    for unit in corpus.units:
        text = normalise(unit.text)
        if unit.kind == "passage":
            assert unit.text[0].isupper() or unit.text[0] in "\"“‘'", unit.id
            assert not any(head in text for head in footnote_heads), unit.id
            assert not FOOTNOTE_START.search(unit.text)
        else:
            assert not any(head in text for head in passage_heads), unit.id
            assert not MARKER.search(unit.text)


def source_sentences(raw: str, skip: set[tuple[int, int]]) -> list[str]:
    """Sentences of the raw file's blocks (but those in `skip`), cleaned the way units are;
    fragments cut by a hyphenated page break lose their last half-word."""
    sentences = []
    for block in split_blocks(raw):
        if block.span in skip:
            continue
        text = clean_inline(MARKER.sub("", FOOTNOTE_START.sub("", block.text)))
        text = re.sub(r"\s\S+-$", "", text)
        sentences.extend(normalise(text[a:b]) for a, b in sentence_spans(text))
    return sentences


def test_every_content_sentence_lands_in_exactly_one_unit(corpus: Corpus) -> None:
    for document_id, raw in raw_texts().items():
        parsed = parse_document(raw)
        unit_texts = [normalise(u.text) for u in corpus.units if u.document_id == document_id]
        sentences = source_sentences(raw, {b.span for b, _ in parsed.skipped})
        whole = normalise(clean_inline(MARKER.sub("", raw)))
        assert len(sentences) > 50
        for sentence in sentences:
            holders = sum(sentence in text for text in unit_texts)
            if whole.count(sentence) == 1 and len(sentence.split()) >= 4:
                assert holders == 1, f"{document_id}: {sentence!r} in {holders} units"
            else:
                assert holders >= 1, f"{document_id}: {sentence!r} lost"


def test_only_headings_metadata_and_trailing_back_matter_are_left_out() -> None:
    for raw in raw_texts().values():
        parsed = parse_document(raw)
        last_footnote_end = max((p.span[1] for f in parsed.footnotes.values() for p in f.pieces), default=0)
        for block, reason in parsed.skipped:
            if reason == "back matter":
                assert block.span[0] > last_footnote_end
            else:
                assert reason in {"heading", "metadata"}
                assert len(block.text.split()) <= 25


def test_spans_point_back_at_the_source(corpus: Corpus) -> None:
    raws = raw_texts()
    for unit in corpus.units:
        raw = raws[unit.document_id]
        for start, end in unit.spans:
            piece = normalise(clean_inline(MARKER.sub("", raw[start:end])))
            piece = re.sub(r"\s\S+-$", "", piece)
            assert piece in normalise(unit.text), unit.id
    spans = sorted((u.document_id, s) for u in corpus.units for s in u.spans)
    for (doc_a, a), (doc_b, b) in zip(spans, spans[1:], strict=False):
        assert doc_a != doc_b or a[1] <= b[0], "two units claim the same source text"


def test_every_marker_links_to_its_footnote(corpus: Corpus) -> None:
    raws = raw_texts()
    by_id = {u.id: u for u in corpus.units}
    for unit in (u for u in corpus.units if u.kind == "passage"):
        raw = raws[unit.document_id]
        raw_markers = [superscript_to_int(m) for a, b in unit.spans for m in MARKER.findall(raw[a:b])]
        assert list(dict.fromkeys(raw_markers)) == list(unit.footnotes)
        for number in unit.footnotes:
            note = by_id[f"{unit.document_id}:fn:{number}"]
            assert note.number == number and unit.id in note.cited_by
    for note in (u for u in corpus.units if u.kind == "footnote"):
        assert note.cited_by, f"footnote {note.number} is cited by no passage"
        assert note.section == by_id[note.cited_by[0]].section


def test_ids_are_unique_and_stable_under_edits_elsewhere(corpus: Corpus, tmp_path: Path) -> None:
    ids = [u.id for u in corpus.units]
    assert len(ids) == len(set(ids))
    # Edit a paragraph of one section: units of other sections keep their ids and text.
    document = next(d for d in load_catalog(CORPUS) if d.kind == "briefing")
    raw = read_document_text(CORPUS, document)
    edited = raw.replace(
        "Pakistan's civil and military leaders have repeatedly stressed",
        "Pakistan's civilian and military leaders have often stressed",
    )
    assert edited != raw
    from service.units import document_units

    before = {u.id: u.text for u in document_units(document, raw)}
    after = {u.id: u.text for u in document_units(document, edited)}
    assert before.keys() == after.keys()
    changed = [i for i in before if before[i] != after[i]]
    assert changed == [next(i for i in before if "repeatedly stressed" in before[i])]


def test_sections_and_citation_labels(corpus: Corpus) -> None:
    unit = next(u for u in corpus.units if "unique opportunities of direct access" in u.text)
    assert unit.section == "IV. Pakistan and the Taliban: The Question of Influence"
    assert unit.section_label == "IV"
    sub = next(u for u in corpus.units if u.text.startswith("As Hekmatyar lost ground"))
    assert sub.section == "II. Backdrop › A. Pakistan's Afghan Proxies"
    assert sub.section_label == "II.A"
    assert 75 in unit.footnotes
