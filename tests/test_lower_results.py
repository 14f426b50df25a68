"""An answer's empty places given to the best sentence of a lower result
(service.answer._lower_results; docs/tuning.md, session 36, "An answer's empty places given to
the next results")."""

from __future__ import annotations

from typing import Any

from .support.answers import quoted_texts


def test_a_lower_results_answering_sentence_fills_an_answer_of_two(engine: Any) -> None:
    # The lead quotes Khalilzad's 2018 visit and its unit's runner-up; note 19, the third
    # result, states his appointment, and its sentence was under the floor the lead's name
    # bonus set (dev d768: not quoted before).
    answer = engine.ask("Who is Zalmay Khalilzad?")
    assert not answer.abstained
    quoted = quoted_texts(answer)
    assert len(quoted) == 3
    assert any("appointment as special representative on Afghanistan's reconciliation" in t for t in quoted)


def test_a_one_sentence_answer_is_filled_from_two_lower_results(engine: Any) -> None:
    # "Who is the Pakistani army's chief?" was answered by one sentence; both lower results name
    # the army chief (dev d2482).
    answer = engine.ask("Who is the Pakistani army's chief?")
    assert not answer.abstained
    quoted = quoted_texts(answer)
    assert len(quoted) == 3
    assert len({sentence.unit_id for sentence in answer.sentences}) == 3


def test_a_date_question_is_not_filled(engine: Any) -> None:
    # The verdict reads every quoted sentence for the asked event: "When did Pakistan leave the
    # extended troika?" must still abstain (dev d1593), not be answered once a lower result's
    # "… to leave Afghanistan …" is quoted third.
    answer = engine.ask("When did Pakistan leave the extended troika?")
    assert answer.abstained
