"""The index on disk: atomic publish, up-to-date detection, embedding reuse, and refusal of
stale or corrupt indexes with a one-line cause (docs/reliability.md, "Index")."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service import bm25
from service.build import build_index, peak_rss_mb
from service.embed import settings_fingerprint
from service.engine import load_engine
from service.errors import IndexCorrupt, IndexMissing, IndexStale
from service.settings import Settings
from service.store import (
    CURRENT,
    FORMAT_VERSION,
    MANIFEST,
    current_version_dir,
    load_published_units,
    load_window_tokens,
    open_published,
    read_manifest,
)
from service.store.lexicon import VECTORS as LEXICON_VECTORS
from service.store.lexicon import WORDS as LEXICON_WORDS
from tests.support.copies import copy_index, link_cache
from tests.support.recording import RecordingEmbedder

from .conftest import CORPUS, REPO


def copy_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return corpus


def prepared_index(tmp_path: Path, built_index_dir: Path) -> Path:
    """A copy of the session's index (with its embedding cache), so builds here reuse it."""
    return copy_index(built_index_dir, tmp_path / "index")


def lexicon_words_of(settings: Settings) -> set[str]:
    """Every word of the published version's everyday-word lexicon (service.store.lexicon)."""
    words = json.loads((current_version_dir(settings.index_dir) / LEXICON_WORDS).read_text(encoding="utf-8"))
    return {*words["written"], *words["unwritten"]}


@pytest.fixture
def private(tmp_path: Path, built_index_dir: Path) -> Settings:
    return Settings(corpus_dir=copy_corpus(tmp_path), index_dir=prepared_index(tmp_path, built_index_dir))


def test_up_to_date_build_does_nothing(private: Settings, embedder: Any) -> None:
    before = (private.index_dir / CURRENT).read_text()
    report = build_index(private, embedder=embedder, progress=False)
    assert report.up_to_date and report.embedded == 0
    assert (private.index_dir / CURRENT).read_text() == before


def test_rebuild_after_an_edit_embeds_only_what_changed(private: Settings, embedder: Any) -> None:
    document = private.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    text = document.read_text(encoding="utf-8")
    before = lexicon_words_of(private)
    document.write_text(text.replace("Such sentiment is reciprocated.", "Such sentiment is returned."), "utf-8")
    report = build_index(private, embedder=embedder, progress=False)
    assert not report.up_to_date
    # The edited paragraph's window and its changed sentence, and the general words the lexicon
    # holds now and did not ("returned" is written now): nothing else is embedded again.
    joined = lexicon_words_of(private) - before
    assert "returned" in joined and len(joined) <= 5
    assert 1 <= report.embedded - len(joined) <= 3
    assert report.reused > 600
    units = load_published_units(private)
    assert any("Such sentiment is returned." in u.text for u in units)
    assert len(list((private.index_dir / "versions").iterdir())) == 1  # the old version is gone


def test_a_build_over_a_linked_cache_writes_nothing_through_the_links(
    private: Settings, built_index_dir: Path, embedder: Any
) -> None:
    """Test copies of the index share the session's cache by hard links (tests/support/copies.py),
    which is safe only while a build adds files to its cache and never writes one in place."""
    shared = built_index_dir / "cache"
    before = {path: path.read_bytes() for path in shared.rglob("*") if path.is_file()}
    document = private.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    document.write_text(document.read_text(encoding="utf-8") + "\n\nA paragraph no build has seen.\n", "utf-8")
    report = build_index(private, embedder=embedder, progress=False)
    assert report.embedded >= 1
    written = [path for path in (private.index_dir / "cache").rglob("*") if path.is_file()]
    assert len(written) > len(before)  # the new texts' vectors went to a new shard of the copy
    assert {path: path.read_bytes() for path in shared.rglob("*") if path.is_file()} == before


def test_forced_rebuild_reuses_every_embedding(private: Settings, embedder: Any) -> None:
    report = build_index(private, embedder=embedder, progress=False, force=True)
    assert not report.up_to_date and report.embedded == 0


