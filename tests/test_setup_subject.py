"""A lead that restates part of the question hands the lead to the sentence after it by a question
word that sentence adds, unless the paragraph wrote that word before the lead and the lead's own
subject points back to it ("they", "it", "such support", "the pledges"); a lead naming its subject
again still hands over (docs/tuning.md, "A set-up's hand-off read by the lead's subject", session 36)."""

from __future__ import annotations

from typing import Any

import pytest

from service.evaluate.questions import contains_gold
from service.sentences import subject_points_back

POINTING = [
    "Pledging support for an Afghan-led peace process, they have also repeatedly denied backing any party.",
    "But he also said Pakistan, not the Taliban, must decide.",
    "Instead, it wants a negotiated settlement of the Afghan conflict.",
    "Even if the parties reach a peace settlement, such support will be in doubt.",
    "Yet the pledges, such as after the Soviet withdrawal, were mere rhetoric.",
    "Under Khan's government, however, the military leadership is solely responsible.",
]

NAMING = [
    "Recognising the Pakistan military leadership's predominant policymaking role, the U.S. kept it in the loop.",
    "Yet, after the October 2001 U.S.-led invasion ousted the Taliban's regime, Pakistan provided shelter.",
    "As the troop drawdown continues, high-level U.S. contacts have focused on the country's role.",
    "A former senior Pakistani diplomat said Pakistan had pleaded with the U.S.",
    "Yet Trump also implied that the U.S. might consider a political settlement.",
    "Facilitating the U.S.-led Afghan peace process would also help mend relations with Washington.",
]

LEAD_KEPT = [
    (
        "What have Pakistan's military leadership and government repeatedly denied while pledging support "
        "for an Afghan-led peace process?",
        "repeatedly denied backing any party to the conflict",
    ),
    (
        "What did Pakistan's pledges to help Afghans find a peaceful solution turn out to be, including "
        "after the Soviet withdrawal?",
        "were mere rhetoric",
    ),
]

HANDED_OVER = [
    (
        "What did Zalmay Khalilzad tell the Senate Foreign Relations Committee about Pakistan's responsibility?",
        "Pakistan has a special responsibility given its influence over the Taliban",
    ),
    (
        "While the U.S. kept Pakistan's military leadership in the loop as talks with the Taliban progressed, "
        "what did Khalilzad's visits do?",
        "Visits by top U.S. officials, including peace envoy Khalilzad",
    ),
]


@pytest.mark.parametrize("text", POINTING)
def test_a_pronoun_or_a_definite_common_noun_subject_points_back(text: str) -> None:
    assert subject_points_back(text)


@pytest.mark.parametrize("text", NAMING)
def test_a_subject_naming_its_thing_again_points_nowhere(text: str) -> None:
    assert not subject_points_back(text)


@pytest.mark.parametrize(("question", "gold"), LEAD_KEPT)
def test_a_word_a_pointing_subject_carries_hands_nothing_over(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences
    assert contains_gold(answer.sentences[0].text, (gold,))


@pytest.mark.parametrize(("question", "gold"), HANDED_OVER)
def test_a_lead_naming_its_subject_still_hands_the_lead_over(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences
    assert contains_gold(answer.sentences[0].text, (gold,))
