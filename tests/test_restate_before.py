"""A yes/no question asking about the time before an event it embeds ("Had X always … before P?")
reads P as a premise: the lead restating P hands over to the next sentence, which speaks of the
time before it; a lead that itself writes "before" stays first, and "before or after P?" compares
and embeds nothing (docs/tuning.md, session 38, "before" as a premise-embedding word)."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import embedded_premise

from .support.answers import answer_opening


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        ("Had the envoy always trusted them before the talks in Doha broke down?", "the talks in Doha broke down"),
        ("Was it always like this before the new government took office?", "the new government took office"),
        ("Did the army act before or after the talks broke down?", None),
        ("Was it like this before 2001?", None),
    ],
)
def test_before_p_in_a_yes_no_question_embeds_a_premise(question: str, premise: str | None) -> None:
    read = embedded_premise(question)
    assert (read.premise if read else None) == premise
    assert read is None or read.before


def test_had_x_always_before_p_is_led_by_the_sentence_on_the_time_before(engine: Any) -> None:
    answer_opening(
        engine,
        "Had Trump always looked kindly on Pakistan before his administration decided to hold direct talks "
        "with the Taliban?",
        "In his 2017 South Asia policy address",
        "The Trump administration's decision to hold direct talks",
    )


def test_was_it_always_like_this_before_p_is_led_by_the_earlier_governments(engine: Any) -> None:
    answer_opening(
        engine,
        "Was it always like this before Imran Khan ceded security and foreign policy to the top brass?",
        "Earlier governments",
    )


def test_a_lead_that_writes_before_stays_first(engine: Any) -> None:
    answer_opening(
        engine,
        "Had Mansour already been leading the Taliban before Mullah Omar's death from prolonged illness?",
        "Mansour had led the Taliban for at least two years",
    )
