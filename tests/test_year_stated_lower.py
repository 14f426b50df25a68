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
