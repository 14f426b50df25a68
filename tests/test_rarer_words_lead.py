"""A sentence of the lead unit weighed within a few hundredths of the chosen one leads when it
holds far more of the question's rarer words, its names left out (service.lead,
`rarer_words_lead`), read once the unit that leads is settled and only for a question asked on
its own (service.answer, `chosen_sentences`): asked by the real engine over the session index
(docs/tuning.md, "A neighbour holding the question's rarer words leads", sessions 41 to 43)."""

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


def test_the_unit_keeps_the_lead_its_first_choice_kept(engine: Any) -> None:
    # §III.A.3: "If the Taliban keeps up its offensive, Pakistan will risk international
    # opprobrium …" (the question's "international", its rarer words) takes the lead from its
    # neighbour, scoring lower than it; read inside `best_lead` (session 41), a lower result's
    # sentence cleared `CLEARER_BY` over it and none of §III.A.3 was quoted. Read after the unit
    # is settled, the unit keeps the lead by the sentence it chose first.
    answer_opening(
        engine,
        "What costs of international isolation does the briefing describe?",
        "If the Taliban keeps up its offensive, Pakistan will risk international opprobrium",
    )


def test_a_follow_ups_lead_is_left_to_the_follow_up_steps(engine: Any) -> None:
    # "What did it tie the money to?" after "Who gave the most?": swapped inside `best_lead`
    # (session 41), §III.A.5's lead became the sentence the last answer led with, "The European
    # Union (EU) made the largest pledge … but tied it to …", and the repeated lead gave way to
    # another unit (service.repeats.new_lead). A follow-up's lead is not swapped, and stays.
    reply_lead_holding(
        engine,
        [
            "How much civilian assistance did donors pledge for Afghanistan in November 2020?",
            "Who gave the most?",
            "What did it tie the money to?",
        ],
        "tied it to a peace settlement",
    )
