"""Late interaction over the whole pool for a first question said in other words than the
corpus's (service.retrieve.lexical_confidence, with_late_share; docs/tuning.md, "Paraphrases:
late interaction over the whole pool when the words are not the corpus's")."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from service.retrieve import LATE_SHARE, LEXICAL_CONFIDENT, Ranked, encode, lexical_confidence, rank, with_late_share

# Dev d1817: "the generals' belief about Washington's intentions" for "the military believed the
# U.S. was subletting Afghanistan to them"; no unit holds much of its words' weight.
PARAPHRASE = "How did an opposition figure sum up the generals' belief about Washington's intentions?"
PARAPHRASE_GOLD = "the U.S. was subletting Afghanistan to them"
OWN_WORDS = "Who said the U.S. was subletting Afghanistan to the Pakistani military?"


def test_late_interaction_weighs_in_only_as_its_share_over_the_pool() -> None:
    ranked = Ranked(
        np.array([7, 8, 9], dtype=np.int64),
        np.array([1.0, 0.9, 0.2], dtype=np.float32),
        np.array([0.5, 0.6, 0.7], dtype=np.float32),
        np.zeros(3, dtype=np.float32),
    )
    fused = with_late_share(ranked, np.array([0.2, 0.3, 0.6], dtype=np.float32))
    # MaxSim (0.2, 0.3, 0.6) min-max from 0 is (1/3, 1/2, 1); 9 gains most but not enough.
    assert fused.units.tolist() == [8, 7, 9]
    expected = [(1 - LATE_SHARE) * 0.9 + LATE_SHARE * 0.5, (1 - LATE_SHARE) * 1.0 + LATE_SHARE / 3]
    assert fused.scores[:2].tolist() == pytest.approx(expected, abs=1e-6)


def test_a_paraphrase_the_lexical_side_holds_little_of_leads_with_its_unit(engine: Any) -> None:
    files = engine.files
    query = encode(engine.embedder, PARAPHRASE, (), "hybrid")
    ranked = rank(files, query, None, "hybrid", engine.settings)
    assert lexical_confidence(files.bm25, PARAPHRASE, ranked.units, len(files.units)) < LEXICAL_CONFIDENT
    assert PARAPHRASE_GOLD in files.units[int(ranked.units[0])].text


def test_a_question_in_the_corpus_words_is_confident(engine: Any) -> None:
    files = engine.files
    ranked = rank(files, encode(engine.embedder, OWN_WORDS, (), "hybrid"), None, "hybrid", engine.settings)
    assert lexical_confidence(files.bm25, OWN_WORDS, ranked.units, len(files.units)) >= LEXICAL_CONFIDENT
    assert PARAPHRASE_GOLD in files.units[int(ranked.units[0])].text
