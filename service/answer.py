"""From ranked units to what a user sees: highlighted sentences, a verbatim extractive answer,
an abstention when the evidence is weak, and an exact citation for each result."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from service.answer_type import AnswerType, expected_type, states
from service.bm25 import tokenize
from service.records import Answer, AnswerSentence, Document, Hit, Result, Unit
from service.retrieve import Ranked
from service.settings import Settings

LEXICAL_WEIGHT = 0.25  # share of query-term overlap in a sentence's highlight score
HIGHLIGHT_MARGIN = 0.08
MAX_HIGHLIGHTS = 2
ANSWER_SENTENCES = 3
ANSWER_MARGIN = 0.12  # answer sentences score within this of the best one
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True)
class SentenceTable:
    """Every sentence of every unit: spans into the unit's text and unit-length vectors."""

    unit_of: np.ndarray  # (n,) unit index of each sentence
    spans: np.ndarray  # (n, 2) start, end into the unit's text
    vectors: np.ndarray  # (n, dim) float32
    first: np.ndarray  # (n_units + 1,) sentences of unit i are first[i]:first[i + 1]

    @classmethod
    def from_rows(cls, rows: np.ndarray, vectors: np.ndarray, n_units: int) -> SentenceTable:
        order = np.argsort(rows[:, 0], kind="stable")
        rows, vectors = rows[order], vectors[order]
        first = np.searchsorted(rows[:, 0], np.arange(n_units + 1))
        return cls(rows[:, 0], rows[:, 1:3], np.ascontiguousarray(vectors, dtype=np.float32), first)

    def __len__(self) -> int:
        return len(self.unit_of)

    def of_unit(self, unit_index: int) -> range:
        return range(int(self.first[unit_index]), int(self.first[unit_index + 1]))

    def best_of_units(self, sentence_scores: np.ndarray) -> np.ndarray:
        """Per unit, the best score among its sentences (0 for a unit without sentences)."""
        best = np.zeros(len(self.first) - 1, dtype=np.float32)
        np.maximum.at(best, self.unit_of, sentence_scores)
        return best

    def best_cosine(self, units: np.ndarray, query: np.ndarray) -> np.ndarray:
        """Per listed unit, the cosine of its sentence closest to `query` (-1 if none)."""
        best = np.full(len(units), -1.0, dtype=np.float32)
        for position, unit in enumerate(units):
            start, stop = int(self.first[unit]), int(self.first[unit + 1])
            if stop > start:
                best[position] = float((self.vectors[start:stop] @ query).max())
        return best


@dataclass(frozen=True)
class ScoredSentence:
    unit_index: int
    start: int
    end: int
    score: float


def score_sentences(
    table: SentenceTable, unit_index: int, query: np.ndarray, query_terms: set[str],
    stems_of: dict[int, set[str]], lexical_weight: float,
) -> list[ScoredSentence]:
    """Each sentence of a unit scored by cosine to the question plus shared query terms."""
    rows = table.of_unit(unit_index)
    if not rows:
        return []
    sims = table.vectors[rows.start:rows.stop] @ query[0]
    scored = []
    for offset, row in enumerate(rows):
        overlap = len(query_terms & stems_of.get(row, set())) / max(len(query_terms), 1)
        start, end = (int(x) for x in table.spans[row])
        scored.append(ScoredSentence(unit_index, start, end, float(sims[offset]) + lexical_weight * overlap))
    return scored


def pick_highlights(sentences: list[ScoredSentence], margin: float, limit: int) -> list[ScoredSentence]:
    """The best sentence, plus others nearly as good (within `margin`), in text order."""
    if not sentences:
        return []
    best = max(s.score for s in sentences)
    chosen = sorted((s for s in sentences if s.score >= best - margin), key=lambda s: -s.score)[:limit]
    return sorted(chosen, key=lambda s: s.start)


@dataclass(frozen=True)
class Sources:
    """What composing an answer reads from the loaded index."""

    units: Sequence[Unit]
    documents: Mapping[str, Document]
    by_id: Mapping[str, int]  # unit id -> index into `units`
    sentences: SentenceTable
    sentence_terms: Mapping[int, set[str]]  # sentence row -> its BM25 terms


