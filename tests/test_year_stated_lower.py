"""A year the first result does not state, stated by a lower one (service.relations.year_stated_lower,
Engine._year_stated_lower; docs/tuning.md, session 37)."""

from __future__ import annotations

from typing import Any

from .support.answers import answer_lead_holding


def test_a_year_only_a_lower_result_states_with_the_questions_names_answers_from_it(engine: Any) -> None:
    # dev d3360, a user's question: the Foreign Policy paragraph ("… Baradar, who spent nearly a
    # decade in a Pakistani prison") ranks first and writes no 2010; the briefing's "… detained in
    # Karachi since 2010, when he had reportedly reached out to Hamid Karzai's government …" ranks
    # third. The first result's mark abstained.
    answer = answer_lead_holding(
        engine, "Why was Baradar arrested in 2010?", "reached out to Hamid Karzai's government"
    )
    assert "2010" in answer.results[0].hit.unit.text
    # dev d1814: in other words than the question's, the year and the act in one sentence.
    answer = answer_lead_holding(
        engine,
        "What did the spy chief do in 2017 when protesting clerics occupied the capital?",
        "religious hard-liners",
    )


def test_a_count_asked_beside_a_year_is_not_answered_by_a_sentence_dating_the_event(engine: Any) -> None:
    # dev d093: a lower result dates "the 29 February 2020 U.S.-Taliban peace deal" and states the
    # relation as read; no unit counts prisoners freed under it.
    assert engine.ask("How many Taliban prisoners were freed under the February 2020 deal?").abstained


def test_a_dating_sentence_stands_for_the_person_named_before_it_by_a_pronoun() -> None:
    # Invented names: a report names someone once, then dates what he did in the next sentence.
    from service.evidence import name_heads
    from service.relations import _names_or_points_back, _question_names

    question = "What did Rana Vellor do in 2014?"
    names, heads = _question_names(question), name_heads(question)
    before = "Vellor has brokered local truces before."
    assert _names_or_points_back(names, heads, "In 2014, he was involved in talks with farmers.", before)
    # No pronoun: the sentence dates someone else's act, not the one named before it.
    assert not _names_or_points_back(names, heads, "The governor had visited the valley in 2014.", before)
    # A name of the question that neither sentence writes ("… in Kestra in 2014?") is not pointed back to.
    question = "What did Rana Vellor do in Kestra in 2014?"
    assert not _names_or_points_back(
        _question_names(question), name_heads(question), "In 2014, he was involved in talks.", before
    )
    # With nothing before it, the sentence must name the person itself, as before.
    assert not _names_or_points_back(names, heads, "In 2014, he was involved in talks.", "")


def test_a_year_a_lower_result_dates_by_a_pronoun_answers_from_it(engine: Any) -> None:
    # dev d3277: the passage naming "The director of Pakistan's main spy agency, Faiz Hameed" ranks
    # first and writes no 2017; the next one writes "Hameed has mediated … albeit at home. In 2017,
    # he was involved in negotiations with Pakistani religious hard-liners …".
    answer_lead_holding(engine, "What sort of clerics did Faiz Hameed bargain with in 2017?", "religious hard-liners")
    # dev d4597: a place neither the dating sentence nor the one before it writes.
    assert engine.ask("What did Faiz Hameed do in Kabul in 2017?").abstained
