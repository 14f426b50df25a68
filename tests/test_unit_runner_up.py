"""The lead unit's runner-up sentence quoted second (service.lead.runner_up_sentence; docs/tuning.md,
session 35, "A long passage's answering sentence quoted after its lead")."""

from __future__ import annotations

from typing import Any

from .support.answers import quoted_texts


def test_the_lead_units_answering_sentence_is_quoted_after_a_lead_naming_the_topic(engine: Any) -> None:
    # The article's paragraph on the TTP: "The TTP waged a horrific campaign …" names the group
    # and leads; "It will be inspired to step up attacks in Pakistan." answers, its subject a
    # pronoun, and other passages' sentences on the TTP outscored it for the answer's other
    # places (dev d3018: not quoted before).
    answer = engine.ask("What will the TTP be inspired to do in Pakistan in the coming months?")
    assert not answer.abstained
    quoted = quoted_texts(answer)
    assert quoted[0].startswith("The TTP waged a horrific campaign")
    assert "It will be inspired to step up attacks in Pakistan." in quoted[:3]
    inspired = next(s for s in answer.sentences if s.text.startswith("It will be inspired"))
    assert inspired.unit_id == answer.sentences[0].unit_id


def test_a_name_bonus_elsewhere_in_the_unit_no_longer_keeps_the_answer_out(engine: Any) -> None:
    # "These include new Prime Minister Mullah Obaidullah Akhund, …" leads by its names; the
    # sentence before it answers and scored below the answer's floor, which the lead's name bonus
    # set (dev d1986).
    answer = engine.ask("Which Taliban bigwigs got passed over for top jobs in the new cabinet?")
    assert not answer.abstained
    assert any("did not get top posts" in text for text in quoted_texts(answer)[:3])


def test_a_question_asking_who_holds_a_role_keeps_another_results_holder(engine: Any) -> None:
    # The lead's passage names the envoy in passing; note 29's "U.S. envoy Khalilzad, also in
    # Islamabad, …" is quoted third and must not be pushed out by the passage's runner-up
    # (dev d2474, which the unguarded rule lost).
    answer = engine.ask("Who is the U.S. envoy?")
    assert not answer.abstained
    assert any("U.S. envoy Khalilzad, also in Islamabad" in text for text in quoted_texts(answer)[:3])
