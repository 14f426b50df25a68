"""Why-questions the corpus cannot answer (service.unexplained, the verdict "no-cause"): a lead
writing the asked event without its cause, only as another event's setting or as its own clause
stating no reason of any shape, is withdrawn; a lead stating a reason in any shape stands.
Read on the real engine over the session index, and on sentences alone."""

from __future__ import annotations

from typing import Any

import pytest

from service.unexplained import cause_unstated
from tests.support.withdrawals import stands_leading_with, withdrawn_for


@pytest.mark.parametrize(
    "question",
    [
        # Written only as what halted the Quadrilateral Dialogue ("… after the U.S. killed …").
        "Why did the U.S. kill Mullah Akhtar Mohammed Mansour?",
        # Its own clause, no reason: "… its new supreme leader has reunited TTP splinter factions, and …".
        "Why did the TTP's new supreme leader reunite its splinter factions?",
        # Its own clause, no reason: "… announced the … policy … in a speech before the Asia Society …".
        "Why did Hillary Clinton announce a policy of reconciliation with the Taliban?",
        # The purpose before the semicolon is the Taliban's, not Kabul's.
        "Why did Kabul appear unwilling to make substantive compromises?",
    ],
)
def test_a_why_answer_stating_the_event_without_its_cause_is_withdrawn(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["no-cause"]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # "as an antidote to …": a reason after the event.
        ("Why has Pakistan backed various Afghan Islamist factions since at least the 1970s?", "as an antidote"),
        # A fronted "Once …," clause.
        ("Why was Pakistan quick to respond positively to U.S. requests to facilitate the peace process?", "Once"),
        # A verb of causing: "pressure from Washington prompted … formally to sever ties".
        ("Why did Musharraf formally sever ties with the Taliban?", "pressure from Washington prompted"),
        # "for" and a gerund: "criticised Pakistan for playing a double game".
        ("Why did Trump criticise Pakistan in his 2017 South Asia policy address?", "for playing a double game"),
        # "Why would …?" asks a consequence, stated in no connective.
        ("Why would indefinitely stalled negotiations worry Pakistan's military leaders?", "heighten tensions"),
    ],
)
def test_a_why_answer_stating_a_reason_in_any_shape_stands(engine: Any, question: str, lead: str) -> None:
    stands_leading_with(engine, question, lead)


def test_a_main_clause_without_a_reason_is_read_with_its_neighbours_and_later_sentences() -> None:
    question = "Why did the envoy resign?"
    bare = "The envoy resigned in March, and the talks stalled."
    assert cause_unstated(question, [bare])
    assert not cause_unstated(question, ["The envoy resigned in March to protest the cuts."])
    assert not cause_unstated(question, ["The envoy resigned in March, as the talks had failed."])
    # The sentence before it in its unit gives the reason: "because".
    assert not cause_unstated(question, [bare], beside=["He had lost the president's trust because of the leak."])
    # A later quoted sentence writing the event states a reason of it: "death from …".
    died = "The talks were cancelled after the palace disclosed that the leader had died."
    assert cause_unstated("Why did the leader die?", [died])
    assert not cause_unstated("Why did the leader die?", [died, "He led the group until his death from illness."])
    # A later sentence about something else states no reason of it.
    assert cause_unstated(question, [bare, "In 2013, the group opened an office, reportedly at a request, to talk."])


def test_a_that_complement_is_not_the_asked_event_and_a_hypothetical_is_not_read() -> None:
    lead = "A second round was aborted after the palace disclosed that the leader had died two years earlier."
    # The disclosing is asked; it is written only as the abortion's setting.
    assert cause_unstated("Why did the palace disclose that the leader had died?", [lead])
    # "Why would …?": the answer is a consequence, never withdrawn by the clause reading.
    assert not cause_unstated(
        "Why would stalled talks worry the generals?", ["Stalled talks would worry the generals."]
    )
    assert cause_unstated("Why did stalled talks worry the generals?", ["Stalled talks worried the generals."])
