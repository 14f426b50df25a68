"""A version's everyday-word lexicon (service.offtopic.CorpusLexicon): the general words the
corpus writes and those it writes in no form, with the rows of each stem of the latter, in
`lexicon_words.json`, and each word as the model reads it alone, in `lexicon_vectors.npy`
(float32, the written words' rows first). Both
lists depend only on the corpus and the model, so the build encodes them once, through the
embedding cache, and a load reads them (memory-mapped) instead of encoding about 19,000 words
(docs/retrieval.md, "Everyday words the corpus writes otherwise"). An index built before
they were stored has an older format version and is refused with the fix (`cited build`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from service.errors import IndexCorrupt
from service.store.layout import FIX, Manifest

WORDS = "lexicon_words.json"
VECTORS = "lexicon_vectors.npy"


@dataclass(frozen=True)
class StoredLexicon:
    """Both word lists, sorted and disjoint, and their unit vectors (`vectors`: the written
    words' rows, then the unwritten words')."""

    written: list[str]  # the general words the corpus writes
    unwritten: list[str]  # the general words it writes in no form (what else a word may mean)
    vectors: np.ndarray  # (written + unwritten, dim) float32
    # Each stem (as BM25 reads it) of the unwritten words, and their rows among them: a word's
    # own forms are no rival to it. Tokenizing 17,000 words took 0.2-0.5 s of every load.
    unwritten_stems: dict[str, list[int]]

    @property
    def written_vectors(self) -> np.ndarray:
        return self.vectors[: len(self.written)]

    @property
    def unwritten_vectors(self) -> np.ndarray:
        return self.vectors[len(self.written) :]


def write_lexicon(
    folder: Path,
    written: Sequence[str],
    unwritten: Sequence[str],
    unwritten_stems: dict[str, list[int]],
    vectors: np.ndarray,
) -> None:
    """Store both lists, the unwritten words' stems and their vectors (rows in the order of
    `written`, then `unwritten`)."""
    if len(vectors) != len(written) + len(unwritten):
        raise ValueError(f"{len(vectors)} lexicon vectors for {len(written)} + {len(unwritten)} words")
    words = {"written": list(written), "unwritten": list(unwritten), "unwritten_stems": unwritten_stems}
    (folder / WORDS).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    np.save(folder / VECTORS, np.asarray(vectors, dtype=np.float32))


def load_lexicon(folder: Path, manifest: Manifest) -> StoredLexicon:
    """The version's lexicon, its vectors memory-mapped (a load reads none of them; the first
    question that reads the lexicon pages them in), checked against its word lists."""
    try:
        words = json.loads((folder / WORDS).read_text(encoding="utf-8"))
        written, unwritten, stems = words["written"], words["unwritten"], words["unwritten_stems"]
        vectors = np.load(folder / VECTORS, mmap_mode="r")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorrupt(f"{folder / WORDS} or {VECTORS} cannot be read ({exc}): {FIX}") from exc
    if (
        not isinstance(written, list)
        or not isinstance(unwritten, list)
        or not isinstance(stems, dict)
        or not all(isinstance(w, str) for w in [*written, *unwritten])
    ):
        raise IndexCorrupt(f"{folder / WORDS} does not hold two lists of words and their stems: {FIX}")
    if vectors.dtype != np.float32 or vectors.shape != (len(written) + len(unwritten), manifest.dim):
        raise IndexCorrupt(
            f"{folder / VECTORS} holds {vectors.dtype} {vectors.shape}, expected "
            f"{len(written) + len(unwritten)}x{manifest.dim} float32 for {folder / WORDS}: {FIX}"
        )
    # A plain array over the mapped file, as the sentence vectors (service.store.load).
    return StoredLexicon(written, unwritten, np.asarray(vectors), stems)
