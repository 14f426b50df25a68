"""A place after the lead given to the next result's best sentence when the lead's unit fills it
with a lower-scoring one (service.lead.next_result_sentence; docs/tuning.md, session 52, "An
answer's later place for the next result's sentence")."""

from __future__ import annotations

from typing import Any

from .support.answers import quoted_texts


def test_the_next_results_sentence_fills_the_place_left_after_the_leads_own(engine: Any) -> None:
    # The lead and its unit's runner-up were all the answer quoted; the second result states the
    # change asked about and scores above the runner-up (dev d400: not quoted before).
    answer = engine.ask("How is Islamabad's patronage of the movement changing now that the fighting is over?")
    assert not answer.abstained
    quoted = quoted_texts(answer)
    assert quoted[0].startswith("That’s in large part because the leverage Islamabad had enjoyed")
    assert len(quoted) == 3
    assert any("chief external sponsor of their government" in text for text in quoted)


def test_a_third_place_the_leads_runner_up_holds_after_a_restating_pair_is_kept(engine: Any) -> None:
    # The lead restates the question, the sentence after it follows, and the unit's runner-up
    # answers third (service.lead.runner_up_after_pair): no lower result takes its place (dev d3536).
    answer = engine.ask(
        "How does the Taliban's wish to gain goodwill from the Afghan public shape their dealings with Islamabad?"
    )
    assert not answer.abstained
    quoted = quoted_texts(answer)
    assert len(quoted) == 3
    assert "may not want to be seen doing Islamabad a major favor" in quoted[2]
