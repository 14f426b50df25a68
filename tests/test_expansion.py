"""Query expansion for a question the lexical side cannot read: the corpus's nearest words to the
question's words no unit writes join BM25 when no candidate holds LEXICAL_CONFIDENT of it
(service.expansion; docs/tuning.md, "Paraphrases: the corpus's nearest words for the ones it
never writes")."""

from __future__ import annotations

from typing import Any

import numpy as np

from service.bm25 import terms_of
from service.evaluate.questions import contains_gold
from service.expansion import LEXICAL_CONFIDENT, expansion, lexical_confidence, unwritten_words
from service.retrieve import encode, rank

# Dev `d2975` (paraphrase-fresh): the sentence writes "brutal, battle-hardened fighters" behind
# "some of the deadliest attacks".
PARAPHRASE = "Which outfit of ruthless, seasoned militants is behind some of the deadliest strikes in Afghanistan?"
# Dev `d3086` (paraphrase-synonym-control): the sentence's own words.
OWN_WORDS = "What does the fast-paced withdrawal of foreign troops threaten to undermine?"


def _every_unit(engine: Any) -> np.ndarray:
    return np.arange(len(engine.files.units))


def test_a_question_in_the_texts_own_words_is_confident_and_a_paraphrase_is_not(engine: Any) -> None:
    files, units = engine.files, _every_unit(engine)
    assert lexical_confidence(files.bm25, OWN_WORDS, units, len(units)) >= LEXICAL_CONFIDENT
    assert lexical_confidence(files.bm25, PARAPHRASE, units, len(units)) < LEXICAL_CONFIDENT
    assert lexical_confidence(files.bm25, "What did they say?", units, len(units)) == 1.0  # how it asks only


def test_only_the_words_no_unit_writes_are_expanded_names_and_asking_words_left_out(engine: Any) -> None:
    words = unwritten_words("What did Qwertzuiop say about the ruthless envoys?", engine.files.bm25)
    assert words == ["ruthless"]


def test_a_paraphrase_gains_the_corpus_words_for_its_own_and_its_text_gains_none(engine: Any) -> None:
    files, units = engine.files, _every_unit(engine)
    added = expansion(PARAPHRASE, files.bm25, units, len(units), files.lexicon, engine.embedder.encode)
    assert "deadly" in added.split()
    assert not terms_of(added) & terms_of(PARAPHRASE)  # no form of a word the question writes
    assert expansion(OWN_WORDS, files.bm25, units, len(units), files.lexicon, engine.embedder.encode) == ""


def test_a_paraphrase_is_led_by_the_unit_that_says_it_in_other_words(engine: Any) -> None:
    query = encode(engine.embedder, PARAPHRASE, (), "hybrid")
    ranked = rank(engine.files, query, None, "hybrid", engine.settings)
    assert contains_gold(engine.files.units[int(ranked.units[0])].text, ["brutal, battle-hardened fighters"])
