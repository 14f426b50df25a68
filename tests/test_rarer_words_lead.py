"""A sentence of the lead's unit weighed within a few hundredths of the chosen one leads when it
holds far more of the question's rarer words, its names left out (service.lead,
`_rarer_words_lead`): asked by the real engine over the session index (docs/tuning.md,
"A neighbour holding the question's rarer words leads", session 41)."""

from __future__ import annotations

from typing import Any

from .support.answers import answer_opening


def test_the_neighbour_holding_the_asked_words_leads_over_one_naming_others(engine: Any) -> None:
    # The article's paragraph 27: "Taliban spokesperson Suhail Shaheen told the BBC …" (its names
    # raise its score) is weighed a few hundredths above "Additionally, a top Taliban official …
    # offered China … unusually detailed and effusive praise." (the question's "official", "praise").
    answer_opening(
        engine,
        "Which country did a Taliban official butter up with gushing praise?",
        "Additionally, a top Taliban official with the group",
    )


def test_the_neighbour_holding_the_asked_step_leads_over_a_restated_topic(engine: Any) -> None:
    # The briefing's §V.8 opens "Pakistan's policymakers should act now or else it might be too
    # late." (the question's topic); two sentences on, "As an early step, they should push …".
    answer_opening(
        engine,
        "What early step does the Crisis Group briefing recommend for Pakistan's policymakers?",
        "As an early step, they should push the Taliban",
    )


def test_a_neighbour_holding_only_the_asked_name_in_full_does_not_lead(engine: Any) -> None:
    # §II.A.4: "… led by Fazlur Rehman and Samiul Haq." writes the asked name in full; "Haq, who
    # headed the Akora Khattak madrasa …" answers, and keeps the lead: names are left out.
    answer_opening(engine, "Who was Samiul Haq?", "Haq, who headed the Akora Khattak madrasa")
