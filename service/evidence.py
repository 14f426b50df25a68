"""What a ranked result has to show for itself: the evidence its calibrated score is read from.

Per result: its cosine to the question (in context), the share of the question's terms it
contains, its fused score relative to the best candidate's, its lead over the next result
(a clear winner is likelier right than the first of many alike), its rank, and how well it
matches the question's least-matched content word (late interaction: each word's best
word-piece similarity in the result). Per question: how much of it the corpus has never seen.
A question whose key entity or date occurs nowhere in the corpus ("What did Asim Munir say
...", "... in 2022" when every document is from 2021) is strong evidence that the corpus does
not answer it, however close a passage about the same country and the same people scores; so
is a year no document mentions that lies outside every span of years a document states ("What
did Pakistan do in 1975?" of reports that mention 1971 and 1989 but no "1971-1989"), and two
named things that no unit names together ("What did Hamid Karzai say in 2015?" of a corpus
that names Karzai, and 2015, but never in one passage). Everything here is read from the
loaded index (its vocabulary and postings, its documents' dates), so it holds for any corpus.
See docs/retrieval.md, "Abstention".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from service.bm25 import tokenize
from service.records import Document

FEATURES = (
    "cosine",
    "coverage",
    "relative",
    "lead",
    "reciprocal_rank",
    "least_matched",
    "unknown_share",
    "unknown_name",
    "unknown_year",
    "names_apart",
)
# Evidence that is not weighed but vetoes (service.calibration): nothing in the corpus can
# report on a year no document mentions, after every document's date or outside every span of
# years the documents state, nor on two named things no unit names together.
VETOES = (FEATURES.index("unknown_year"), FEATURES.index("names_apart"))
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
# A span of years as reports write one: "2007-2014", "2007–14", "from 2007 to 2014", "between
# 2007 and 2014", "1996 until 2001". A year inside one is reported on without being named.
_SPAN = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\s*(?:-|–|—|to|and|until|till|through)\s*(1[89]\d\d|2[01]\d\d|\d\d)\b")
_WORD = re.compile(r"\b\w[\w'\u2019-]*")
# Words that ask rather than name (BM25's English stop words aside): a question's content
# words are the others.
_ASKING = frozenset(
    """what who whom whose which when where why how is are was were be been being am do does did
