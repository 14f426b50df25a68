"""Compressed word-piece vectors (service.token_codec, service.window_tokens): the codec's
round trip on real vectors, re-ranking that ranks like float16, the load-time shape checks,
the incremental build that keeps the codec, and the small corpus that cannot train one."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.build import build_index
from service.engine import Engine, load_engine
from service.errors import IndexCorrupt
from service.evaluate.questions import load_questions
from service.retrieve import maxsim
from service.settings import Settings
from service.store import (
    CODES,
    OFFSETS,
    WindowTokens,
    current_version_dir,
    load_index_files,
    load_window_tokens,
    read_manifest,
    read_units,
)
from service.token_codec import CODEC_FILE, FP16, PQ_M, TokenCodec

from .conftest import CORPUS
from .support.copies import copy_index
from .support.tiny_index import tiny_settings

Pieces = tuple[np.ndarray, np.ndarray]


def window_texts(folder: Path) -> list[str]:
    units = read_units(folder / "units.jsonl")
    return [units[int(u)].text[int(a) : int(b)] for u, a, b in np.load(folder / "windows.npy")]


@pytest.fixture(scope="module")
def real_pieces(built_index_dir: Path, embedder: Any) -> Pieces:
    """Every window's word-piece vectors as the model gives them (float32), and their offsets."""
    _, pieces = embedder.encode_with_tokens(window_texts(current_version_dir(built_index_dir)))
    return np.concatenate(pieces), np.cumsum([0, *(len(p) for p in pieces)]).astype(np.int64)


def test_the_corpus_gets_product_codes_an_eighth_of_float16_or_less(built_index_dir: Path) -> None:
    folder = current_version_dir(built_index_dir)
    manifest = read_manifest(folder)
    assert manifest.token_codec == f"pq{PQ_M}" and manifest.token_codec_trained == manifest.tokens
    codes = np.load(folder / CODES, mmap_mode="r")
    assert codes.shape == (manifest.tokens, PQ_M) and codes.nbytes * 8 <= manifest.tokens * manifest.dim * 2
    assert {CODES, OFFSETS, CODEC_FILE} <= set(manifest.files)  # checksummed like every file


def test_round_trip_error_is_bounded_on_real_vectors(built_index_dir: Path, real_pieces: Pieces) -> None:
    vectors, offsets = real_pieces
    folder = current_version_dir(built_index_dir)
    tokens = load_window_tokens(folder, read_manifest(folder), len(offsets) - 1)
    assert tokens is not None and np.array_equal(tokens.offsets, offsets)
    decoded = tokens.windows(0, len(offsets) - 1)
    cosine = (decoded * vectors).sum(axis=1) / np.linalg.norm(decoded, axis=1)
    assert cosine.mean() >= 0.88 and np.quantile(cosine, 0.01) >= 0.78  # pq48 gives 0.904 and 0.834, pq64 more
    # What MaxSim adds up: a piece's similarity to the pieces of other windows.
    rng = np.random.default_rng(0)
    queries = vectors[rng.choice(len(vectors), 64, replace=False)]
    assert np.abs(queries @ decoded.T - queries @ vectors.T).mean() <= 0.03  # pq48 gives 0.021, pq64 less


SAMPLE_STRIDE = 3


def _dev_sample() -> list[str]:
    """Every SAMPLE_STRIDE-th dev question, in file order: the agreement checks below read a
    rate, which a fixed third of a set that grows each session measures as well as the whole."""
    questions = load_questions([CORPUS / "questions" / "dev.jsonl"])
    return [q.question for q in questions[::SAMPLE_STRIDE]]


@pytest.mark.timeout(900)  # two engines over a third of the dev questions
def test_re_ranking_with_codes_ranks_like_float16(engine: Engine, real_pieces: Pieces) -> None:
    vectors, offsets = real_pieces
    fp16 = TokenCodec(FP16, vectors.shape[1])
    exact = Engine(
        dataclasses.replace(engine.files, tokens=WindowTokens(fp16.encode(vectors), offsets, fp16)),
        engine.embedder,
        engine.settings,
    )
    questions = _dev_sample()
    agree = 0
    for question in questions:
        ours, theirs = engine.ask(question, top_k=3), exact.ask(question, top_k=3)
        agree += [r.hit.unit.id for r in ours.results[:1]] == [r.hit.unit.id for r in theirs.results[:1]]
    assert agree >= 0.95 * len(questions)


