"""A relation asked with a verb and stated with its agent noun (service.word_forms): the lexical
side of retrieval and the evidence's coverage read "succeeded" as "successor" too;
asked by the real engine over the session index too."""

from __future__ import annotations

from typing import Any

from service.bm25 import stem
from service.word_forms import agent_forms, partner_terms


def test_a_verb_form_adds_its_agent_noun() -> None:
    assert agent_forms("Who succeeded Mansour?") == "Who succeeded Mansour? successor"
    assert agent_forms("Who was Mansour's successor?") == "Who was Mansour's successor?"  # one way only
    assert agent_forms("Who founded the Ruritanian party?").endswith(" founder")
    assert agent_forms("Who ruled Ruritania in 1890?").endswith(" ruler")


def test_forms_that_are_often_another_word_add_nothing() -> None:
    # "found" (of "find"), "rule" (the noun), "leading" (the adjective)
    for question in (
        "What did the report find and what was found?",
        "What is the rule of law?",
        "Who is a leading figure?",
    ):
        assert agent_forms(question) == question


def test_partner_terms_read_a_verbs_stem_as_its_nouns() -> None:
    partners = partner_terms()
    assert stem("successor") in partners[stem("succeeded")]
    assert stem("founder") in partners[stem("founded")]
    assert stem("successor") not in partners  # a noun is not read as its verb


def test_who_succeeded_someone_finds_the_sentence_naming_his_successor(engine: Any) -> None:
    # "Yet the restructuring of the Taliban shura following Mansour's death, with successor
    # Shaikh Haibatullah Akhunzada appointing …": the question's verb, the text's noun.
    answer = engine.ask("Who succeeded Mansour?")
    assert not answer.abstained
    assert "successor Shaikh Haibatullah Akhunzada" in answer.sentences[0].text