has have had can could will would shall should may might must about from some any much many
more most also so than too very long far old else s""".split()
)
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_POSSESSIVE = ("'s", "\u2019s")
_SHORTEST_NAME = 3  # "US", "UN": reports write "U.S.", which the tokenizer drops (single letters)


@dataclass(frozen=True)
class QuestionScope:
    """How much of a question the corpus knows, whatever the ranking."""

    unknown_share: float  # share of the question's terms that no unit contains
    unknown_name: bool  # a capitalised word inside the question that no unit contains
    unknown_year: bool  # a year no unit mentions: after every document's date, or in no stated span
    names_apart: bool = False  # its two named things (names, years) are never named in one unit

    def as_row(self) -> tuple[float, float, float, float]:
        return self.unknown_share, float(self.unknown_name), float(self.unknown_year), float(self.names_apart)


class CorpusScope:
    """The corpus's vocabulary (stemmed, as BM25 indexes it), which units hold each term, its
    documents' years and the spans of years its units state."""

    def __init__(
        self,
        vocabulary: set[str] | dict[str, int],
        documents: Sequence[Document],
        unit_text: Callable[[int], str],
        unit_count: int,
        units_with: Callable[[str], np.ndarray] | None = None,
        unit_documents: np.ndarray | None = None,
    ) -> None:
        self._vocabulary = vocabulary
        self._years = {d.id: int(d.date[:4]) for d in documents if d.date and d.date[:4].isdigit()}
        self._latest_year = max(self._years.values()) if self._years else None
        self._unit_text, self._unit_count = unit_text, unit_count
        self._units_with = units_with  # the units holding a term (BM25's postings); None: not known
        self._unit_documents = unit_documents
        self._unit_years: np.ndarray | None = None  # read on the first named pair with a year
        self._spans: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # (unit, first, last)
        # Terms of a unit, tokenised on first use: only ranked heads are ever asked for.
        self._terms = lru_cache(maxsize=4096)(lambda unit: frozenset(tokenize([unit_text(unit)])[0]))

    def question(self, question: str) -> QuestionScope:
        """What the corpus knows of `question` read on its own."""
        terms = set(tokenize([question])[0])
        unknown = [t for t in terms if t not in self._vocabulary]
        names = {t for word in _names(question) for t in tokenize([word])[0]}
        unnamed = [int(year) for year in _YEAR.findall(question) if year not in self._vocabulary]
        return QuestionScope(
            len(unknown) / len(terms) if terms else 0.0,
            any(t not in self._vocabulary for t in names),
            any(self._unreported(year) for year in unnamed),
            self._apart(question),
        )

    def _unreported(self, year: int) -> bool:
        """Whether no document can report on `year`, a year no unit names: it comes after every
        document's date, or lies in no span of years a unit states. The documents' own year
        counts as reported (a report of June 2021 reports on 2021 without naming it)."""
        if self._latest_year is None:
            return False
        if year > self._latest_year:
            return True
        if year == self._latest_year:
            return False
        _, first, last = self._stated_spans()
        return not bool(((first <= year) & (year <= last)).any())

    def _apart(self, question: str) -> bool:
        """Whether the question names exactly two things (names, years) and no unit holds both.
        Two things asked about together ("What did Joe Biden say about India?", "What did Hamid
        Karzai say in 2015?") need a passage that names both; with three or more, a question
        often lists (four countries) where the passage that answers names fewer. A thing the
        corpus never names at all is left to unknown_name and unknown_year."""
        if self._units_with is None:
            return False
        things = _named_things(question)
        if len(things) != 2:
            return False
        held = [self._holding(thing) for thing in things]
        if held[0] is None or held[1] is None:
            return False
        return len(np.intersect1d(held[0], held[1], assume_unique=True)) == 0

    def _holding(self, thing: tuple[str, ...] | int) -> np.ndarray | None:
        """The units that name `thing` (any of a name's terms; a year named, its documents' own
        year, or inside a span a unit states); None when no unit names it."""
        assert self._units_with is not None
        if isinstance(thing, int):
            held = [self._units_with(str(thing))] if str(thing) in self._vocabulary else []
            years = self._years_of_units()
            if years is not None:
                held.append(np.flatnonzero(years == thing))
            unit, first, last = self._stated_spans()
            held.append(unit[(first <= thing) & (thing <= last)])
        else:
            held = [self._units_with(term) for term in thing if term in self._vocabulary]
        units = np.unique(np.concatenate(held)) if held else np.zeros(0, dtype=np.int64)
        return units if len(units) else None

    def _years_of_units(self) -> np.ndarray | None:
        """Each unit's document year (0: undated), built once."""
        if self._unit_documents is None:
            return None
        if self._unit_years is None:
            self._unit_years = np.array([self._years.get(str(d), 0) for d in self._unit_documents], dtype=np.int64)
        return self._unit_years

    def _stated_spans(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every span of years the units state, as (unit, first year, last year) arrays, read
        once (a regular-expression pass over the text, about a second at 100k units) and only
        when a question names a year no unit does, or a year beside a name."""
        if self._spans is None:
            spans = []
            for unit in range(self._unit_count):
                for first, last in _SPAN.findall(self._unit_text(unit)):
                    start = int(first)
                    end = int(first[:2] + last) if len(last) == 2 else int(last)
                    if start < end:
                        spans.append((unit, start, end))
            table = np.array(spans, dtype=np.int64).reshape(-1, 3)
            self._spans = (table[:, 0], table[:, 1], table[:, 2])
        return self._spans

    def coverage(self, query: str, units: Sequence[int] | np.ndarray) -> np.ndarray:
        """Per unit, the share of the query's terms (question and history) it contains."""
        terms = set(tokenize([query])[0])
        if not terms:
            return np.zeros(len(units), dtype=np.float32)
        return np.array([len(terms & self._terms(int(u))) / len(terms) for u in units], dtype=np.float32)


def content_pieces(question: str, spans: np.ndarray) -> list[np.ndarray]:
    """For each content word of `question` (not a stop word, not a word that asks), the rows of
    its word pieces, given where each piece lies in the question (`spans`, (n, 2))."""
    words = []
    for match in _WORD.finditer(question):
        word = match.group()
        if word.lower() in _ASKING or not tokenize([word])[0]:
            continue
        start, end = spans[:, 0], spans[:, 1]
        inside = np.flatnonzero((start >= match.start()) & (end <= match.end()) & (end > start))
        if len(inside):
            words.append(inside)
    return words


def least_matched(words: Sequence[np.ndarray], question: np.ndarray, units: Sequence[np.ndarray]) -> np.ndarray:
    """Per unit, the similarity of the question's least-matched content word: each word piece's
    best cosine to any of the unit's word pieces, averaged over the word's pieces, and the
    lowest over the words. A unit that answers has a counterpart for every word the question
    asks with ("flee", "deputy", "headquartered"); a passage about the same people that lacks
    one does not. 1.0 (nothing to match) for a question without content words."""
    if not words:
        return np.ones(len(units), dtype=np.float32)
    matched = np.zeros(len(units), dtype=np.float32)
    sizes = np.array([len(tokens) for tokens in units], dtype=np.int64)
    if not sizes.any():
        return matched
    # One product over every unit's pieces at once (as retrieve.maxsim), for the content
    # words' pieces only: the product is the whole cost (a few ms for five units).
    rows = np.unique(np.concatenate(list(words)))
    similarities = question[rows] @ np.concatenate([t for t in units if len(t)], dtype=np.float32).T
    starts = np.concatenate([[0], np.cumsum(sizes[sizes > 0])[:-1]])
    best = np.maximum.reduceat(similarities, starts, axis=1)  # (content pieces, units with pieces)
    per_word = np.stack([best[np.searchsorted(rows, word)].mean(axis=0) for word in words])
    matched[sizes > 0] = per_word.min(axis=0)
    return matched


def feature_rows(
    scope: QuestionScope, cosine: np.ndarray, coverage: np.ndarray, relative: np.ndarray, matched: np.ndarray
) -> np.ndarray:
    """One row of FEATURES per ranked result, best first. `relative` holds one fused score
    more than there are results when the ranking goes on (the lead of the last one)."""
    n = len(cosine)
    rank = np.arange(1, n + 1, dtype=np.float32)
    lead = relative[:n] - np.append(relative[1 : n + 1], relative[n : n + 1] if len(relative) > n else [0.0])[:n]
    question = np.tile(np.array(scope.as_row(), dtype=np.float32), (n, 1))
    per_result = np.column_stack([cosine, coverage, relative[:n], lead, 1.0 / rank, matched[:n]]).astype(np.float32)
    return np.hstack([per_result, question]) if n else np.zeros((0, len(FEATURES)), dtype=np.float32)


def vetoed(rows: np.ndarray) -> np.ndarray:
    """Per row, whether a veto (VETOES) holds."""
    flags: np.ndarray = np.any(rows[:, list(VETOES)] > 0, axis=1)
    return flags


def _names(question: str) -> list[str]:
    """Capitalised words after the first: the names a question asks about ("Asim Munir")."""
    return [word for word in _WORD.findall(question)[1:] if word[:1].isupper()]


def _named_things(question: str) -> list[tuple[str, ...] | int]:
    """The named things of a question: each run of capitalised words after the first word (a
    possessive ends a run: "Pakistan's Afghan policy" names two) as its BM25 terms, and each
    year. Months are dates, not names; words under three letters are left out."""
    things: list[tuple[str, ...] | int] = []
    run: list[str] = []
    words = _WORD.findall(question)
    for position, word in enumerate(words + [""]):
        named = position > 0 and word[:1].isupper() and word.lower() not in _MONTHS
        if named:
            run.append(word)
        if run and (not named or word.endswith(_POSSESSIVE)):
            terms = tuple(
                dict.fromkeys(
                    term
                    for part in run
                    if len(part.removesuffix("'s").removesuffix("\u2019s")) >= _SHORTEST_NAME
                    and part.lower() not in _ASKING
                    for term in tokenize([part])[0]
                )
            )
            if terms:
                things.append(terms)
            run = []
    things.extend(dict.fromkeys(int(year) for year in _YEAR.findall(question)))
    return things
