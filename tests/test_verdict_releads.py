"""An answer the verdict withdraws for what its lead sentence says, led instead by a later sentence
of the lead's own passage that it quotes and that says what was asked (service.engine,
`Engine._releaded`); docs/tuning.md, session 38. Read on the real engine over the session index."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.withdrawals import withdrawals, withdrawn_for


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The passage's first sentence (the purchase) shares the question's words and dates
        # nothing; the one after it dates the seizure (dev d2624).
        ("When did the government take over Mansour's properties?", "seized these assets after his 2016 death"),
        # The sentence on the Doha talks' failure sets up the next, which says why their timing
        # added to the uncertainty (dev d3554).
        (
            "Why did the timing of the Doha negotiations add to the uncertainty?",
            "so close to the U.S. presidential election",
        ),
    ],
)
def test_a_later_sentence_of_the_leads_passage_leads(engine: Any, question: str, lead: str) -> None:
    with withdrawals() as reasons:
        answer = engine.ask(question)
    assert not answer.abstained and reasons == [], question
    assert lead in answer.sentences[0].text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # Another passage's sentence ("In 2013, the Taliban opened a political office in Doha")
        # writes the office and no expulsion: not read, the answer stays withdrawn.
        ("Why did Qatar expel the Taliban's political office?", "another-event"),
        # The dialogue "began in January 2016": the opposite event, nothing after it in its note.
        ("When did the Quadrilateral Dialogue end?", "another-event"),
    ],
)
def test_a_question_no_sentence_of_the_leads_passage_answers_stays_withdrawn(
    engine: Any, question: str, reason: str
) -> None:
    assert withdrawn_for(engine, question) == [reason]
