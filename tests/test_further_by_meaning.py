"""A restating lead whose rarer words hand nothing on gives the lead to the sentence two or three
places on that outweighs the next sentence as a lead is weighed, when the question states a
premise the lead restates and the lead holds none of what is asked beyond it
(service.lead._outweighs_the_next; docs/tuning.md, session 47, "A restating lead's answer two or
three sentences on, worded in its own way")."""

from __future__ import annotations

from typing import Any


def _quoted(answer: Any) -> list[str]:
    return [sentence.text for sentence in answer.sentences]


def test_an_answer_two_on_in_its_own_words_leads_after_a_restated_premise(engine: Any) -> None:
    # §I.3: "But in January 2021, when President Joe Biden took over …, the talks were at an
    # impasse." restates the premise; the next sentence is on the Taliban's violence, and
    # "Biden's decision … to withdraw all U.S. troops by 11 September …" two on answers, sharing
    # no rarer word the lead lacks but "troops" (dev d3667: third on main).
    answer = engine.ask(
        "When Joe Biden took over the U.S. administration in January 2021 and the talks were at an impasse, "
        "what did he go on to decide about American troops?"
    )
    assert not answer.abstained
    quoted = _quoted(answer)
    assert "to withdraw all U.S. troops by 11 September" in quoted[0]
    assert quoted[1].startswith("But in January 2021")


def test_a_restating_lead_holding_what_is_asked_beyond_its_premise_keeps_the_lead(engine: Any) -> None:
    # §I.4: the lead restates the fronted "Since …" clause and holds what is asked ("Pakistan's
    # military leadership", "government", "repeatedly emphasised"): it answers itself, whatever
    # the sentences after it weigh (dev d4380, a control).
    answer = engine.ask(
        "Since intra-Afghan negotiations started in Doha in September 2020, what have Pakistan's military "
        "leadership and Imran Khan's government repeatedly emphasised?"
    )
    assert not answer.abstained
    assert "only a political settlement can end conflict in Afghanistan" in _quoted(answer)[0]


def test_a_question_stating_no_premise_keeps_its_restating_lead(engine: Any) -> None:
    # The article's paragraph 10: "Since taking power, Taliban messaging on the TTP has been
    # strikingly vague." answers; a quote two on outweighs the next sentence, but the question
    # states no premise for the lead to restate (dev d3677, a control).
    answer = engine.ask("How has Taliban messaging on the TTP been since they took power?")
    assert not answer.abstained
    assert "has been strikingly vague" in _quoted(answer)[0]