def test_maxsim_over_codes_orders_each_head_like_float16(engine: Engine, real_pieces: Pieces) -> None:
    vectors, offsets = real_pieces
    fp16 = TokenCodec(FP16, vectors.shape[1])
    exact = dataclasses.replace(engine.files, tokens=WindowTokens(fp16.encode(vectors), offsets, fp16))
    agree, questions = 0, _dev_sample()
    index_of = {u.id: i for i, u in enumerate(engine.files.units)}
    for question in questions:
        _, tokens = engine.embedder.encode_query_with_tokens(question)
        head = [index_of[r.hit.unit.id] for r in engine.ask(question, top_k=10).results]
        if len(head) < 2:  # abstained: nothing to re-rank
            agree += 1
            continue
        ours = maxsim(tokens, [engine.files.unit_tokens(u) for u in head])
        theirs = maxsim(tokens, [exact.unit_tokens(u) for u in head])
        agree += int(np.argmax(ours)) == int(np.argmax(theirs))
    assert agree >= 0.8 * len(questions)  # the best MaxSim of the head is the same unit


@pytest.mark.parametrize("damage", ["a row short", "another codec's width", "float codes"])
def test_load_refuses_a_codes_file_that_does_not_match(tmp_path: Path, built_index_dir: Path, damage: str) -> None:
    folder = tmp_path / "version"
    shutil.copytree(current_version_dir(built_index_dir), folder)
    manifest = read_manifest(folder)
    codes = np.load(folder / CODES)
    bad = {"a row short": codes[:-1], "another codec's width": codes[:, :32], "float codes": codes.astype(np.float32)}[
        damage
    ]
    np.save(folder / CODES, bad)
    with pytest.raises(IndexCorrupt, match=f"{CODES} does not match its manifest"):
        load_index_files(folder, manifest)


def test_load_refuses_offsets_that_do_not_match_the_codes(tmp_path: Path, built_index_dir: Path) -> None:
    folder = tmp_path / "version"
    shutil.copytree(current_version_dir(built_index_dir), folder)
    offsets = np.load(folder / OFFSETS)
    offsets[-1] += 1
    np.save(folder / OFFSETS, offsets)
    with pytest.raises(IndexCorrupt, match=f"{OFFSETS} does not match"):
        load_index_files(folder, read_manifest(folder))


def test_rebuild_keeps_the_codec_and_copies_unchanged_windows_codes(
    tmp_path: Path, built_index_dir: Path, embedder: Any
) -> None:
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    shutil.copytree(CORPUS, settings.corpus_dir)
    copy_index(built_index_dir, settings.index_dir)
    before = current_version_dir(settings.index_dir)
    old_texts, old_codes = window_texts(before), np.load(before / CODES)
    old_offsets, old_codec = np.load(before / OFFSETS), (before / CODEC_FILE).read_bytes()
    trained = read_manifest(before).token_codec_trained  # the old version goes when the new one is published
    document = settings.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("Such sentiment is reciprocated.", "Such sentiment is returned."), "utf-8")
    build_index(settings, embedder=embedder, progress=False)
    after = current_version_dir(settings.index_dir)
    assert after != before and (after / CODEC_FILE).read_bytes() == old_codec
    assert read_manifest(after).token_codec_trained == trained
    codes, offsets = np.load(after / CODES), np.load(after / OFFSETS)
    old_rows = {t: old_codes[old_offsets[w] : old_offsets[w + 1]] for w, t in enumerate(old_texts)}
    texts = window_texts(after)
    changed = [w for w, t in enumerate(texts) if t not in old_rows]
    assert len(changed) == 1
    for w, t in enumerate(texts):
        if t in old_rows:
            assert np.array_equal(codes[offsets[w] : offsets[w + 1]], old_rows[t])
    assert load_engine(settings, embedder=embedder).ask("Such sentiment is returned").results


def test_a_small_corpus_keeps_float16_and_answers(tmp_path: Path, built_index_dir: Path, embedder: Any) -> None:
    settings = tiny_settings(tmp_path, built_index_dir)
    build_index(settings, embedder=embedder, progress=False)
    folder = current_version_dir(settings.index_dir)
    manifest = read_manifest(folder)
    assert manifest.token_codec == FP16 and manifest.tokens and not (folder / CODEC_FILE).exists()
    engine = load_engine(settings, embedder=embedder)
    assert engine.files.tokens is not None and engine.files.tokens.codes.shape[1] == 2 * manifest.dim
    answer = engine.ask("Is Pakistan's relationship with the Taliban reciprocated?")
    assert answer.results
