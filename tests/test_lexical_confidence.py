"""The dense side weighed by the lexical side's confidence: a question no candidate holds much
of in its own words (a paraphrase) fuses with the dense side at UNSURE_DENSE_WEIGHT
(docs/tuning.md, "Paraphrases: the dense side weighed by the lexical side's confidence")."""

from __future__ import annotations

from typing import Any

import numpy as np

from service.dates import lexical_forms
from service.evaluate.questions import contains_gold
from service.retrieve import (
    LEXICAL_CONFIDENT,
    UNSURE_DENSE_WEIGHT,
    encode,
    fusion_weight,
    lexical_confidence,
    rank,
)

# Dev `d1817` (paraphrase): the sentence says "the U.S. was subletting Afghanistan to them".
PARAPHRASE = "How did an opposition figure sum up the generals' belief about Washington's intentions?"
PARAPHRASE_GOLD = "the U.S. was subletting Afghanistan to them"
# Dev `d2983` (paraphrase-fresh-control): the sentence's own words.
OWN_WORDS = "What have the U.S. and other major donors pledged to continue?"


def test_the_dense_weight_rises_only_below_the_confidence() -> None:
    assert fusion_weight(LEXICAL_CONFIDENT - 0.01, 0.4) == UNSURE_DENSE_WEIGHT
    assert fusion_weight(LEXICAL_CONFIDENT, 0.4) == 0.4
    assert fusion_weight(1.0, 0.4) == 0.4
    assert fusion_weight(0.0, 0.9) == 0.9  # a setting above it is kept


def _confidence(engine: Any, question: str) -> float:
    files = engine.files
    return lexical_confidence(files.bm25, lexical_forms(question), np.arange(len(files.units)), len(files.units))


def test_a_question_in_the_texts_own_words_is_confident_and_a_paraphrase_is_not(engine: Any) -> None:
    assert _confidence(engine, OWN_WORDS) >= LEXICAL_CONFIDENT
    assert _confidence(engine, PARAPHRASE) < LEXICAL_CONFIDENT
    assert _confidence(engine, "What did they say?") == 1.0  # nothing but how it asks


def test_a_paraphrase_is_led_by_the_unit_that_says_it_in_other_words(engine: Any) -> None:
    query = encode(engine.embedder, PARAPHRASE, (), "hybrid")
    ranked = rank(engine.files, query, None, "hybrid", engine.settings)
    assert contains_gold(engine.files.units[int(ranked.units[0])].text, [PARAPHRASE_GOLD])
