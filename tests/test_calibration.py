"""Calibrated scores: the map, its fitting, the abstention cut and the reliability diagram,
and what the real engine makes of them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.bm25 import tokenize
from service.calibration import (
    Calibration,
    abstention_cut,
    expected_calibration_error,
    fit_isotonic,
    fit_logistic,
    load_calibration,
    reliability,
)
from service.errors import IndexCorrupt
from service.evidence import FEATURES, VETOES, CorpusScope, content_pieces, feature_rows, least_matched
from service.records import Document


def rows_of(*values: list[float]) -> np.ndarray:
    return np.array(values, dtype=np.float32)


def test_probabilities_never_rise_down_the_ranking_and_the_veto_zeroes_them() -> None:
    weights = tuple(1.0 if name == "cosine" else 0.0 for name in FEATURES)
    calibration = Calibration(weights, 0.0, 0.3)
    rows = np.zeros((3, len(FEATURES)), dtype=np.float32)
    rows[:, FEATURES.index("cosine")] = [0.2, 0.9, 0.1]  # the second is likelier on its own
    probabilities = calibration.probabilities(rows)
    assert np.all(np.diff(probabilities) <= 0) and probabilities[0] == pytest.approx(1 / (1 + np.exp(-0.2)))
    for veto in VETOES:
        vetoed = rows.copy()
        vetoed[:, veto] = 1.0
        assert calibration.probabilities(vetoed).tolist() == [0.0, 0.0, 0.0]


def test_fitting_learns_which_way_the_evidence_points() -> None:
    generator = np.random.default_rng(7)
    rows = generator.random((400, len(FEATURES))).astype(np.float32)
    rows[:, list(VETOES)] = 0.0
    cosine = rows[:, FEATURES.index("cosine")]
    labels = generator.random(400) < cosine  # the higher the cosine, the likelier a hit
    weights, _ = fit_logistic(rows, labels)
    assert weights[FEATURES.index("cosine")] > 2.0
    assert all(weights[veto] == 0.0 for veto in VETOES)
    scores = Calibration(weights, _, 0.0).probabilities(rows[np.argsort(-cosine)])
    table = reliability(scores, labels[np.argsort(-cosine)])
    assert expected_calibration_error(table) < 0.1  # fitted on these rows: close to the diagonal


def test_the_abstention_cut_keeps_to_its_budget() -> None:
    top = [0.9, 0.8, 0.2, 0.1, 0.05, 0.5]
    answerable = [True, True, True, True, False, False]
    assert abstention_cut(top, answerable, max_share=0.25) == 0.2  # abstains on one of four
    assert abstention_cut(top, answerable, max_share=0.0) == 0.1  # on none


def test_reliability_bins_compare_mean_score_with_hit_rate() -> None:
    table = reliability([0.05, 0.15, 0.85, 0.95], [False, False, True, False], bins=10)
    assert [b.count for b in table] == [1, 1, 0, 0, 0, 0, 0, 0, 1, 1]
    assert table[8].predicted == pytest.approx(0.85) and table[8].observed == 1.0
    assert table[9].observed == 0.0 and table[2].predicted is None
    assert expected_calibration_error(table) == pytest.approx((0.05 + 0.15 + 0.15 + 0.95) / 4)


def test_a_calibration_fitted_on_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    path.write_text(
        json.dumps({"features": ["cosine"], "weights": [1.0], "intercept": 0.0, "abstain_below": 0.3}), encoding="utf-8"
    )
    with pytest.raises(IndexCorrupt, match="--calibrate"):
        load_calibration(path)
    assert load_calibration().weights  # the shipped one loads


def test_what_the_corpus_never_names_is_measured() -> None:
    corpus = "What did the Taliban tell Pakistan's foreign minister in Kabul in 2021?"
    scope = CorpusScope(
        set(tokenize([corpus])[0]), [Document("d", "d.txt", "D", date="2021-06-30")], lambda unit: corpus, 1
    )
    known = scope.question("What did the Taliban tell Pakistan in Kabul in 2021?")
    assert known.unknown_share == 0.0 and not known.unknown_name and not known.unknown_year
    later = scope.question("What did China's foreign minister tell the Taliban in Kabul in 2022?")
    assert later.unknown_year and later.unknown_name  # 2022 and China are never named
    # The documents' own year is not "after" them, even where no unit mentions it.
    assert (
        not CorpusScope(set(), [Document("d", "d.txt", "D", date="2021-06-30")], lambda unit: "", 1)
        .question("What happened in 2021?")
        .unknown_year
    )
    matched = np.array([0.7, 0.2])
    rows = feature_rows(later, np.array([0.6, 0.5]), np.array([0.5, 0.2]), np.array([1.0, 0.4, 0.3]), matched)
    assert rows.shape == (2, len(FEATURES)) and rows[:, FEATURES.index("unknown_year")].tolist() == [1.0, 1.0]
    assert rows[:, FEATURES.index("lead")] == pytest.approx([0.6, 0.1])
    assert rows[:, FEATURES.index("least_matched")] == pytest.approx([0.7, 0.2])
    assert scope.coverage("Taliban minister in 2022", [0]).tolist() == pytest.approx([2 / 3])


def test_an_earlier_year_is_unknown_unless_a_stated_span_of_years_holds_it() -> None:
    units = [
        "The TTP waged its most violent campaign between 2007 and 2014.",
        "Taliban rule (1996-2001) ended after the attacks.",
        "Pakistan's policy changed after 1971 and again in 1989.",
    ]
    vocabulary = set(tokenize([" ".join(units)])[0])
    scope = CorpusScope(vocabulary, [Document("d", "d.txt", "D", date="2021-06-30")], lambda unit: units[unit], 3)
    assert scope.question("What did Pakistan do in 1975?").unknown_year  # between 1971 and 1989, in no span
    assert scope.question("What happened in 1985 between Pakistan and the Taliban?").unknown_year
    assert not scope.question("Was the TTP active in 2011?").unknown_year  # inside 2007-2014
    assert not scope.question("What did the Taliban do in 1998?").unknown_year  # inside 1996-2001
    assert not scope.question("What changed in 1989?").unknown_year  # named
    two_digits = CorpusScope(set(), [Document("d", "d.txt", "D", date="2021")], lambda unit: "In 2007-14 it grew.", 1)
    assert not two_digits.question("And in 2010?").unknown_year


def scope_over(units: list[str], date: str = "2021-06-30") -> CorpusScope:
    """A CorpusScope over made-up units of one document, with postings as BM25 keeps them."""
    terms = [set(tokenize([text])[0]) for text in units]
    vocabulary = set().union(*terms)

    def units_with(term: str) -> np.ndarray:
        return np.array([u for u, held in enumerate(terms) if term in held], dtype=np.int64)

    documents = [Document("d", "d.txt", "D", date=date)]
    return CorpusScope(
        vocabulary, documents, lambda unit: units[unit], len(units), units_with, np.array(["d"] * len(units))
    )


def test_two_named_things_no_unit_names_together_are_apart() -> None:
    scope = scope_over(
        [
            "Hamid Karzai accused Pakistan of harbouring the Taliban in 2006.",
            "In 2015, Pakistan hosted talks in Murree.",
            "India and Afghanistan signed a strategic partnership.",
            "Joe Biden announced the withdrawal from Afghanistan.",
            "The TTP waged its most violent campaign between 2007 and 2014.",
        ]
    )
    assert scope.question("What did Hamid Karzai say in 2015?").names_apart  # both named, never together
    assert scope.question("What did Joe Biden say about India?").names_apart
    assert not scope.question("What did Hamid Karzai say in 2006?").names_apart  # named together
    assert not scope.question("What did Joe Biden say about Afghanistan?").names_apart
    assert not scope.question("What did the TTP do in 2010?").names_apart  # inside a span its unit states
    assert not scope.question("What did Joe Biden decide in June 2021?").names_apart  # the document's own year
    # Three named things are often a list the answer names only part of; one is not a pair.
    assert not scope.question("What did Joe Biden say about India and Pakistan in 2015?").names_apart
    assert not scope.question("What did Hamid Karzai say?").names_apart
    # A name the corpus never writes is unknown_name's business, not a pair's.
    assert not scope.question("What did Ashraf Ghani say in 2015?").names_apart
    # Short capitalised words ("US", written "U.S." and dropped by the tokenizer) are no names.
    assert not scope.question("What did the US say in 2015?").names_apart


def test_the_least_matched_content_word_is_what_a_unit_lacks() -> None:
    question = "When did Ashraf Ghani flee Afghanistan?"
    spans = np.array([[m.start(), m.end()] for m in re.finditer(r"\w+", question)])
    words = content_pieces(question, spans)
    assert [question[spans[w[0], 0] : spans[w[-1], 1]] for w in words] == ["Ashraf", "Ghani", "flee", "Afghanistan"]
    # One made-up direction per piece; a unit holding all but "flee", and one holding all four.
    pieces = np.eye(len(spans), dtype=np.float32)
    flee = int(words[2][0])
    without = np.delete(pieces, flee, axis=0)
    matched = least_matched(words, pieces, [without, pieces, np.zeros((0, len(spans)), dtype=np.float32)])
    assert matched.tolist() == [0.0, 1.0, 0.0]
    assert least_matched([], pieces, [without]).tolist() == [1.0]  # nothing to match


def test_engine_scores_are_probabilities_and_a_question_about_a_later_year_abstains(engine: Any) -> None:
    answer = engine.ask("How long is the Durand Line that Afghan leaders refuse to accept as the border?")
    scores = [r.hit.score for r in answer.results]
    assert not answer.abstained and all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    later = engine.ask("What did China's foreign minister tell the Taliban in Kabul in 2022?")
    assert later.abstained and later.results == ()
    earlier = engine.ask("What did Pakistan do in 1975?")  # named nowhere, in no stated span
    assert earlier.abstained and earlier.results == ()
    weak = engine.ask("Why was the second round called off?")  # answerable, but less certain
    assert not weak.abstained and weak.results[0].hit.score < scores[0]


def test_the_isotonic_step_is_monotone_capped_and_follows_the_hit_rates() -> None:
    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9])
    labels = np.array([0, 1, 0, 0, 1, 1, 1, 1], dtype=bool)  # 0.2 hits, 0.3 and 0.4 do not
    knots = fit_isotonic(scores, labels)
    assert [y for _, y in knots] == sorted(y for _, y in knots)  # never falls
    assert knots[1] == pytest.approx((0.3, 1 / 3)) and knots[-1][1] == 0.99  # 0.2-0.4 pooled; capped
    calibration = Calibration(tuple(0.0 for _ in FEATURES), 0.0, 0.0, knots=knots)
    assert calibration.probabilities(np.zeros((1, len(FEATURES)), dtype=np.float32))[0] == pytest.approx(
        float(np.interp(0.5, [x for x, _ in knots], [y for _, y in knots]))
    )


def test_a_near_topic_question_about_two_things_never_named_together_abstains(engine: Any) -> None:
    # Both are named in the corpus, never in one passage: without the veto these were answered
    # (0.64 and 0.79) from a passage about the same person.
    assert engine.ask("What did Imran Khan say in 2010?").abstained
    assert engine.ask("What did Shah Mahmood Qureshi say about Iran?").abstained
    # The same people, beside what the corpus does name with them, are answered.
    for question, name in [
        ("What did Imran Khan say in 2018?", "Khan"),
        ("What did Shah Mahmood Qureshi say about the Taliban?", "Qureshi"),
        ("What did Mansour buy in Karachi?", "Mansour"),
    ]:
        answer = engine.ask(question)
        assert not answer.abstained and name in answer.results[0].hit.unit.text, question
