"""The PDF reader against the text: the seed typeset with Typst (footnotes at the foot of A5
pages, two columns, endnotes) must give the text version's units, with the right pages."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from service.catalog import load_catalog
from service.errors import BadInput
from service.formats import detect_format, read_document
from service.formats.hyphenation import join_lines
from service.formats.shaped import map_ligatures
from service.records import Document, Unit
from service.text import normalise
from service.units import document_units, parsed_units
from tests.conftest import CORPUS
from tests.support.footnote_refs import assert_in_place
from tests.support.typeset import PdfVariant, read_seed, seed_prefix, typeset_pdf

SEED = "icg-asia-briefing-169"
PARAGRAPHS = 36  # enough for page and column breaks, cut paragraphs and footnotes; read in seconds
VARIANTS: dict[PdfVariant, str] = {"footnotes": "a5", "two-column": "a4", "endnotes": "a5"}


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return next(d for d in load_catalog(CORPUS) if d.id == SEED)


@pytest.fixture(scope="session")
def text_units(seed_document: Document) -> dict[str, Unit]:
    """The text version's units for the paragraphs the fixtures typeset."""
    raw = (CORPUS / seed_document.path).read_text(encoding="utf-8")
    notes = set(seed_prefix(read_seed(raw), PARAGRAPHS).notes)
    units = document_units(seed_document, raw)
    passages = [u for u in units if u.kind == "passage"][:PARAGRAPHS]
    footnotes = [u for u in units if u.kind == "footnote" and u.number in notes]
    return {u.id: u for u in passages + footnotes}


@pytest.fixture(scope="session")
def typeset(tmp_path_factory: pytest.TempPathFactory, seed_document: Document) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    raw = (CORPUS / seed_document.path).read_text(encoding="utf-8")
    return {
        variant: typeset_pdf(raw, variant, folder / f"{variant}.pdf", paragraphs=PARAGRAPHS, paper=paper)
        for variant, paper in VARIANTS.items()
    }


@pytest.fixture(scope="session")
def pdf_units(typeset: dict[str, Path], seed_document: Document) -> dict[str, dict[str, Unit]]:
    return {v: {u.id: u for u in parsed_units(seed_document, read_document(p))} for v, p in typeset.items()}


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_footnote_is_found_and_alike(variant: str, pdf_units: dict, text_units: dict[str, Unit]) -> None:
    got = pdf_units[variant]
    for unit in (u for u in text_units.values() if u.kind == "footnote"):
        assert unit.id in got, f"{variant}: footnote {unit.number} missing"
        assert similarity(unit.text, got[unit.id].text) >= 0.95, (unit.text, got[unit.id].text)
        assert got[unit.id].cited_by, f"{variant}: footnote {unit.number} is not linked to its passage"