def test_build_reports_each_stage_time(private: Settings, embedder: Any) -> None:
    started = time.perf_counter()
    report = build_index(private, embedder=embedder, progress=False, force=True)
    elapsed = time.perf_counter() - started
    stages = ["parse", "model", "windows", "word pieces", "bm25", "lexicon", "embed", "faiss", "publish"]
    assert list(report.stages) == stages
    assert all(seconds >= 0 for seconds in report.stages.values())
    assert sum(report.stages.values()) <= elapsed  # disjoint parts of the build
    assert list(report.peak_mb) == list(report.stages)
    peaks = list(report.peak_mb.values())
    # A high-water mark, in MB (give or take the kernel's batched RSS counting): never falls.
    assert peaks[0] > 0 and all(b >= a - 8 for a, b in zip(peaks[:-1], peaks[1:], strict=True)), report.peak_mb
    assert peaks[-1] <= peak_rss_mb() + 8


ALLOCATE_IN_A_STAGE = """
import numpy as np
from service.build import _Stages, _stage
stages = _Stages()
with _stage(stages, "small"):
    pass
with _stage(stages, "large"):
    block = np.ones(400 * 2**20, dtype=np.uint8)  # 400 MB, every page touched
del block
with _stage(stages, "after"):
    pass
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(stages.peak_mb["small"], stages.peak_mb["large"], stages.peak_mb["after"], int(hwm.split()[1]) // 1024)
"""


def test_the_stage_that_raises_peak_memory_is_the_one_reported() -> None:
    # A fresh program, whose high-water mark is still low: the 400 MB must show in "large",
    # though it is started by a process (this one) holding more than that: `ru_maxrss` alone
    # would report the parent's peak from the first stage on.
    parent = np.ones(600 * 2**20, dtype=np.uint8)
    out = subprocess.run(
        [sys.executable, "-c", ALLOCATE_IN_A_STAGE], capture_output=True, text=True, check=True, cwd=REPO
    )
    del parent
    small, large, after, kernel_mark = map(int, out.stdout.split())
    # The block alone is 400 MB; what the process held before it had peaked a little higher.
    assert large >= 400 and large - small >= 300, out.stdout
    assert abs(after - large) <= 8  # the mark stays (the kernel counts RSS in per-thread batches)
    assert abs(after - kernel_mark) <= 8  # in MB, as the kernel's own high-water mark says


# A finished tqdm bar: "Label: 100%|███| 12/12 [00:01<00:00, 9.5unit/s]" (elapsed<ETA).
FINISHED_BAR = re.compile(
    r"(?P<label>[A-Z][\w ]*): 100%\|[^|\r\n]*\| (?P<done>[\d.]+\w?)/(?P<total>[\d.]+\w?) \[[\d:]+<[\d:]+"
)


