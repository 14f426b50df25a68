"""`cited add`, `cited remove`, `cited inspect` and the build's warning about files with no
catalog entry, through click's CliRunner over a private copy of the corpus; and the table of
hostile and broken files, each refused with one line and the corpus left as it was."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from service.catalog import load_catalog
from service.cli import main
from service.settings import get_settings

from .conftest import CORPUS
from .support import documents as make
from .support.copies import copy_index
from .support.documents import snapshot

FOOTNOTED = """\
Notes on the Canal

I. Overview

The canal was finished in 1890 and it carried water to the new colonies in the west of the province.¹ Its engineers
planned for three times the flow it carries today, and for a population that never came to settle there.² Later
surveys disagreed.³

¹ Punjab Irrigation Department, annual report, 1891.

² Ibid.
"""


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the repo's corpus, which the commands under test work on."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("questions"))
    monkeypatch.setenv("CITED_CORPUS_DIR", str(folder))
    get_settings.cache_clear()
    return folder


def cited(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_inspect_prints_the_parse_report_and_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    before = snapshot(corpus)
    result = cited("inspect", str(make.write(tmp_path, "note.md", make.NOTE_MD)))
    assert result.exit_code == 0, result.output
    assert "note.md (text)" in result.output
    assert "2 units: 2 passages, 0 footnotes" in result.output
    assert "2 headings: Water Disputes on the Indus; Background" in result.output
    assert "title: Water Disputes on the Indus" in result.output
    assert "author: Jane Analyst" in result.output and "date: 2022-03-12" in result.output
    assert snapshot(corpus) == before


def test_the_report_warns_about_markers_without_footnotes(corpus: Path, tmp_path: Path) -> None:
    result = cited("inspect", str(make.write(tmp_path, "canal.txt", FOOTNOTED)))
    assert result.exit_code == 0, result.output
    assert "3 units: 1 passages, 2 footnotes (3 footnote markers in the text)" in result.output
    assert "warning: 3 footnote markers but 2 footnotes" in result.output
    assert "warning: markers with no footnote: 3" in result.output


def test_the_report_says_when_there_are_no_headings(corpus: Path, tmp_path: Path) -> None:
    result = cited("inspect", str(corpus / "documents" / "fp-pakistan-taliban-2021.txt"))
    assert result.exit_code == 0, result.output
    assert "warning: no headings found" in result.output


def test_inspect_warns_of_a_copy_of_a_document_in_the_corpus(corpus: Path, tmp_path: Path) -> None:
    copy = make.write(tmp_path, "copy.txt", (corpus / "documents" / "fp-pakistan-taliban-2021.txt").read_bytes())
    result = cited("inspect", str(copy))
    assert result.exit_code == 0, result.output
    assert "warning: the same file is already in the corpus as fp-pakistan-taliban-2021.txt" in result.output


def test_add_copies_the_file_and_appends_its_entry_keeping_the_rest(corpus: Path, tmp_path: Path) -> None:
    catalog_before = (corpus / "catalog.toml").read_text(encoding="utf-8")
    source = make.write(tmp_path, "note.md", make.NOTE_MD)
    result = cited("add", str(source), "--publisher", "The Water Review", "--kind", "article", "--date", "2022-03")
    assert result.exit_code == 0, result.output
    assert "Added water-disputes-on-the-indus as documents/water-disputes-on-the-indus.md" in result.output
    assert "2 units: 2 passages" in result.output
    catalog = (corpus / "catalog.toml").read_text(encoding="utf-8")
    assert catalog.startswith(catalog_before)  # comments and every other entry untouched
    added = {d.id: d for d in load_catalog(corpus)}["water-disputes-on-the-indus"]
    assert (added.title, added.author, added.publisher, added.kind) == (
        "Water Disputes on the Indus",
        "Jane Analyst",
        "The Water Review",
        "article",
    )
    assert added.date == "2022-03"  # the flag beats the date found in the file
    assert (corpus / added.path).read_bytes() == source.read_bytes()
    assert not list(corpus.glob("**/.*tmp"))  # no temporary file left behind


def test_ids_come_from_the_title_and_stay_unique(corpus: Path, tmp_path: Path) -> None:
    first = make.write(tmp_path, "a.md", make.NOTE_MD)
    second = make.write(tmp_path, "b.md", make.NOTE_MD.replace("three wars", "four wars"))
    assert cited("add", str(first), str(second)).exit_code == 0
    ids = [d.id for d in load_catalog(corpus)]
    assert ids[-2:] == ["water-disputes-on-the-indus", "water-disputes-on-the-indus-2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "Not An Id"], "use lower-case letters, digits and '-'"),
        (["--id", "icg-asia-briefing-169"], "already in the catalog"),
        (["--date", "March 2022"], "write it as YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_add_refuses_bad_flags(corpus: Path, tmp_path: Path, args: list[str], message: str) -> None:
    before = snapshot(corpus)
    result = cited("add", str(make.write(tmp_path, "note.md", make.NOTE_MD)), *args)
    assert result.exit_code == 1 and message in result.output
    assert snapshot(corpus) == before


def test_a_batch_with_one_bad_file_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    before = snapshot(corpus)
    result = cited("add", str(make.write(tmp_path, "note.md", make.NOTE_MD)), str(make.write(tmp_path, "e.txt", "")))
    assert result.exit_code == 1 and "e.txt: the file is empty" in result.output
    assert snapshot(corpus) == before


def test_a_file_whose_name_lies_is_read_by_its_content(corpus: Path, tmp_path: Path) -> None:
    result = cited("add", str(make.write(tmp_path, "notes.pdf", make.NOTE_MD)))
    assert result.exit_code == 0, result.output
    assert "warning: the name says .pdf but the content is text" in result.output
    assert (corpus / "documents" / "water-disputes-on-the-indus.txt").is_file()


def test_remove_puts_the_catalog_back_as_it_was(corpus: Path, tmp_path: Path) -> None:
    before = snapshot(corpus)
    assert cited("add", str(make.write(tmp_path, "note.md", make.NOTE_MD))).exit_code == 0
    result = cited("remove", "water-disputes-on-the-indus")
    assert result.exit_code == 0, result.output
    assert "Removed water-disputes-on-the-indus" in result.output
    assert snapshot(corpus) == before


def test_remove_refuses_an_unknown_id(corpus: Path) -> None:
    before = snapshot(corpus)
    result = cited("remove", "no-such-document")
    assert result.exit_code == 1 and "no document 'no-such-document'" in result.output
    assert snapshot(corpus) == before


def test_remove_refuses_a_file_outside_the_corpus(corpus: Path, tmp_path: Path) -> None:
    outside = make.write(tmp_path, "outside.txt", make.NOTE_MD)
    with (corpus / "catalog.toml").open("a", encoding="utf-8") as catalog:
        catalog.write('\n[[documents]]\nid = "escape"\nfile = "../outside.txt"\ntitle = "Escape"\n')
    result = cited("remove", "escape")
    assert result.exit_code == 1 and "outside the corpus" in result.output
    assert outside.is_file()


def test_build_names_files_without_a_catalog_entry(
    corpus: Path, tmp_path: Path, built_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_index(built_index_dir, tmp_path / "index")
    monkeypatch.setenv("CITED_INDEX_DIR", str(tmp_path / "index"))
    get_settings.cache_clear()
    make.write(corpus / "documents", "stray.md", make.NOTE_MD)
    result = cited("build")
    assert result.exit_code == 0, result.output
    assert "documents/stray.md has no catalog entry" in result.output
    assert "up to date" in result.output  # named, and still not indexed


PDF_TEXT = make.typeset_pdf


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "content", "env", "message"),
    [
        ("empty.txt", lambda: b"", {}, r"the file is empty \(0 bytes\)"),
        ("blank.md", lambda: b" \n\n \n", {}, "the file is empty"),
        ("encrypted.pdf", make.encrypted_pdf, {}, "the PDF is encrypted"),
        ("scan.pdf", make.image_only_pdf, {}, "no text layer: run OCR first, e.g. `ocrmypdf"),
        ("truncated.pdf", lambda: PDF_TEXT()[:2000], {}, "the PDF is damaged or truncated"),
        ("photo.pdf", make.png_bytes, {}, "the file is binary"),
        ("search.html", lambda: make.EMPTY_PAGE_HTML, {}, r"no article text|HTML is not supported"),
        (
            "bomb.pdf",
            lambda: make.blank_pages_pdf(30),
            {"CITED_MAX_DOCUMENT_PAGES": "10"},
            r"30 pages, over the limit of 10 \(CITED_MAX_DOCUMENT_PAGES\)",
        ),
        ("slow.pdf", PDF_TEXT, {"CITED_PARSE_TIMEOUT_SECONDS": "0.001"}, "reading took longer than 0.001 s"),
        (
            "huge.md",
            lambda: make.NOTE_MD * 10,
            {"CITED_MAX_DOCUMENT_BYTES": "1024"},
            r"\d\.\d kB, over the limit of 1\.0 kB \(CITED_MAX_DOCUMENT_BYTES\)",
        ),
        (
            "copy.txt",
            lambda: (CORPUS / "documents" / "icg-asia-briefing-169.txt").read_bytes(),
            {},
            "already in the corpus as icg-asia-briefing-169.txt",
        ),
        ("report.docx", make.docx_bytes, {}, "no text found in the Word document"),
    ],
)
def test_hostile_and_broken_files_are_refused_in_one_line(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: Callable[[], bytes | str],
    env: dict[str, str],
    message: str,
) -> None:
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    path = make.write(tmp_path, name, content())
    before = snapshot(corpus)
    for command in ("add",) if name == "copy.txt" else ("add", "inspect"):  # inspect only warns of a copy
        result = cited(command, str(path))
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: {name}: "), result.output
        assert re.search(message, lines[0]), lines[0]
    assert snapshot(corpus) == before
