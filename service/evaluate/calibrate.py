"""`cited eval --calibrate`: fit the map from retrieval evidence to calibrated scores.

Every question of the given sets (the development set: never the held-out one) is read as
the service reads it (service.chat.reading): with the history it picks and the sentences the
last answer's lead quoted, where a follow-up's "that date" points (each turn of a conversation
is asked of the engine for them); an earlier turn counts as abstained when its gold is [] (what
the service should have done). The first ten
results of each question give one evidence row each, labelled by whether the result contains
a gold string. A ridge-penalised logistic regression over those rows, followed by an isotonic
step over its outputs, is the map; the abstention cut is then the highest that abstains on at
most MAX_ANSWERABLE_ABSTAINED of the answerable questions the map decides on (a note asked for
by number and a list question are answered from the notes, never abstained on by the map: they
would only spend the budget). The result is written to service/calibration.json.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from service.calibration import Calibration, abstention_cut, fit_isotonic, fit_logistic
from service.chat import quoted_by, reading
from service.evaluate.ask import AskedTurn
from service.evaluate.questions import Question, contains_gold
from service.evidence import VETO
from service.records import Quoted

if TYPE_CHECKING:
    from service.engine import Engine

DEPTH = 10  # results per question the map is fitted on (the harness asks for ten)


def evidence_of(
    engine: Engine, questions: Sequence[Question], on_progress: Callable[[], None] | None = None
) -> tuple[np.ndarray, np.ndarray, list[int | None]]:
    """Evidence rows, their labels, and the row index of each question's top result (-1: none,
    so it abstains; None: answered from the notes, where no score decides)."""
    turns: dict[tuple[str, str], list[AskedTurn]] = {}
    rows: list[np.ndarray] = []
    labels: list[bool] = []
    tops: list[int | None] = []
    for question in questions:
        key = question.conversation_key
        earlier = turns.setdefault(key, []) if key else []
        read = reading(question.question, earlier, engine.history_turns)
        units, evidence = engine.evidence(question.question, history=read.history, said=read.said, depth=DEPTH)
        # A conversation's turn is asked as the harness asks it (service.evaluate.ask): what its
        # answer quotes is where the next turn's "that date" points.
        quoted: tuple[Quoted, ...] = ()
        if key:
            answer = engine.ask(
                question.question, top_k=DEPTH, history=read.history, quoted=read.quoted, said=read.said
            )
            quoted = quoted_by(answer)
        earlier.append(AskedTurn(question.question, not question.answerable, quoted))
        if engine.answered_unranked(question.question, history=read.history):
            tops.append(None)
        else:
            tops.append(sum(len(r) for r in rows) if len(units) else -1)
        rows.append(evidence)
        labels += [contains_gold(unit.text, question.gold) for unit in units]
        if on_progress is not None:
            on_progress()
    return np.vstack(rows), np.array(labels, dtype=bool), tops


def fit_calibration(
    engine: Engine, questions: Sequence[Question], on_progress: Callable[[], None] | None = None
) -> Calibration:
    """The map fitted on `questions`, with its abstention cut."""
    rows, labels, tops = evidence_of(engine, questions, on_progress)
    weights, intercept = fit_logistic(rows, labels)
    weighed = rows[:, VETO] <= 0
    knots = fit_isotonic(Calibration(weights, intercept, 0.0).logistic(rows[weighed]), labels[weighed])
    fitted = Calibration(weights, intercept, 0.0, knots=knots)
    decided = [(t, q.answerable) for t, q in zip(tops, questions, strict=True) if t is not None]
    top_probability = [float(fitted.probabilities(rows[t : t + 1])[0]) if t >= 0 else 0.0 for t, _ in decided]
    cut = abstention_cut(top_probability, [answerable for _, answerable in decided])
    files = ", ".join(dict.fromkeys(q.file for q in questions))
    return Calibration(weights, intercept, cut, f"{files}, {len(questions)} questions, {date.today()}", knots)