def test_every_long_stage_shows_a_bar_with_an_eta(
    private: Settings, embedder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `cited build` shows on its terminal: a bar with elapsed time and ETA for each stage
    that takes more than a few seconds at 100k units (benchmarks/README.md), run to its end."""
    document = private.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("Such sentiment is reciprocated.", "Such sentiment is returned."), "utf-8")
    build_index(private, embedder=embedder, progress=True)  # something new to embed
    shown = capsys.readouterr().err
    finished = {m["label"] for m in FINISHED_BAR.finditer(shown) if m["done"] == m["total"]}
    stages = {"Parsing", "Windows", "Sentences", "Embedding", "FAISS add", "Word pieces", "Checksums", "Syncing"}
    assert stages <= finished, f"no finished bar for {sorted(stages - finished)}"
    build_index(private, embedder=embedder, progress=False, force=True)  # tests, benchmarks: none
    assert "%|" not in capsys.readouterr().err


def test_window_token_vectors_are_stored_for_re_ranking(built_index_dir: Path, embedder: Any) -> None:
    folder = current_version_dir(built_index_dir)
    manifest = read_manifest(folder)
    offsets = np.load(folder / "token_offsets.npy")
    windows = np.load(folder / "windows.npy")
    units = load_published_units(Settings(corpus_dir=CORPUS, index_dir=built_index_dir))
    texts = [units[u].text[a:b] for u, a, b in windows]
    assert np.diff(offsets).tolist() == embedder.count_tokens(texts)  # every window under the model's 256
    assert manifest.tokens == int(offsets[-1]) == len(np.load(folder / "token_codes.npy", mmap_mode="r"))


def test_rebuild_reuses_the_word_pieces_of_unchanged_windows(private: Settings, embedder: Any) -> None:
    document = private.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("Such sentiment is reciprocated.", "Such sentiment is returned."), "utf-8")
    recorder = RecordingEmbedder(embedder)
    build_index(private, embedder=recorder, progress=False)  # type: ignore[arg-type]
    assert len(recorder.token_texts) == 1 and "Such sentiment is returned." in recorder.token_texts[0]
    folder = current_version_dir(private.index_dir)
    units = load_published_units(private)
    texts = [units[u].text[a:b] for u, a, b in np.load(folder / "windows.npy")]
    tokens = load_window_tokens(folder, read_manifest(folder), len(texts))
    assert tokens is not None
    _, expected = embedder.encode_with_tokens(texts)
    for w, pieces in enumerate(expected):  # copied or new, every window's pieces are its own
        decoded = tokens.windows(w, w + 1)
        cosine = (decoded * pieces).sum(axis=1) / np.linalg.norm(decoded, axis=1)
        assert decoded.shape == pieces.shape and cosine.mean() > 0.85


def test_the_model_runs_once_over_each_new_text(private: Settings, embedder: Any) -> None:
    """The word-piece pass over a new window also gives its pooled vector: the embedding
    stage runs the model over the new sentence only (docs/scale.md, "One pass")."""
    document = private.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("Such sentiment is reciprocated.", "Such sentiment is returned."), "utf-8")
    before = lexicon_words_of(private)
    recorder = RecordingEmbedder(embedder)
    report = build_index(private, embedder=recorder, progress=False)  # type: ignore[arg-type]
    joined = sorted(lexicon_words_of(private) - before)  # general words new to the lexicon ("returned")
    assert len(recorder.token_texts) == 1
    assert sorted(recorder.pooled_texts) == sorted(["Such sentiment is returned.", *joined])
    assert report.embedded == 2 + len(joined) and report.reused > 600
    engine = load_engine(private, embedder=embedder)
    window = next(i for i, u in enumerate(engine.files.window_units) if "is returned." in engine.files.units[u].text)
    stored = engine.files.dense.reconstruct(window) if engine.files.manifest.index_type == "flat-ip" else None
    if stored is not None:  # the kept pooled vector is the one `encode` gives for that window
        assert float(stored @ embedder.encode([recorder.token_texts[0]])[0]) > 0.9999


def test_turning_re_ranking_off_rebuilds_without_token_vectors(private: Settings, embedder: Any) -> None:
    off = private.model_copy(update={"rerank_depth": 0})
    report = build_index(off, embedder=embedder, progress=False)
    assert not report.up_to_date and report.embedded == 0
    folder = current_version_dir(private.index_dir)
    assert read_manifest(folder).tokens == 0 and not (folder / "token_codes.npy").exists()
    assert load_engine(off, embedder=embedder).files.tokens is None
    assert not build_index(private, embedder=embedder, progress=False).up_to_date  # and back on


def test_an_index_built_before_the_lexicon_was_stored_is_refused_until_rebuilt(
    private: Settings, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version of format 5, which has no lexicon files (the engine encoded the words at every
    load), is refused as any older format is, with its fix; `cited build` replaces it, the
    words' vectors coming from the embedding cache (docs/reliability.md, "Index")."""
    folder = current_version_dir(private.index_dir)
    manifest = json.loads((folder / MANIFEST).read_text())
    for name in (LEXICON_WORDS, LEXICON_VECTORS):
        (folder / name).unlink()
        del manifest["files"][name]
    manifest["format_version"] = 5
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexStale, match=f"index format 5, this version reads {FORMAT_VERSION}") as caught:
        load_engine(private, embedder=embedder)
    assert "\n" not in str(caught.value) and "run `cited build`" in str(caught.value)
    result = cli(private, monkeypatch, "units")
    assert result.exit_code == 1 and result.output.splitlines() == [f"Error: {caught.value}"]
    report = build_index(private, embedder=embedder, progress=False)
    assert not report.up_to_date and report.embedded == 0
    lexicon = load_engine(private, embedder=embedder).files.lexicon
    assert len(lexicon.vectors) == len(lexicon.written) + len(lexicon.unwritten) > 10_000


