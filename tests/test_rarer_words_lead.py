"""A sentence of the lead's unit weighed within a few hundredths of the chosen one leads when it
holds far more of the question's rarer words, its names left out (service.lead,
`_rarer_words_lead`), and the later steps weigh the unit by the sentence it stands for
(`lead_and_standing`): asked by the real engine over the session index (docs/tuning.md,
"A neighbour holding the question's rarer words leads", sessions 41 and 42)."""

from __future__ import annotations

from typing import Any

from .support.answers import answer_opening, reply_lead_holding


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


def test_the_unit_keeps_the_lead_its_pre_swap_sentence_kept(engine: Any) -> None:
    # §III.A.3: "If the Taliban keeps up its offensive, Pakistan will risk international
    # opprobrium …" (the question's "international", its rarer words) takes the lead from its
    # neighbour, scoring lower than it; weighed on its own score, a lower result's sentence
    # cleared `CLEARER_BY` over it and none of §III.A.3 was quoted. The unit is weighed by the
    # sentence the new lead stands for (`lead_and_standing`), and keeps the lead.
    answer_opening(
        engine,
        "What costs of international isolation does the briefing describe?",
        "If the Taliban keeps up its offensive, Pakistan will risk international opprobrium",
    )


def test_a_follow_ups_lead_is_weighed_by_the_sentence_it_stands_for(engine: Any) -> None:
    # "What did it tie the money to?" after "Who gave the most?": §III.A.5's lead is now the
    # sentence the last answer led with, "The European Union (EU) made the largest pledge … but
    # tied it to …". Read on its own, lower score, the repeated lead gave way to another unit
    # (service.repeats.new_lead); with the score of the sentence it stands for, the unit's best
    # supported, it stays.
    reply_lead_holding(
        engine,
        [
            "How much civilian assistance did donors pledge for Afghanistan in November 2020?",
            "Who gave the most?",
            "What did it tie the money to?",
        ],
        "tied it to a peace settlement",
    )
