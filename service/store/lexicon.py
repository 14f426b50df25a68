"""A version's everyday-word lexicon (service.offtopic.CorpusLexicon): the general words the
corpus writes and those it writes in no form, with the rows of each stem of the latter, in
`lexicon_words.json`, and each word as the model reads it alone, in `lexicon_vectors.npy`
(float32, the written words' rows first). Both lists depend only on the corpus and the model,
so the build encodes them once, through the embedding cache, and a load reads them
(memory-mapped) instead of encoding about 19,000 words (docs/retrieval.md, "Everyday words the
corpus writes otherwise"). An index built before they were stored has an older format version
and is refused with the fix (`cited build`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from service.bm25 import tokenize
from service.errors import IndexCorrupt
from service.store.layout import FIX, Manifest

WORDS = "lexicon_words.json"
VECTORS = "lexicon_vectors.npy"


@dataclass(frozen=True)
class StemRows:
    """Each stem of a list of words (as BM25 reads them) and the rows of the words that have
    it: the rows of stem `index[s]` are `rows[first[i]:first[i + 1]]`. Flat arrays rather than a
    list per stem: 12,000 lists read at load set off a full garbage collection (0.3 s) in it."""

    index: dict[str, int]
    first: np.ndarray  # (stems + 1,) int64
    rows: np.ndarray  # int64

    @classmethod
    def of(cls, words: Sequence[str]) -> StemRows:
        by_stem: dict[str, list[int]] = {}
        for row, stems in enumerate(tokenize(list(words))):
            for stem in stems:
                by_stem.setdefault(stem, []).append(row)
        first = np.cumsum([0, *(len(rows) for rows in by_stem.values())], dtype=np.int64)
        rows = np.fromiter((row for stem_rows in by_stem.values() for row in stem_rows), dtype=np.int64)
        return cls({stem: at for at, stem in enumerate(by_stem)}, first, rows)

    def of_stem(self, stem: str) -> np.ndarray:
        """The rows of the words with `stem` (none for a stem no word has)."""
        at = self.index.get(stem)
        return self.rows[:0] if at is None else self.rows[self.first[at] : self.first[at + 1]]

    def to_json(self) -> dict[str, Any]:
        return {"stems": list(self.index), "first": self.first.tolist(), "rows": self.rows.tolist()}

    @classmethod
    def from_json(cls, data: dict[str, Any], words: int) -> StemRows:
        """ValueError when the arrays do not describe rows of `words` words."""
        stems, first = data["stems"], np.asarray(data["first"], dtype=np.int64)
        rows = np.asarray(data["rows"], dtype=np.int64)
        if (
            not all(isinstance(stem, str) for stem in stems)
            or first.shape != (len(stems) + 1,)
            or first[0] != 0
            or first[-1] != len(rows)
            or bool((np.diff(first) < 0).any())
            or bool(((rows < 0) | (rows >= words)).any())
        ):
            raise ValueError("the stems' rows do not match the words")
        return cls({stem: at for at, stem in enumerate(stems)}, first, rows)


@dataclass(frozen=True)
class StoredLexicon:
    """Both word lists, sorted and disjoint, and their unit vectors (`vectors`: the written
    words' rows, then the unwritten words')."""

    written: list[str]  # the general words the corpus writes
    unwritten: list[str]  # the general words it writes in no form (what else a word may mean)
    vectors: np.ndarray  # (written + unwritten, dim) float32
    # The unwritten words' stems and rows (a word's own forms are no rival to it): stored, as
    # tokenizing 17,000 words took 0.2-0.5 s of every load.
    unwritten_stems: StemRows

    @property
    def written_vectors(self) -> np.ndarray:
        return self.vectors[: len(self.written)]

    @property
    def unwritten_vectors(self) -> np.ndarray:
        return self.vectors[len(self.written) :]


def write_lexicon(folder: Path, written: Sequence[str], unwritten: Sequence[str], vectors: np.ndarray) -> None:
    """Store both lists, the unwritten words' stems and the vectors (rows in the order of
    `written`, then `unwritten`)."""
    if len(vectors) != len(written) + len(unwritten):
        raise ValueError(f"{len(vectors)} lexicon vectors for {len(written)} + {len(unwritten)} words")
    words = {"written": list(written), "unwritten": list(unwritten), **StemRows.of(unwritten).to_json()}
    (folder / WORDS).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    np.save(folder / VECTORS, np.asarray(vectors, dtype=np.float32))


def load_lexicon(folder: Path, manifest: Manifest) -> StoredLexicon:
    """The version's lexicon, its vectors memory-mapped (a load reads none of them; the first
    question that reads the lexicon pages them in), checked against its word lists."""
    try:
        words = json.loads((folder / WORDS).read_text(encoding="utf-8"))
        written, unwritten = words["written"], words["unwritten"]
        if not (isinstance(written, list) and isinstance(unwritten, list)):
            raise ValueError("the words are not two lists")
        if not all(isinstance(w, str) for w in [*written, *unwritten]):
            raise ValueError("a word is not a string")
        stems = StemRows.from_json(words, len(unwritten))
        vectors = np.load(folder / VECTORS, mmap_mode="r")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorrupt(f"{folder / WORDS} or {VECTORS} cannot be read ({exc}): {FIX}") from exc
    if vectors.dtype != np.float32 or vectors.shape != (len(written) + len(unwritten), manifest.dim):
        raise IndexCorrupt(
            f"{folder / VECTORS} holds {vectors.dtype} {vectors.shape}, expected "
            f"{len(written) + len(unwritten)}x{manifest.dim} float32 for {folder / WORDS}: {FIX}"
        )
    # A plain array over the mapped file, as the sentence vectors (service.store.load).
    return StoredLexicon(written, unwritten, np.asarray(vectors), stems)
