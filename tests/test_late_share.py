"""Late interaction over the whole pool for a first question said in other words than the
corpus's, the abstention reading the un-re-fused scores place by place (service.retrieve,
lexical_confidence, with_late_share, in_late_order; docs/tuning.md, "Paraphrases: late
interaction over the whole pool when the words are not the corpus's", sessions 40 and 41), and
the answer withdrawn when the order without it abstains (Engine._unshared_abstains, session 42)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import service.engine as engine_module
import service.retrieve as retrieve
from service.retrieve import (
    LATE_SHARE,
    LEXICAL_CONFIDENT,
    Ranked,
    encode,
    in_late_order,
    lexical_confidence,
    rank,
    with_late_share,
)

# Dev d1817: "the generals' belief about Washington's intentions" for "the military believed the
# U.S. was subletting Afghanistan to them"; no unit holds much of its words' weight.
PARAPHRASE = "How did an opposition figure sum up the generals' belief about Washington's intentions?"
PARAPHRASE_GOLD = "the U.S. was subletting Afghanistan to them"
OWN_WORDS = "Who said the U.S. was subletting Afghanistan to the Pakistani military?"


def _ranked(units: list[int], scores: list[float], dense: list[float]) -> Ranked:
    return Ranked(
        np.array(units, dtype=np.int64),
        np.array(scores, dtype=np.float32),
        np.array(dense, dtype=np.float32),
        np.zeros(len(units), dtype=np.float32),
    )


def test_late_interaction_weighs_in_only_as_its_share_over_the_pool() -> None:
    fused = with_late_share(_ranked([7, 8, 9], [1.0, 0.9, 0.2], [0.5, 0.6, 0.7]), np.array([0.2, 0.3, 0.6]))
    # MaxSim (0.2, 0.3, 0.6) min-max from 0 is (1/3, 1/2, 1); 8 gains enough to lead, 9 not.
    assert fused.units.tolist() == [8, 7, 9]
    expected = [(1 - LATE_SHARE) * 0.9 + LATE_SHARE * 0.5, (1 - LATE_SHARE) * 1.0 + LATE_SHARE / 3]
    assert fused.scores[:2].tolist() == pytest.approx(expected, abs=1e-6)


def test_the_late_order_keeps_the_un_re_fused_scores_place_by_place() -> None:
    fused = _ranked([7, 8, 9], [1.0, 0.6, 0.2], [0.5, 0.6, 0.7])
    re_fused = _ranked([8, 7, 9], [0.9, 0.85, 0.3], [0.6, 0.5, 0.7])
    kept = in_late_order(re_fused, fused)
    assert kept.units.tolist() == [8, 7, 9] and kept.dense.tolist() == pytest.approx([0.6, 0.5, 0.7])
    # The first place's score and its lead over the second are the fusion's (1.0, 0.4), not 0.05.
    assert kept.scores.tolist() == pytest.approx([1.0, 0.6, 0.2])


def test_a_paraphrase_the_lexical_side_holds_little_of_leads_with_its_unit(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = engine.files
    query = encode(engine.embedder, PARAPHRASE, (), "hybrid")
    ranked = rank(files, query, None, "hybrid", engine.settings)
    assert lexical_confidence(files.bm25, PARAPHRASE, ranked.units, len(files.units)) < LEXICAL_CONFIDENT
    assert PARAPHRASE_GOLD in files.units[int(ranked.units[0])].text
    monkeypatch.setattr(retrieve, "LEXICAL_CONFIDENT", 0.0)  # the same pool without the late share
    fused = rank(files, query, None, "hybrid", engine.settings)
    assert PARAPHRASE_GOLD not in files.units[int(fused.units[0])].text
    assert ranked.scores.tolist() == pytest.approx(fused.scores.tolist())


def test_a_question_in_the_corpus_words_is_confident(engine: Any) -> None:
    files = engine.files
    ranked = rank(files, encode(engine.embedder, OWN_WORDS, (), "hybrid"), None, "hybrid", engine.settings)
    assert lexical_confidence(files.bm25, OWN_WORDS, ranked.units, len(files.units)) >= LEXICAL_CONFIDENT
    assert PARAPHRASE_GOLD in files.units[int(ranked.units[0])].text


# Dev d1078 (near-topic, unanswerable): the late share leads with a sentence on the Chaman border
# crossing, read with the fusion's sureness; the fused order abstains.
NEAR_TOPIC = "How did Pakistan respond when Taliban fighters fired on its border troops at Chaman?"
# Dev d3083: the late share lifts the fused third to the lead; the fused order answers too.
SYNONYM = "If the Taliban keep their intimate links with al-Qaeda, what might Pakistan confront from Washington?"
SYNONYM_GOLD = "Pakistan could also face heightened U.S. pressure"


def test_the_answer_is_withdrawn_when_the_order_without_the_late_share_abstains(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert engine.ask(NEAR_TOPIC).abstained
    monkeypatch.setattr(engine_module, "UNSHARED_HELD", 10**6)  # the late share's first read alone
    assert not engine.ask(NEAR_TOPIC).abstained


def test_a_paraphrase_the_late_share_leads_with_stands_when_the_fused_order_answers(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = engine.ask(SYNONYM)
    assert not answer.abstained and SYNONYM_GOLD in answer.sentences[0].text
    monkeypatch.setattr(retrieve, "LEXICAL_CONFIDENT", 0.0)  # the fused order alone
    fused = engine.ask(SYNONYM)
    assert fused.abstained or SYNONYM_GOLD not in fused.sentences[0].text
