"""Footnote markers kept in place (docs/retrieval.md, "Footnote markers"): each passage's
`footnote_refs` put every marker at the end of the text it followed, in the sentence it
closes as the index splits sentences, over the real corpus and over made-up documents in the
text and Markdown shapes. Expectations come from the raw files or from what was generated,
not from the code under test."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.catalog import load_catalog, read_document_text
from service.formats.notes import read_text
from service.records import Document, FootnoteRef, Unit
from service.store import read_units, write_units
from service.text import MARKER, clean_inline, normalise, superscript_to_int
from service.units import Corpus, clean_text_and_markers, load_corpus, parsed_units
from tests.conftest import CORPUS
from tests.support.footnote_refs import assert_in_place
from tests.test_parse import lower_word, marker, proper_word


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


def passages(corpus: Corpus) -> list[Unit]:
    return [u for u in corpus.units if u.kind == "passage"]


def test_every_marker_of_the_corpus_is_in_place(corpus: Corpus) -> None:
    refs = [ref for unit in passages(corpus) for ref in unit.footnote_refs]
    assert len(refs) >= 90  # the briefing's 93 notes, each cited at least once
    for unit in passages(corpus):
        assert_in_place(unit)


def test_corpus_markers_close_whole_sentences(corpus: Corpus) -> None:
    """The seed reports put every marker after a sentence's last character: each offset is
    the end of a sentence the index splits, not a clause inside one."""
    for unit in passages(corpus):
        for ref in unit.footnote_refs:
            assert ref.offset == ref.sentence[1], (unit.id, ref, unit.text[ref.sentence[0] : ref.sentence[1]])


def test_offsets_follow_the_text_each_raw_marker_followed(corpus: Corpus) -> None:
    """Read back from the source file: every marker of a passage's source pieces, in order,
    is a ref whose text before the offset ends with the source text before the marker."""
    raws = {d.id: read_document_text(CORPUS, d) for d in load_catalog(CORPUS)}
    for unit in passages(corpus):
        raw = raws[unit.document_id]
        found: list[tuple[int, str]] = []
        for start, end in unit.spans:
            piece = raw[start:end]
            for match in MARKER.finditer(piece):
                before = normalise(clean_inline(piece[: match.start()]))[-25:]
                found.append((superscript_to_int(match.group(0)), before))
        found = [(n, before) for n, before in found if n in unit.footnotes]
        assert [n for n, _ in found] == [ref.number for ref in unit.footnote_refs], unit.id
        for (_, before), ref in zip(found, unit.footnote_refs, strict=True):
            assert normalise(unit.text[: ref.offset]).endswith(before), (unit.id, ref, before)


def _first_ref(corpus: Corpus, number: int, document: str) -> tuple[Unit, FootnoteRef]:
    """The first marker of note `number` in the document whose id holds `document`."""
    for unit in passages(corpus):
        for ref in unit.footnote_refs:
            if document in unit.document_id and ref.number == number:
                return unit, ref
    raise AssertionError(f"no marker {number}")


@pytest.mark.parametrize(
    "number, sentence",
    [
        (
            1,
            'It retains this view, often looking at Afghanistan as a "fifth province" that is dependent on a '
            '"benevolent big brother\'s good-will".',
        ),
        (
            2,
            "Afghan leaders have long refused to recognise the 2,430km line as the international border and "
            "staked claims to contiguous Pakistani Pashtun-majority territories.",
        ),
        (
            4,
            "As Hekmatyar lost ground to Afghan opponents, including the Tajik-dominated Jamiat-e Islami, the "
            "Pakistan military shifted its support to the largely Pashtun Taliban.",
        ),
        (  # a sentence a page break cut in two
            5,
            "Haq, who headed the Akora Khattak madrasa in Khyber Pakhtunkhwa province's Nowshera district, had "
            "particularly close ties to Taliban founder Mullah Mohammad Omar.",
        ),
        (  # "U.S." inside the sentence does not end it
            12,
            'A former senior Pakistani diplomat said Pakistan had "pleaded with the U.S. to include the Taliban '
            'in Bonn".',
        ),
        (
            40,
            "Islamabad's role in facilitating U.S.-Taliban negotiations has also somewhat eased tensions with "
            "Washington.",
        ),
    ],
)
def test_seed_markers_close_the_sentence_the_report_puts_them_after(corpus: Corpus, number: int, sentence: str) -> None:
    """Real passages of the briefing: the exact sentence each note closes (read off the source
    file, where the marker follows the sentence's last character)."""
    unit, ref = _first_ref(corpus, number, "briefing")
    assert unit.text[ref.sentence[0] : ref.sentence[1]] == sentence
    assert ref.offset == ref.sentence[1]
    assert unit.footnotes_closing(ref.sentence) == (number,)


def test_units_keep_their_refs_through_the_index_file(corpus: Corpus, tmp_path: Path) -> None:
    units = list(corpus.units)
    write_units(tmp_path / "units.jsonl", units)
    assert read_units(tmp_path / "units.jsonl") == units


def test_a_marker_mid_sentence_closes_its_clause() -> None:
    text, markers = clean_text_and_markers("The talks *stalled*,³ then resumed in Doha.⁴ Nothing else ¹ changed.")
    assert text == "The talks stalled, then resumed in Doha. Nothing else changed."
    assert markers == [(3, text.index(",") + 1), (4, text.index("Doha.") + 5), (1, text.index("else") + 4)]


# Made-up documents: paragraphs of sentences with markers after the full stop, after a closing
# quote, or mid-sentence after a word or a comma, written in the text shape (superscript
# markers, notes opened by their number) and in Markdown ([^n] markers and definitions).


@dataclass
class Made:
    paragraphs: list[list[str]] = field(default_factory=list)  # each written with [^n] markers
    notes: dict[int, str] = field(default_factory=dict)
    expected: list[list[tuple[int, str, str]]] = field(default_factory=list)  # (number, text before, sentence)


@st.composite
def made_documents(draw: st.DrawFn) -> Made:
    made = Made()
    for index in range(draw(st.integers(1, 4))):
        written: list[str] = []
        clean: list[str] = []
        expected: list[tuple[int, str, str]] = []
        opening = index == 0  # the body opens with a full paragraph (30+ words), as a report does
        for _ in range(draw(st.integers(4, 5) if opening else st.integers(1, 4))):
            words = [draw(proper_word), *draw(st.lists(lower_word, min_size=7 if opening else 3, max_size=12))]
            sentence_written, sentence_clean, markers = _sentence(draw, words, made)
            before = " ".join(clean)
            sentence_text = " ".join(sentence_clean)
            for number, position in markers:  # position: characters of the sentence before the marker
                expected.append((number, (before + " " if before else "") + sentence_text[:position], sentence_text))
            written.extend(sentence_written)
            clean.extend(sentence_clean)
        made.paragraphs.append(written)
        made.expected.append(expected)
    return made


def _sentence(draw: st.DrawFn, words: list[str], made: Made) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """One sentence as written (with [^n] markers) and clean, and where its markers sit."""
    written, clean = list(words), list(words)
    if draw(st.booleans()):  # a quotation closes the sentence: …"last words".
        written[-2], clean[-2] = '"' + written[-2], '"' + clean[-2]
        written[-1] += '".'
        clean[-1] += '".'
    else:
        written[-1] += "."
        clean[-1] += "."
    emphasised = draw(st.integers(0, len(words) - 2))
    written[emphasised] = f"*{written[emphasised]}*"
    markers: list[tuple[int, int]] = []
    for at in sorted(draw(st.sets(st.integers(0, len(words) - 1), max_size=2))):
        if at < len(words) - 1 and draw(st.booleans()):
            written[at] += ","
            clean[at] += ","
        number = _note(draw, made)
        written[at] += f"[^{number}]"
        markers.append((number, len(" ".join(clean[: at + 1]))))
    return written, clean, markers


def _note(draw: st.DrawFn, made: Made) -> int:
    if made.notes and draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(sorted(made.notes)))  # a note cited again
    number = len(made.notes) + 1
    made.notes[number] = " ".join([draw(proper_word), *draw(st.lists(lower_word, min_size=3, max_size=8))]) + "."
    return number


