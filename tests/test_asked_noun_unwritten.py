"""A "Which <noun> …?" question whose first result states the answer without the asked noun keeps
its lead against a lower result's sentence that only writes the noun of something else
(service.lead.typed_lead, `_asks_beyond_the_noun`; docs/tuning.md, session 55)."""

from __future__ import annotations

from typing import Any

from .support.answers import quoted_texts


def test_a_lower_sentence_writing_the_noun_of_someone_else_does_not_take_the_lead(engine: Any) -> None:
    # The article names the spy chief as "The director of Pakistan's main spy agency, Faiz Hameed";
    # note 41's "the U.S. Central Command chief called Bajwa …" holds "chief" and nothing else asked,
    # and led the answer before (dev d4192).
    answer = engine.ask("Which Pakistani spy chief was in Kabul in early September?")
    assert not answer.abstained
    assert "Faiz Hameed, was in Kabul in early September" in quoted_texts(answer)[0]
    assert answer.results[0].hit.unit.id == "fp-pakistan-taliban-2021:p:23"


def test_an_envoy_written_as_an_emissary_keeps_the_lead(engine: Any) -> None:
    # Note 2 answers with "Mortimer Durand, an emissary of the British Indian government"; note 66's
    # "President Ghani's peace envoy Umer Daudzai …" writes the noun and little else asked (dev d3572).
    answer = engine.ask("Which British envoy negotiated the 1893 agreement that drew the Afghan border?")
    assert not answer.abstained
    assert "Mortimer Durand, an emissary of the British" in quoted_texts(answer)[0]


def test_a_lower_sentence_naming_the_asked_noun_with_the_questions_words_still_leads(engine: Any) -> None:
    # The lead restates the question ("Islamabad was one of only three countries to recognize …");
    # the briefing's sentence naming the other two holds half its other words and leads (dev d3236).
    answer = engine.ask("Which countries recognised the Taliban's government in the 1990s?")
    assert not answer.abstained
    assert "the others being Saudi Arabia and the United Arab Emirates" in quoted_texts(answer)[0]
