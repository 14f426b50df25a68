"""Finding one sentence of the real index, scored for a question, as the answer step scores it;
and made-up units and sentences for the rules that choose among scored sentences by score alone."""

from __future__ import annotations

from typing import Any

from service.records import Unit
from service.sentences import ScoredSentence, score_sentences


def scored_sentence(
    engine: Any, question: str, starts: str, terms: set[str], document: str, kind: str | None = None
) -> tuple[int, ScoredSentence, Any]:
    """The sentence of `document` (of units of `kind`, when given) starting with `starts`,
    scored for `question` with `terms`: its unit's index, the sentence, the question's vector."""
    sources = engine.sources
    vector = engine.embedder.encode_query(question)
    for index, unit in enumerate(sources.units):
        if unit.document_id != document or (kind is not None and unit.kind != kind):
            continue
        for sentence in score_sentences(sources.sentences, index, vector, terms, sources.sentence_terms, 0.25):
            if unit.text[sentence.start : sentence.end].startswith(starts):
                return index, sentence, vector
    raise AssertionError(starts)


def passage_unit(unit_id: str) -> Unit:
    """A passage of 100 characters, its text of no matter: the rules tested read only scores."""
    return Unit(unit_id, "passage", "doc", None, "x" * 100, 0, ((0, 100),))


def sentence_at(start: int, score: float) -> ScoredSentence:
    """A sentence of 10 characters at `start` of its unit, scored `score`."""
    return ScoredSentence(0, start, start + 10, score)