def compose(
    question: str, query: str, vector: np.ndarray, ranked: Ranked, top_k: int, sources: Sources, settings: Settings
) -> Answer:
    """The top `top_k` results with their highlights and the verbatim answer, or an abstention."""
    if ranked.best_dense < settings.abstain_threshold or len(ranked.units) == 0:
        return Answer(question, True, (), ())
    terms = set(tokenize([query])[0])
    wanted = expected_type(question)
    results: list[Result] = []
    candidates: list[tuple[ScoredSentence, Unit]] = []
    for rank in range(1, min(top_k, len(ranked.units)) + 1):
        index, score = int(ranked.units[rank - 1]), float(ranked.scores[rank - 1])
        unit = sources.units[index]
        scored = score_sentences(sources.sentences, index, vector, terms, sources.sentence_terms, LEXICAL_WEIGHT)
        chosen = pick_highlights(scored, HIGHLIGHT_MARGIN, MAX_HIGHLIGHTS)
        results.append(_result(rank, unit, score, ranked, rank - 1, chosen, sources))
        if rank <= ANSWER_SENTENCES and chosen:
            candidates.extend((sentence, unit) for sentence in _offered(rank, chosen, unit, wanted, question))
    if wanted is not None and ranked.best_dense < settings.answer_type_cosine:
        # A date or quantity question that the top result's highlights do not answer
        # in kind (service.answer_type); strong evidence is left to answer in words.
        top = results[0]
        if not any(states(wanted, top.hit.unit.text[start:end], question) for start, end in top.highlights):
            return Answer(question, True, (), ())
    return Answer(question, False, _answer_sentences(candidates, settings.abstain_threshold), tuple(results))


def _answer_sentences(
    candidates: list[tuple[ScoredSentence, Unit]], floor_score: float
) -> tuple[AnswerSentence, ...]:
    """Up to ANSWER_SENTENCES sentences in rank order: the top result's best sentence
    always leads (the fused, re-ranked order judges which unit answers better than one
    sentence's score), the others follow when close to the best of them all: a weak
    sentence is left out rather than padded in."""
    if not candidates:
        return ()
    best = max(sentence.score for sentence, _ in candidates)
    floor = max(floor_score, best - ANSWER_MARGIN)
    answer: list[AnswerSentence] = []
    for position, (sentence, unit) in enumerate(candidates):
        text = unit.text[sentence.start:sentence.end]
        if (position == 0 or sentence.score >= floor) and all(a.text != text for a in answer):
            answer.append(AnswerSentence(text, unit.id))
    return tuple(answer[:ANSWER_SENTENCES])


def _result(
    rank: int, unit: Unit, score: float, ranked: Ranked, position: int, chosen: list[ScoredSentence],
    sources: Sources,
) -> Result:
    dense = float(ranked.dense[position])
    hit = Hit(unit, score, dense if dense > -1 else None, float(ranked.lexical[position]) or None)
    document = sources.documents[unit.document_id]
    cited = tuple(sources.units[sources.by_id[f"{unit.document_id}:fn:{n}"]] for n in unit.footnotes)
    return Result(rank, hit, document, tuple((s.start, s.end) for s in chosen), citation(document, unit), cited)


def _offered(
    rank: int, chosen: list[ScoredSentence], unit: Unit, wanted: AnswerType | None, question: str
) -> list[ScoredSentence]:
    """The sentences a result offers the answer: the top result every highlighted one, the
    others their best. For a date or quantity question the top result's sentences that state
    one go first (answer extraction: the question restates one sentence, the value it asks
    for is often in the next)."""
    best_first = sorted(chosen, key=lambda sentence: -sentence.score)
    if rank > 1:
        return best_first[:1]
    if wanted is None:
        return best_first
    return sorted(best_first, key=lambda sentence: not states(wanted, unit.text[sentence.start:sentence.end], question))


def citation(document: Document, unit: Unit) -> str:
    """A readable citation: who, "title", series, date, section, footnote.

    With an author: author, "title", publisher; without: publisher, "title".
    """
    title = f"\u201c{document.title}\u201d" if '"' in document.title else f'"{document.title}"'
    head = [document.author, title, document.publisher] if document.author else [document.publisher, title]
    parts = [p for p in head if p]
    if document.series:
        parts.append(document.series)
    if document.date:
        parts.append(human_date(document.date))
    if unit.section_label:
        parts.append(f"§{unit.section_label}")
    if unit.kind == "footnote" and unit.number is not None:
        parts.append(f"footnote {unit.number}")
    return ", ".join(parts)


def human_date(iso: str) -> str:
    """'2021-06-30' -> '30 June 2021'; '2021-09' -> 'September 2021'; '2021' -> '2021'."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        day = date.fromisoformat(iso)
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        year, month = iso.split("-")
        return f"{_MONTHS[int(month) - 1]} {year}"
    return iso