def _text_shape(made: Made) -> str:
    body = ["Made-Up Report Title"]
    body += [re.sub(r"\[\^(\d+)\]", lambda m: marker(int(m.group(1))), " ".join(p)) for p in made.paragraphs]
    return "\n\n".join(body + [f"{marker(n)} {text}" for n, text in sorted(made.notes.items())]) + "\n"


def _markdown_shape(made: Made) -> str:
    body = ["# Made-Up Report Title", *(" ".join(p) for p in made.paragraphs)]
    return "\n\n".join(body + [f"[^{n}]: {text}" for n, text in sorted(made.notes.items())]) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(made_documents(), st.sampled_from([_text_shape, _markdown_shape]))
def test_made_up_markers_close_the_sentence_they_were_written_after(made: Made, shape: Callable[[Made], str]) -> None:
    document = Document(id="made-up", path="made-up.md", title="Made-Up Report Title")
    units = [u for u in parsed_units(document, read_text(shape(made).encode())) if u.kind == "passage"]
    assert len(units) == len(made.paragraphs)
    for unit, expected in zip(units, made.expected, strict=True):
        assert_in_place(unit)
        got = [
            (ref.number, unit.text[: ref.offset], unit.text[ref.sentence[0] : ref.sentence[1]])
            for ref in unit.footnote_refs
        ]
        assert got == expected