@pytest.mark.parametrize("variant", VARIANTS)
def test_markers_stay_in_place(variant: str, pdf_units: dict, text_units: dict[str, Unit]) -> None:
    """Every passage's markers end the sentence or clause they close; where a passage reads as
    in the text version, they sit where the text version has them."""
    for unit in (u for u in pdf_units[variant].values() if u.kind == "passage"):
        assert_in_place(unit)
        same = text_units.get(unit.id)
        if same is not None and same.text == unit.text:
            assert unit.footnote_refs == same.footnote_refs, unit.id
    assert sum(len(u.footnote_refs) for u in pdf_units[variant].values()) >= len(
        [u for u in text_units.values() if u.kind == "footnote"]
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_passages_are_found(variant: str, pdf_units: dict, text_units: dict[str, Unit]) -> None:
    """Found: some passage of the PDF reads like it. (A page break that falls between two sentences
    reads as a paragraph break, so a cut passage may come out in two and renumber the rest.)"""
    got = [u for u in pdf_units[variant].values() if u.kind == "passage"]
    passages = [u for u in text_units.values() if u.kind == "passage"]
    by_id = {g.id: g for g in got}

    def found(unit: Unit) -> bool:
        if unit.id in by_id and similarity(unit.text, by_id[unit.id].text) >= 0.95:
            return True
        return any(similarity(unit.text, g.text) >= 0.95 for g in got if g.section == unit.section)

    missing = [u.id for u in passages if not found(u)]
    assert len(passages) - len(missing) >= 0.97 * len(passages), missing


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_running_head_page_number_or_contents_entry_in_any_unit(variant: str, pdf_units: dict) -> None:
    for unit in pdf_units[variant].values():
        assert "Typeset Edition" not in unit.text and "Cited Test Press" not in unit.text
        assert not re.search(r"(\.\s?){5,}\s*\d", unit.text), unit.text  # "Overview ..... 2"
        assert not re.search(r"\.\s\d{1,2}\s[A-Z]", unit.text) or unit.kind == "footnote", unit.text


def _page_texts(path: Path) -> list[str]:
    """Each page's text as pdfium extracts it, whole and by halves (for two columns), squeezed."""
    import pypdfium2

    def squeezed(text: str) -> str:
        return re.sub(r"[\s\-\x02\ufffe]", "", normalise(text))  # pdfium marks line-end hyphens

    document = pypdfium2.PdfDocument(path)
    texts = []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        halves = [text.get_text_bounded(0, 0, width / 2, height), text.get_text_bounded(width / 2, 0, width, height)]
        texts.append(" | ".join(squeezed(t) for t in [text.get_text_range(), *halves]))
    document.close()
    return texts


@pytest.mark.parametrize("variant", VARIANTS)
def test_pages_are_right(variant: str, typeset: dict[str, Path], pdf_units: dict) -> None:
    pages = _page_texts(typeset[variant])
    spanned = 0
    for unit in pdf_units[variant].values():
        squeezed = re.sub(r"[\s-]", "", normalise(unit.text))
        assert unit.pages, unit.id
        assert squeezed[:12] in pages[unit.pages[0] - 1], (unit.id, unit.pages)
        assert squeezed[-12:] in pages[unit.pages[-1] - 1], (unit.id, unit.pages)
        spanned += len(unit.pages) > 1
    assert spanned, "no unit crosses a page break: the fixture does not test the joins"


def test_a_cut_footnote_is_joined_across_the_page_break(pdf_units: dict) -> None:
    cut = [u for u in pdf_units["footnotes"].values() if u.kind == "footnote" and len(u.pages) == 2]
    assert cut


def test_headings_give_the_sections(pdf_units: dict, text_units: dict[str, Unit]) -> None:
    for variant in VARIANTS:
        for unit in pdf_units[variant].values():
            assert unit.section == text_units[unit.id].section if unit.id in text_units else True


def test_line_end_hyphenation_is_undone_unless_the_document_writes_the_hyphen() -> None:
    vocabulary = {"long-term", "policy"}
    assert join_lines("a Paki-", "stani policy", vocabulary) == "a Pakistani policy"
    assert join_lines("the long-", "term view", vocabulary) == "the long-term view"
    assert join_lines("the U.S.-", "led invasion", vocabulary) == "the U.S.-led invasion"
    assert join_lines("the intra-", "Afghan talks", vocabulary) == "the intra-Afghan talks"
    assert join_lines("the Lashkar-", "e-Jhangvi group", vocabulary) == "the Lashkar-e-Jhangvi group"
    assert join_lines("a dash -", "then", vocabulary) == "a dash - then"
    assert join_lines("the push-and-", "pull of", vocabulary | {"and"}) == "the push-and-pull of"
    assert join_lines("Taliban-con-", "trolled areas", vocabulary) == "Taliban-controlled areas"
    assert join_lines("an asset\u2014", "derived", vocabulary) == "an asset\u2014derived"
    assert join_lines("close", "ties", vocabulary) == "close ties"


def test_ligatures_are_mapped_to_letters() -> None:
    assert map_ligatures("\ufb01nance and o\ufb03ce") == "finance and office"


def test_format_comes_from_the_bytes_not_the_extension(seed_document: Document, tmp_path: Path) -> None:
    raw = (CORPUS / seed_document.path).read_text(encoding="utf-8")
    disguised = typeset_pdf(raw, "footnotes", tmp_path / "report.pdf", paragraphs=6).rename(tmp_path / "report.txt")
    assert detect_format(disguised.read_bytes(), ".txt") == "pdf"
    assert read_document(disguised).paragraphs


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary" * 20, "binary"),
        (b"\xff\xfe not utf-8 \xff", "UTF-8"),
        (b"PK\x03\x04 an archive", "zip"),
    ],
)
def test_unreadable_files_are_bad_input(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        read_document(path)


def test_a_truncated_pdf_is_bad_input(typeset: dict[str, Path], tmp_path: Path) -> None:
    data = typeset["footnotes"].read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(BadInput):
        read_document(path)


def test_a_pdf_without_text_asks_for_ocr(tmp_path: Path) -> None:
    import typst

    source = tmp_path / "scan.typ"
    source.write_text("#rect(width: 5cm, height: 3cm, fill: gray)\n", encoding="utf-8")
    typst.compile(str(source), output=str(tmp_path / "scan.pdf"))
    with pytest.raises(BadInput, match="OCR"):
        read_document(tmp_path / "scan.pdf")
