"""The lexical side: a BM25 index (bm25s) with English stop words and Snowball stemming."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import Stemmer

_STEMMER = Stemmer.Stemmer("english")
BATCH = 256  # texts per tokenizer call in tokenize_each
PROBE_TEXTS = 64  # texts terms_digest reads whole, besides every distinct word

# British and American spellings of one word, which Snowball stems apart ("recognise" ->
# "recognis", "recognize" -> "recogn"): a question spelt one way must find a document spelt the
# other, and a library mixes both. American -ize/-yze is folded to -ise/-yse (the British -ise
# words with no -ize form, "promise", "exercise", are left alone: no word is written -ize for
# them), British -our to -or ("behaviour" -> "behavior"); at least four letters before the
# suffix keep "size" and "seize", three before -our keep "hour", "your" and "four", and -our
# only after the letters its words have it after (behaviour, labour, odour, vigour, colour,
# humour, honour, favour), so that names are left as written ("Mansour", "Ashour"). British
# -ence to -ense in the closed list of nouns spelt both ways ("defence", "offence", "licence",
# "pretence"); no other -ence word ("fence", "science", "evidence") has an -ense form.
_IZE = re.compile(r"(?<=[a-z]{4})([iy])z(e|es|ed|ing|er|ers|ation|ations)$")
_OUR = re.compile(r"(?<=[a-z]{2}[bdgilmnv])our(s|ed|ing|ite|ites|able|ably|er|ers)?$")
_OUR_KEPT = frozenset({"dev", "cont", "det", "param", "troubad", "vel"})  # devour, contour, detour, …
_ENCE = re.compile(r"^(def|off|lic|pret)ence(s|less)?$")


# A name written in another form than the corpus writes it must meet it in every check that
# compares a question's names with a sentence's (docs/retrieval.md, "Names in other forms"):
# a dotted abbreviation is its letters ("U.S." is "US", "U.N." is "UN", whatever the letters),
# a name spelt out is its abbreviation ("the United States" is "US", "the United Nations" "UN"),
# and a country's demonym, singular or plural, is the country ("American" and "Americans" are
# "America", "Pakistani" is "Pakistan", "Chinese" is "China"). "US" is read as "USA", which is
# "America": lower-cased, "US" is the pronoun "us" ("assured us that …"), which only the
# all-capital "US" tells apart. The text is read so before bm25s splits it, since "U.S." splits into
# single letters it drops and "United States" into two words; the demonyms word by word, in `stem`.
_DOTTED = re.compile(r"\b[A-Z](?:\.[A-Z])+\b\.?")  # "U.S.", "U.N.", "U.K.", "U.S" cut by a split
_SPELT_OUT = (
    (re.compile(r"\b(?:United\s+States(?:\s+of\s+America)?|US)\b"), "USA"),
    (re.compile(r"\bUnited\s+Nations\b"), "UN"),
    (re.compile(r"\b(?:United\s+Kingdom|Great\s+Britain)\b"), "UK"),
    # A region named by "America" is one word, no form of the United States' name.
    (re.compile(r"\b(Latin|South|North|Central)\s+(America)"), r"\1\2"),
)
# Demonyms (lower-cased, as bm25s hands words to `stem`) and the country each names. English
# words, not the corpus's: a user's document may name any of these. A demonym shared by two
# countries ("Korean", "Congolese") or one with another common sense ("Turkish" is fine,
# "Polish" is also a verb, "Georgian" an era) is left out.
_DEMONYMS = {
    "afghan": "afghanistan",
    "afghans": "afghanistan",
    "american": "america",
    "americans": "america",
    "usa": "america",
    "bangladeshi": "bangladesh",
    "bangladeshis": "bangladesh",
    "british": "uk",
    "britain": "uk",
    "canadian": "canada",
    "canadians": "canada",
    "chinese": "china",
    "egyptian": "egypt",
    "egyptians": "egypt",
    "emirati": "emirates",
    "emiratis": "emirates",
    "european": "europe",
    "europeans": "europe",
    "french": "france",
    "german": "germany",
    "germans": "germany",
    "indian": "india",
    "indians": "india",
    "iranian": "iran",
    "iranians": "iran",
    "iraqi": "iraq",
    "iraqis": "iraq",
    "israeli": "israel",
    "israelis": "israel",
    "japanese": "japan",
    "kazakh": "kazakhstan",
    "kazakhs": "kazakhstan",
    "kyrgyz": "kyrgyzstan",
    "nepalese": "nepal",
    "nepali": "nepal",
    "pakistani": "pakistan",
    "pakistanis": "pakistan",
    "qatari": "qatar",
    "qataris": "qatar",
    "russian": "russia",
    "russians": "russia",
    "syrian": "syria",
    "syrians": "syria",
    "tajik": "tajikistan",
    "tajiks": "tajikistan",
    "turkish": "turkey",
    "turkmen": "turkmenistan",
    "uzbek": "uzbekistan",
    "uzbeks": "uzbekistan",
}


def fold_names(text: str) -> str:
    """`text` with its dotted abbreviations written as letters and its spelt-out names as their
    abbreviations (above), before the tokenizer splits it."""
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    for pattern, written in _SPELT_OUT:
        text = pattern.sub(written, text)
    return text


def fold_spelling(word: str) -> str:
    """`word` (lower-cased) in one spelling of the British and American pair it belongs to."""
    word = _IZE.sub(r"\1s\2", word)
    word = _ENCE.sub(r"\1ense\2", word)
    our = _OUR.search(word)
    if our is not None and word[: our.start()] not in _OUR_KEPT:
        word = f"{word[: our.start()]}or{our.group(1) or ''}"
    return word


def _stem_words(words: list[str]) -> list[str]:
    """Each of `words` stemmed after its spelling is folded (bm25s calls this with each text
    batch's distinct words)."""
    return [stem(word) for word in words]


def tokenize(texts: list[str], *, progress: bool = False) -> list[list[str]]:
    """Lower-cased, stop-worded, spelling-folded, stemmed tokens, the same at build and at query
    time."""
    texts = [fold_names(text) for text in texts]
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=_stem_words, return_ids=False, show_progress=progress)
    return [list(t) for t in tokens]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """`word` (lower-cased) as `tokenize` stems it, without its stop-word list: for readers that
    compare one word's forms ("leader", "led")."""
    return str(_STEMMER.stemWord(fold_spelling(_DEMONYMS.get(word, word))))


