"""Scores within SCORE_TIE are a tie, broken by what a rebuilt index cannot move
(service.composing.highest_within_tie, in_tie_order; docs/tuning.md, sessions 42 and 43). Each
test sets scores a few thousandths apart, which the plain highest score would order the
other way, then a clear gap that it must still follow."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from service.composing import SCORE_TIE, AskedFor, highest_within_tie, in_tie_order
from service.lead import highest_own, passage_over_note
from service.sentences import ScoredSentence


def test_the_highest_within_the_tie_is_the_first_of_the_highest_tie_break() -> None:
    scores = {"a": 0.500, "b": 0.503, "c": 0.490}
    order = ["a", "b", "c"]
    assert highest_within_tie(order, scores.__getitem__, lambda x: -order.index(x)) == "a"
    assert max(order, key=scores.__getitem__) == "b"  # what the plain highest score chose
    scores["b"] = 0.500 + SCORE_TIE + 0.001
    assert highest_within_tie(order, scores.__getitem__, lambda x: -order.index(x)) == "b"


def test_a_unit_s_sentences_within_the_tie_go_to_the_earlier_one() -> None:
    # The own score has no finer signal under it: the unit's reading order breaks the tie.
    first, second = ScoredSentence(0, 0, 10, 0.612, row=4), ScoredSentence(0, 11, 20, 0.615, row=5)
    assert highest_own([first, second]) is first
    assert highest_own([second, first]) is first
    clear = ScoredSentence(0, 11, 20, 0.612 + SCORE_TIE + 0.001, row=5)
    assert highest_own([first, clear]) is clear


def test_near_equal_sentences_are_quoted_in_the_results_order() -> None:
    # The lower result's sentence scores 0.003 above the higher result's: they keep the results'
    # order; a sentence clearly above both comes first, and one clearly below stays last.
    higher, lower = ("higher", 0.701), ("lower", 0.704)
    top, last = ("top", 0.760), ("last", 0.650)
    assert in_tie_order([higher, lower, last, top], lambda pair: pair[1]) == [top, higher, lower, last]
    assert sorted([higher, lower], key=lambda pair: -pair[1]) == [lower, higher]  # the plain order


def _first_sentence(sources: Any, kind: str) -> tuple[Any, ScoredSentence]:
    index = next(i for i, unit in enumerate(sources.units) if unit.kind == kind and len(sources.sentences.of_unit(i)))
    row = int(sources.sentences.of_unit(index)[0])
    start, end = (int(x) for x in sources.sentences.spans[row])
    return sources.units[index], ScoredSentence(index, start, end, 0.0, row)


def test_a_passage_within_the_tie_of_a_note_s_lead_leaves_it_the_lead(engine: Any) -> None:
    # A question of no content words and no names: the passage's sentence answers as closely as
    # the note's (`_as_close`), and only the lead scores decide. Within SCORE_TIE, the note the
    # fused order put first keeps the lead; clearly above it, the passage takes it.
    sources = engine.sources
    note, note_sentence = _first_sentence(sources, "footnote")
    passage, passage_sentence = _first_sentence(sources, "passage")
    asked = AskedFor("Is it so?", None, False, frozenset())

    def lead_with(passage_score: float) -> Any:
        lead, other = replace(note_sentence, score=0.5), replace(passage_sentence, score=passage_score)
        offered = [(note, [lead]), (passage, [other])]
        return passage_over_note(offered, (note, [lead], lead), asked, sources)[0]

    assert lead_with(0.5 + SCORE_TIE / 2) is note
    assert lead_with(0.5 + SCORE_TIE + 0.001) is passage
