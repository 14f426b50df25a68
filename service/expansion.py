"""Query expansion for a question the lexical side cannot read: the corpus's nearest words to the
question's words that no unit writes.

A paraphrase asks in words the corpus never writes ("menaced" for "threatening", "jailed" for
"imprisoned"), so BM25 reads only its topic words ("Kabul", "Taliban"), which most units hold,
and min-max over the pool still turns that weak evidence into a strong ranking that decides the
fused order (docs/tuning.md, "Paraphrases: the dense side weighed by the lexical side's
confidence"). Such a question is told apart before ranking by `lexical_confidence`: the largest
share of its words' weight one candidate holds. Below `LEXICAL_CONFIDENT`, each of its content
words that no unit writes is read alone by the model and handed to BM25 as the `NEIGHBOURS`
general words the corpus writes nearest to it (within `NEIGHBOUR_COSINE`), at `EXPANSION_SHARE`
of the question's own weight (service.retrieve.lexical_scores). The corpus's words and their
vectors are the lexicon the build stores (service.store.lexicon), so everything is read from the
loaded index and holds when a document is added (docs/retrieval.md, "Query expansion").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from service.bm25 import term_share, tokenize, units_holding
from service.question_words import ASKING_TERMS, FUNCTION_TERMS
from service.store import StoredLexicon

# A question no candidate holds this share of, in its own words, is read as a paraphrase: dev's
# answerable questions have a median of 0.74, the paraphrase kinds quartiles of 0.25 and 0.37,
# and above 0.3 questions in the text's words that name several things begin to fall under it
# (docs/tuning.md, session 34's table).
LEXICAL_CONFIDENT = 0.3
NEIGHBOURS = 3  # corpus words read for each unwritten question word
NEIGHBOUR_COSINE = 0.5  # how near (each word read alone by the model) a corpus word must lie
EXPANSION_SHARE = 0.4  # the neighbours' BM25 next to the question's own
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def _content_terms(question: str) -> list[str]:
    """The question's BM25 terms, how it asks and its function words left out, each once."""
    terms = dict.fromkeys(tokenize([question])[0])
    return [t for t in terms if t not in ASKING_TERMS and t not in FUNCTION_TERMS]


def lexical_confidence(unit_bm25: Any, question: str, candidates: np.ndarray, n_units: int) -> float:
    """The largest share of `question`'s weight that one of `candidates` holds: each content
    term's IDF over the units (a term no unit holds weighs as one a single unit holds); 1.0 when
    the question has no content term or there is no candidate."""
    terms = _content_terms(question)
    if not terms or not len(candidates):
        return 1.0
    held = np.zeros(len(candidates), dtype=np.float64)
    total = 0.0
    for term in terms:
        share = term_share(unit_bm25, term)
        weight = float(np.log(1.0 / share)) if share > 0 else float(np.log(max(n_units, 2)))
        total += weight
        held += weight * np.isin(candidates, units_holding(unit_bm25, term))
    return float(held.max() / total) if total > 0 else 1.0


def unwritten_words(question: str, unit_bm25: Any) -> list[str]:
    """The lower-cased words of `question` whose every term no unit holds, names (capitalised
    words after the first) and words of how it asks left out: what the corpus says otherwise."""
    words = []
    for position, word in enumerate(_WORD.findall(question)):
        if position and word[:1].isupper():
            continue
        terms = [t for t in tokenize([word])[0] if t not in ASKING_TERMS and t not in FUNCTION_TERMS]
        if terms and all(term_share(unit_bm25, t) == 0 for t in terms):
            words.append(word.lower())
    return list(dict.fromkeys(words))


def nearest_written(
    words: list[str], lexicon: StoredLexicon, encode: Callable[[list[str]], np.ndarray], question: str
) -> list[str]:
    """For each of `words`, the `NEIGHBOURS` general words the corpus writes nearest to it (each
    read alone by `encode`), within `NEIGHBOUR_COSINE`, none a form of a word of `question`."""
    written = lexicon.written
    if not words or not written:
        return []
    asked = set(tokenize([question])[0])
    cosines = encode(words) @ np.asarray(lexicon.written_vectors, dtype=np.float32).T
    found: list[str] = []
    for row in cosines:
        kept = 0
        for at in np.argsort(-row)[: NEIGHBOURS * 4]:
            if kept == NEIGHBOURS or row[at] < NEIGHBOUR_COSINE:
                break
            terms = set(tokenize([written[at]])[0])
            if not terms or terms & asked:
                continue
            found.append(written[at])
            kept += 1
    return list(dict.fromkeys(found))


def expansion(
    question: str,
    unit_bm25: Any,
    candidates: np.ndarray,
    n_units: int,
    lexicon: StoredLexicon,
    encode: Callable[[list[str]], np.ndarray],
) -> str:
    """The corpus's words for what `question` says otherwise, joined ("" when the lexical side is
    confident of it, or it has no unwritten word with a near corpus word)."""
    if lexical_confidence(unit_bm25, question, candidates, n_units) >= LEXICAL_CONFIDENT:
        return ""
    return " ".join(nearest_written(unwritten_words(question, unit_bm25), lexicon, encode, question))
