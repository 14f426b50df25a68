"""A restating pair's paragraph answering further on: the lead unit's runner-up quoted third
(service.lead.runner_up_sentence, `_restating_pair`; docs/tuning.md, session 39, "A restating
lead's paragraph answering further on")."""

from __future__ import annotations

from typing import Any

from .support.answers import quoted_texts


def test_a_premise_hand_off_pair_is_followed_by_the_sentence_that_answers(engine: Any) -> None:
    # The question states §II.B.2's "As early as the 2001 Bonn conference …" as its premise; the
    # premise hand-off quotes the sentence after it ("A former senior Pakistani diplomat said …")
    # and then the premise, and the answer, two sentences after the premise, was quoted nowhere
    # (dev d3666: r1 on main). One word of the question, "efforts", is not enough to hand the
    # lead two on (lead._answered_further_on, session 46).
    answer = engine.ask(
        "Pakistan asked for the Taliban's inclusion in consultations on Afghanistan's political restructuring "
        "as early as the 2001 Bonn conference; did those efforts ever pay off?"
    )
    assert not answer.abstained
    quoted = quoted_texts(answer)
    units = [sentence.unit_id for sentence in answer.sentences[:3]]
    assert quoted[0].startswith("A former senior Pakistani diplomat said")  # the lead does not move
    assert "appeared to bear fruit a decade later" in quoted[2]
    assert units[0] == units[1] == units[2]


def test_a_restating_lead_and_its_next_sentence_are_followed_by_the_answer_two_on(engine: Any) -> None:
    # "As the U.S. kept Pakistan's military leadership in the loop …" restates §II.C.4's
    # "Recognising the Pakistan military leadership's predominant policymaking role, the U.S. kept
    # it in the loop …"; the next sentence, on visits, is quoted with it, and the opposition
    # politician's words two on answer (dev d3669: r1 on main).
    answer = engine.ask(
        "As the U.S. kept Pakistan's military leadership in the loop while talks with the Taliban progressed, "
        "how did the generals read Washington's intentions?"
    )
    assert not answer.abstained
    quoted = quoted_texts(answer)
    assert quoted[0].startswith("Recognising the Pakistan military leadership")
    assert quoted[1].startswith("Visits by top U.S. officials")
    assert "subletting Afghanistan to them" in quoted[2]


def test_a_lead_unit_already_quoting_three_sentences_adds_no_fourth(engine: Any) -> None:
    # §I.1's sentences fill the answer: the restating lead, kept first by the comparison reading
    # of "higher than ever" (answer._both_sides_first), and the answer two on (dev d3660, third
    # on main of session 39, second after session 46's lead._answered_further_on).
    answer = engine.ask(
        "With Pakistan's stakes in a stable Afghanistan higher than ever as violence escalates and the peace "
        "process stays deadlocked, what has Islamabad been urging its Taliban allies to choose?"
    )
    assert not answer.abstained
    quoted = quoted_texts(answer)
    assert quoted[0].startswith("Pakistan's stakes in a stable Afghanistan")
    assert "opt for a peacefully negotiated political settlement" in quoted[1]
    assert len({sentence.unit_id for sentence in answer.sentences[:3]}) == 1
