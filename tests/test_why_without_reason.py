"""A "Why P?" question's restating lead that adds words of its own but writes no reason hands the
lead to the sentence after it (service.lead `_restates_the_premise`, `gives_reason`;
docs/tuning.md, session 41, "A why-question's restating lead that writes no reason")."""

from __future__ import annotations

from typing import Any

import pytest

from service.lead import gives_reason


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan has supported the Afghan peace process, largely because its Taliban ally can use the talks.",
        "Since at least the 1970s, Pakistan has backed Afghan Islamist factions as an antidote to Pashtun nationalism.",
        "Anxious to ensure that the talks succeeded, the military quickly intervened to remove hurdles.",
        "To gain vital American support, Pakistan also provided safe haven to Afghan mujahideen factions.",
        "That influence has far from dissipated, however, since the Taliban shura still operates out of Pakistan.",
        "They believe that the imposition of Sunni Hanafi jurisprudence could encourage Islamists.",
    ],
)
def test_a_connective_verb_or_fronted_purpose_gives_a_reason(text: str) -> None:
    assert gives_reason(text)


@pytest.mark.parametrize(
    "text",
    [
        "An earlier effort by U.S. envoy Zalmay Khalilzad to convince Ghani's government and the Taliban to agree "
        "on a transitional power-sharing government at a proposed April meeting in Turkey had proven a non-starter.",
        "Since the Taliban's ouster in 2001, some Pakistani Taliban have fought alongside their Afghan counterparts.",
        "Pakistan's top military and political leaders welcomed the 29 February 2020 U.S.-Taliban peace deal.",
    ],
)
def test_more_of_the_event_or_a_time_gives_no_reason(text: str) -> None:
    assert not gives_reason(text)


def _quoted(answer: Any) -> list[str]:
    return [sentence.text for sentence in answer.sentences]


def test_a_why_lead_saying_more_of_the_event_gives_the_lead_to_the_sentence_after_it(engine: Any) -> None:
    # §I.6's lead restates the question and adds how ("using pressure if need be", "by reducing
    # violence and moderating demands …"), no reason; the next sentence, "Indefinitely stalled
    # negotiations would heighten tensions with Kabul …", gives it (dev d3052: a2 on main, the
    # restating lead first). Fails with READS_WHY_WITHOUT_REASON off.
    answer = engine.ask(
        "Why is it in Pakistan's interest to persuade the Taliban shura to break the logjam in the peace talks?"
    )
    assert not answer.abstained
    quoted = _quoted(answer)
    assert quoted[0].startswith("Indefinitely stalled negotiations would heighten tensions with Kabul")
    assert quoted[1].startswith("It is in Pakistan's interest to persuade")


def test_a_why_lead_writing_its_reason_keeps_the_lead(engine: Any) -> None:
    # §I.2's lead restates the question and gives its reason ("largely because …"): it answers.
    answer = engine.ask("Why has Pakistan supported the Afghan peace process?")
    assert not answer.abstained
    assert "largely because its long-time Taliban ally" in _quoted(answer)[0]
