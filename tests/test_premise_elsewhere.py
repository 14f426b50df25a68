"""A note ranked first on the words of the premise a question states, fronts or embeds gives the
lead to a passage among the answer's results that holds more of what the question asks beyond
that premise (lead.`_past_the_premise`, called by `passage_over_note`: docs/tuning.md, session 41,
"The answer leads from another unit")."""

from __future__ import annotations

from typing import Any

import numpy as np

from service.answer import ComposeRequest, compose
from service.retrieve import Ranked

NOTE_57 = "icg-asia-briefing-169:fn:57"
PASSAGE = "icg-asia-briefing-169:p:III.B.4"
FRONTED = (
    "After the September 2019 border attacks that killed four soldiers, whom did Pakistan accuse of "
    "backing militants based in Afghanistan?"
)


def _composed(engine: Any, question: str, ids: list[str]) -> Any:
    """`compose` over a head ranked by hand, `ids` best first."""
    n = len(ids)
    ranked = Ranked(
        np.array([engine.position(i) for i in ids]),
        np.linspace(0.9, 0.8, n),
        np.full(n, 0.7),
        np.ones(n),
    )
    request = ComposeRequest(question, question, engine.embedder.encode_query(question), ranked, 5)
    return compose(request, engine.sources, engine.settings)


def test_a_note_restating_the_fronted_premise_gives_the_lead_to_the_passage_stating_what_is_asked(
    engine: Any,
) -> None:
    # Note 57 ranks first on the premise's words ("After two such attacks in September 2019 in
    # which four soldiers were killed, …"); the passage beside it states whom Pakistan accused
    # (dev d3940). Without the reading the note leads.
    answer = _composed(engine, FRONTED, [NOTE_57, PASSAGE])
    assert answer.sentences[0].unit_id == PASSAGE
    assert answer.sentences[0].text.startswith("Pakistan has accused Afghan intelligence and India")


def test_the_same_question_without_a_premise_leaves_the_note_first(engine: Any) -> None:
    # Asked with the attacks as what it asks about, not a premise, the note answers (its own
    # prose names the protest) and keeps the lead: only a premise's words are set aside.
    question = "What did Pakistan do after the September 2019 attacks that killed four soldiers?"
    answer = _composed(engine, question, [NOTE_57, PASSAGE])
    assert answer.sentences[0].unit_id == NOTE_57


def test_the_whole_engine_answers_the_fronted_question_from_the_passage(engine: Any) -> None:
    answer = engine.ask(FRONTED)
    assert not answer.abstained
    assert answer.sentences[0].unit_id == PASSAGE