def tokenize_each(texts: Sequence[str]) -> Iterator[list[str]]:
    """`tokenize` of each of many short texts (a corpus's words), a batch of BATCH per call:
    one call per text builds bm25s's state (tqdm bars, the stop-word set) each time, thousands
    of times at a load; one call for all keeps thousands of lists alive at once, enough to set
    off a full garbage collection (a second or more) in a process holding the model."""
    for start in range(0, len(texts), BATCH):
        yield from tokenize(list(texts[start : start + BATCH]))


def terms_digest(texts: Sequence[str]) -> str:
    """A digest of the terms `tokenize` makes of `texts`. A build compares the published
    version's digest of its units with its own, so that a change to the tokenizer (stop words,
    spelling folds, stemming) rebuilds the lexical indexes even when the corpus, the parser and
    the format number are unchanged (docs/reliability.md, "Index").

    Read word by word: the tokenizer's pattern never spans a space, so each distinct
    space-separated chunk's terms (sorted, each chunk once) decide every text's terms, at a
    quarter of the cost of tokenizing every text on each `cited build` (docs/scale.md, "The
    up-to-date check"). The first PROBE_TEXTS texts are also read whole, so that a change which
    does read across spaces (word pairs, say) shows too."""
    digest = hashlib.sha256()
    chunks = sorted({chunk for text in texts for chunk in text.split()})
    probe = list(texts[:PROBE_TEXTS])
    for text, terms in zip([*chunks, *probe], tokenize_each([*chunks, *probe]), strict=True):
        digest.update(f"{text}\t{' '.join(terms)}\n".encode())
    return digest.hexdigest()


def terms_of(text: str) -> frozenset[str]:
    """The distinct terms of `text`, as `tokenize` reads them."""
    return frozenset(tokenize([text])[0])


def term_share(model: bm25s.BM25, term: str) -> float:
    """The share of the model's documents that hold `term` (stemmed, as `tokenize` gives it),
    read from its postings' offsets: 0 for a term it never saw."""
    start, end = _postings(model, term)
    return float(end - start) / max(int(model.scores["num_docs"]), 1)


def units_holding(model: bm25s.BM25, term: str) -> np.ndarray:
    """The units (document indices) whose postings hold `term` (stemmed): none for a term the
    model never saw."""
    start, end = _postings(model, term)
    return np.asarray(model.scores["indices"][start:end])


def _postings(model: bm25s.BM25, term: str) -> tuple[int, int]:
    """Where `term`'s postings lie in the model's sparse score matrix; (0, 0) for a term it
    never saw."""
    index = model.vocab_dict.get(term)
    offsets = model.scores["indptr"]
    if index is None or index + 1 >= len(offsets):
        return 0, 0
    return int(offsets[index]), int(offsets[index + 1])


def build_bm25(texts: list[str], *, progress: bool = False) -> bm25s.BM25:
    """A BM25 index over `texts` (row i is unit i); `progress` shows bm25s's bars (a minute
    or more at 100k units)."""
    # k1 and b tuned on the development questions (docs/tuning.md): units are
    # long paragraphs, so length normalisation is eased.
    model = bm25s.BM25(method="lucene", k1=1.2, b=0.5)
    model.index(tokenize(texts, progress=progress), show_progress=progress)
    return model


def save_bm25(model: bm25s.BM25, folder: Path) -> None:
    model.save(str(folder), show_progress=False)


def load_bm25(folder: Path, *, mmap: bool = True) -> bm25s.BM25:
    """The saved index; with `mmap`, its postings stay in the file (the page cache) and a
    question reads only its terms' postings: memory no longer grows with the corpus, and
    versions served side by side share the pages. Scores are the same either way."""
    return bm25s.BM25.load(str(folder), show_progress=False, mmap=mmap)


def bm25_scores(model: bm25s.BM25, query: str, n_units: int) -> np.ndarray:
    """BM25 score of every unit for `query` (zeros when no query term is in the vocabulary)."""
    tokens = [t for t in tokenize([query])[0] if t in model.vocab_dict]
    if not tokens:
        return np.zeros(n_units, dtype=np.float32)
    scores: Any = model.get_scores(tokens)
    return np.asarray(scores, dtype=np.float32)