def test_a_changed_tokenizer_rebuilds_the_lexical_indexes(
    private: Settings, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The BM25 terms are made by code, which no version number is sure to follow: a build
    whose tokenizer makes other terms of the same corpus publishes a new version, re-embedding
    no window or sentence (the cache holds them), and the next build is up to date again."""
    before = (private.index_dir / CURRENT).read_text()
    monkeypatch.setattr(bm25, "_stem_words", lambda words: [w[:4] for w in words])
    report = build_index(private, embedder=embedder, progress=False)
    assert not report.up_to_date and report.reused > 0 and report.embedded < report.units
    assert (private.index_dir / CURRENT).read_text() != before
    assert build_index(private, embedder=embedder, progress=False).up_to_date


def test_manifest_describes_the_index(built_index_dir: Path) -> None:
    folder = current_version_dir(built_index_dir)
    manifest = read_manifest(folder)
    assert manifest.dim == 384 and manifest.index_type == "flat-ip"
    assert manifest.units == len(load_published_units(Settings(corpus_dir=CORPUS, index_dir=built_index_dir)))
    assert manifest.vectors >= manifest.units  # long units are several windows
    assert set(manifest.files) >= {"dense.faiss", "units.jsonl", "documents.json", "windows.npy"}


def test_missing_index_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="cited build"):
        load_engine(Settings(corpus_dir=CORPUS, index_dir=tmp_path / "nothing"))


def test_changed_corpus_is_stale(private: Settings, embedder: Any) -> None:
    catalog = private.corpus_dir / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('date = "2021-09"', 'date = "2021-10"'), "utf-8")
    with pytest.raises(IndexStale, match="corpus changed.*cited build"):
        load_engine(private, embedder=embedder)


def test_other_model_is_stale(private: Settings, embedder: Any) -> None:
    folder = current_version_dir(private.index_dir)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["model_fingerprint"] = "0123456789abcdef"
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexStale, match=r"model 0123456789abcdef .*configured model is "):
        load_engine(private, embedder=embedder)


def test_other_embedding_backend_is_stale(private: Settings) -> None:
    # The published index was made by the default backend; vectors of another are not mixed in.
    other = private.model_copy(update={"embed_backend": "torch" if private.embed_backend != "torch" else "openvino"})
    expected = rf"configured model is {re.escape(settings_fingerprint(other))}: run `cited build`"
    with pytest.raises(IndexStale, match=expected):
        open_published(other)
    assert open_published(private)[1].model_fingerprint == settings_fingerprint(private)


@pytest.mark.parametrize("damage", ["flip-byte", "truncate-faiss", "delete-file"])
def test_corrupt_files_are_named(private: Settings, embedder: Any, damage: str) -> None:
    folder = current_version_dir(private.index_dir)
    target = folder / ("dense.faiss" if damage == "truncate-faiss" else "units.jsonl")
    if damage == "flip-byte":
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
    elif damage == "truncate-faiss":
        target.write_bytes(target.read_bytes()[:1000])
    else:
        target.unlink()
    with pytest.raises(IndexCorrupt, match=target.name) as caught:
        load_engine(private, embedder=embedder)
    assert "\n" not in str(caught.value)


def test_current_pointing_nowhere_is_a_clear_error(private: Settings) -> None:
    (private.index_dir / CURRENT).write_text("no-such-version\n")
    with pytest.raises(IndexCorrupt, match="no-such-version"):
        load_published_units(private)


@pytest.mark.slow
def test_killed_build_leaves_the_served_index_intact(
    tmp_path: Path, built_index_dir: Path, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL in the middle of a rebuild: CURRENT is unchanged, the index still loads, and
    the next `cited build --force` removes the abandoned folder, says so, and publishes."""
    settings = Settings(corpus_dir=copy_corpus(tmp_path), index_dir=prepared_index(tmp_path, built_index_dir))
    shutil.rmtree(settings.index_dir / "cache")  # a cold cache makes the build long enough to kill
    before = (settings.index_dir / CURRENT).read_text()
    env = {**os.environ, "CITED_CORPUS_DIR": str(settings.corpus_dir), "CITED_INDEX_DIR": str(settings.index_dir)}
    build = subprocess.Popen(
        [sys.executable, "-m", "service", "build", "--force"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list((settings.index_dir / "versions").glob(".tmp-*")):
        assert build.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    assert (settings.index_dir / CURRENT).read_text() == before
    assert load_published_units(settings)
    (leftover,) = (settings.index_dir / "versions").glob(".tmp-*")
    # The warm cache back: the next build then re-embeds nothing, and only its clean-up is timed.
    link_cache(built_index_dir, settings.index_dir)
    monkeypatch.setattr("service.build.load_embedder", lambda settings: embedder)  # the model once per session
    result = cli(settings, monkeypatch, "build", "--force")
    assert result.exit_code == 0, result.output
    said = result.output.replace("\n", "")  # the console may wrap a long path
    assert "removed an abandoned build" in said and str(leftover) in said
    assert not list((settings.index_dir / "versions").glob(".tmp-*"))
    assert (settings.index_dir / CURRENT).read_text() != before
    assert load_published_units(settings)


def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    from click.testing import CliRunner

    from service.cli import main
    from service.settings import get_settings

    monkeypatch.setenv("CITED_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("CITED_INDEX_DIR", str(settings.index_dir))
    get_settings.cache_clear()
    return CliRunner().invoke(main, list(args))


def test_garbage_pointer_is_a_one_line_error(private: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    (private.index_dir / CURRENT).write_bytes(b"\xff\xfe\x00\x9c garbage\n")
    result = cli(private, monkeypatch, "units")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.splitlines() == [
        f"Error: {private.index_dir / CURRENT} is not a version name (not UTF-8 text): "
        "run `cited build` (or `make run`, which builds when needed)"
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("files", ["units.jsonl"]),
        ("units", "681"),
        ("format_version", "3"),
        ("dim", 384.0),
        ("tokens", True),
        ("vectors", -1),
        ("files", {"units.jsonl": 1}),
    ],
)
def test_manifest_field_of_the_wrong_type_is_a_one_line_error(
    private: Settings, monkeypatch: pytest.MonkeyPatch, field: str, value: Any
) -> None:
    folder = current_version_dir(private.index_dir)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest[field] = value
    (folder / MANIFEST).write_text(json.dumps(manifest))
    result = cli(private, monkeypatch, "units")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert len(result.output.splitlines()) == 1 and f"field '{field}' must be" in result.output


def test_manifest_without_re_ranking_vectors_is_refused_while_re_ranking_is_on(
    private: Settings, embedder: Any
) -> None:
    folder = current_version_dir(private.index_dir)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["tokens"] = 0
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(
        IndexStale,
        match=r"no re-ranking vectors \(tokens: 0\) but CITED_RERANK_DEPTH is 10: "
        r"run `cited build`.*or set CITED_RERANK_DEPTH=0",
    ):
        load_engine(private, embedder=embedder)
    assert load_engine(private.model_copy(update={"rerank_depth": 0}), embedder=embedder).files.tokens is None


def test_a_paragraph_s_opening_question_that_asks_nothing_of_its_own_is_a_heading() -> None:
    """ "Why does it matter?" opening a summary paragraph is left out of BM25; a question naming
    what it asks, a note's, or a paragraph made of the question alone are indexed as written."""
    from service.build import _heading_questions, _without_head
    from service.records import Unit
    from service.text import sentence_spans

    texts = [
        ("passage", "Why does it matter? Should the peace process fail, relations with Kabul would sour."),
        ("passage", "What's new? The fast withdrawal of troops threatens the talks."),
        ("passage", "Why did Pakistan back the Taliban? It wanted a friendly government in Kabul."),
        ("footnote", "Why does it matter? A commentary in a newspaper, 3 May 2021."),
        ("passage", "What should be done?"),
    ]
    units = [Unit(f"doc:u:{i}", kind, "doc", None, text, i, ()) for i, (kind, text) in enumerate(texts)]
    sentences = [(i, a, b) for i, unit in enumerate(units) for a, b in sentence_spans(unit.text)]
    heads = _heading_questions(units, sentences)
    assert sorted(heads) == [0, 1]
    assert _without_head(units[0], heads[0]).text.startswith("Should the peace process fail")
    assert _without_head(units[2], heads.get(2)) is units[2]
