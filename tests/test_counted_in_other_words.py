"""A count asked in other words (docs/tuning.md, "A count asked in other words", session 39): a
counted noun the corpus writes in some form ("raids", "houses") is read alike the number's noun at
WRITTEN_COUNTED_NOUN_COSINE, below COUNTED_NOUN_COSINE; a noun the corpus never writes keeps the
higher bar; and a word the question itself writes apart from what it counts is never that count
in other words. On the real engine's lexicon and index."""

from __future__ import annotations

from typing import Any

from service.answer_type import counts_asked, states_count
from service.bm25 import terms_of
from service.offtopic import COUNTED_NOUN_COSINE, WRITTEN_COUNTED_NOUN_COSINE

ARTICLE = "fp-pakistan-taliban-2021"
ATTACKS = "According to TTP data, it carried out 32 attacks in August alone."
PROPERTIES = "Taliban leader Mullah Akhtar Mansour, using fake identities, purchased around five properties in Karachi."
PERSONNEL = "Militant attacks in the tribal belt have killed scores of security personnel in 2021."
CROSS_BORDER = "The TTP was responsible for more than 100 cross-border attacks between July and October 2020."


def test_a_counted_noun_the_corpus_writes_is_read_alike_at_the_lower_cosine(engine: Any) -> None:
    alike = engine._lexicon.counts_alike
    assert WRITTEN_COUNTED_NOUN_COSINE < COUNTED_NOUN_COSINE
    assert states_count(ATTACKS, terms_of("raids"), "raids", alike)
    assert states_count(PROPERTIES, terms_of("houses"), "houses", alike)


def test_a_counted_noun_the_corpus_never_writes_keeps_the_higher_cosine(engine: Any) -> None:
    alike = engine._lexicon.counts_alike
    assert not states_count(PERSONNEL, terms_of("journalists"), "journalists", alike)
    assert not states_count(PROPERTIES, terms_of("cars"), "cars", alike)


def test_a_word_the_question_writes_apart_from_the_count_is_not_the_counted_noun(engine: Any) -> None:
    alike = engine._lexicon.counts_alike
    elsewhere = terms_of("died in the border attacks of September 2019")
    assert not states_count(CROSS_BORDER, terms_of("troops"), "troops", alike, elsewhere=elsewhere)
    question = "How many troops were killed in the cross-border attacks of September 2019?"
    assert not counts_asked(question, CROSS_BORDER, alike)
    # The counted phrase's own words stay read: "Afghans" of "more Afghans living in Pakistan".
    asked = "Beyond the registered ones, how many more Afghans living in Pakistan does Islamabad want sent home?"
    assert counts_asked(asked, "It wants close to another million Afghan citizens to go back.", alike)


def test_the_asked_relation_holds_a_count_stated_in_other_words(engine: Any) -> None:
    """The first result's asked-relation mark: "32 attacks" states how many raids, not how many
    kidnappings (service.relations)."""
    unit = engine._by_id[f"{ARTICLE}:p:7"]
    assert engine._relations.states("How many raids did the Pakistani Taliban stage in August?", unit)
    assert not engine._relations.states("How many kidnappings did the Pakistani Taliban stage in August?", unit)
