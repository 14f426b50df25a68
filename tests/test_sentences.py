"""service.sentences.uncovered_match: the question's word pieces a sentence leaves uncovered,
and how well it and another sentence match them."""

from __future__ import annotations

import numpy as np

from service.sentences import uncovered_match


def _unit(*rows: list[float]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_the_pieces_the_first_span_leaves_open_are_scored_in_both() -> None:
    question = _unit([1, 0, 0], [0, 1, 0])  # the second piece is what the first span leaves open
    pieces = _unit([1, 0, 0], [1, 0.1, 0], [0, 1, 0.2])
    spans = np.array([[0, 5], [6, 10], [20, 25]])
    match = uncovered_match(question, spans, pieces, (0, 10), (20, 25), 0.6)
    assert match is not None
    first, second = match
    assert first < 0.2 and second > 0.9


def test_nothing_open_or_a_span_without_pieces_gives_none() -> None:
    question = _unit([1, 0, 0])
    pieces = _unit([1, 0, 0], [0, 1, 0])
    spans = np.array([[0, 5], [20, 25]])
    assert uncovered_match(question, spans, pieces, (0, 5), (20, 25), 0.6) is None
    assert uncovered_match(question, spans, pieces, (0, 5), (30, 40), 0.0) is None
