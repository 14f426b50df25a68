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

The fit's free parameters (the ridge penalty, how much a question's first result counts against
ranks 2-10, how much a result that answers counts against one that does not: FitChoice) are
chosen among a few (CHOICES) by the trade the map is used for: the unanswerable questions it
abstains on out of fold, at the budget, each fold's map and cut fitted on the other folds, the
folds keeping a conversation's turns together (docs/retrieval.md, "Refitting the calibration").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from service.calibration import (
    L2,
    Calibration,
    abstention_cut,
    expected_calibration_error,
    fit_isotonic,
    fit_logistic,
    reliability,
)
from service.chat import Reading, quoted_by, reading
from service.evaluate.ask import AskedTurn
from service.evaluate.questions import Question, contains_gold
from service.evidence import FEATURES, VETO
from service.records import Quoted, Unit

if TYPE_CHECKING:
    from service.engine import Engine

DEPTH = 10  # results per question the map is fitted on (the harness asks for ten)
RANK = FEATURES.index("reciprocal_rank")  # 1.0 on a question's first result, what abstention reads
FOLDS = 5
SPLITS = 5  # fixed shuffles of the conversations into FOLDS folds (seeds 0 .. SPLITS-1)
PROBABILITY_FLOOR = 1e-4  # the log-loss of a probability of 0 or 1 is read at this distance from it


@dataclass(frozen=True)
class Evidence:
    """The rows a map is fitted on: one per ranked result, best first, question after question."""

    rows: np.ndarray
    labels: np.ndarray  # the result holds a gold string
    tops: list[int | None]  # per question, its first row (-1: nothing ranked; None: no map decides it)
    question_of_row: np.ndarray  # per row, the index of its question

    def of_questions(self, chosen: np.ndarray) -> Evidence:
        """The evidence of the questions `chosen` (a mask over the questions), in order."""
        kept = chosen[self.question_of_row]
        renumbered = np.cumsum(chosen) - 1
        first_row = np.cumsum(kept) - 1
        tops = [
            None if t is None else (int(first_row[t]) if t >= 0 else -1)
            for t, c in zip(self.tops, chosen, strict=True)
            if c
        ]
        return Evidence(self.rows[kept], self.labels[kept], tops, renumbered[self.question_of_row[kept]])


@dataclass(frozen=True)
class FitChoice:
    """The free parameters of a fit: the ridge penalty, and the weight in the log-loss of a
    question's first result (what abstention reads) and of a result that answers, each
    against 1 for the others."""

    l2: float = L2
    top_weight: float = 1.0
    positive_weight: float = 1.0

    def row_weights(self, rows: np.ndarray, labels: np.ndarray) -> np.ndarray:
        first = np.where(rows[:, RANK] >= 1.0, self.top_weight, 1.0)
        return first * np.where(labels, self.positive_weight, 1.0)

    def describe(self) -> str:
        return f"L2 {self.l2:g}, first result x{self.top_weight:g}, answering result x{self.positive_weight:g}"


SHIPPED = FitChoice()  # the fit of sessions 12-14: every row counts once, L2 1
# A handful of values each (docs/tuning.md, "Fitting the calibration for the abstention trade"):
# weighing the first result less (x0.5) or far more (x10), and L2 0.3 or 100, measured no better.
CHOICES = tuple(
    FitChoice(l2, top, positive) for l2 in (1.0, 3.0, 10.0, 30.0) for top in (1.0, 3.0) for positive in (1.0, 3.0, 10.0)
)


@dataclass(frozen=True)
class Trade:
    """What a way of fitting does out of fold: the questions the map abstains on (the budget's
    side and the recall's), and how well its probabilities fit the held-back results."""

    answerable_abstained: int
    answerable: int
    unanswerable_abstained: int
    unanswerable: int
    log_loss: float
    calibration_error: float

    @property
    def abstain_recall(self) -> float:
        return self.unanswerable_abstained / self.unanswerable if self.unanswerable else 0.0


def evidence_of(
    engine: Engine, questions: Sequence[Question], on_progress: Callable[[], None] | None = None
) -> Evidence:
    """Evidence rows, their labels, and the row index of each question's top result (-1: none,
    so it abstains; None: answered from the notes, or an orphaned follow-up that abstains by
    rule: no score decides either, and an orphan gives no rows, as the service never scores it)."""
    turns: dict[tuple[str, str], list[AskedTurn]] = {}
    rows: list[np.ndarray] = []
    labels: list[bool] = []
    tops: list[int | None] = []
    for question in questions:
        key = question.conversation_key
        earlier = turns.setdefault(key, []) if key else []
        read = reading(question.question, earlier, engine.history_turns, engine.titled)
        if read.orphaned:  # abstains by rule, never ranked or scored (service.chat.ask_read)
            earlier.append(AskedTurn(question.question, not question.answerable, ()))
            tops.append(None)
            rows.append(np.zeros((0, len(FEATURES)), dtype=np.float32))
            if on_progress is not None:
                on_progress()
            continue
        turn = _asked_turn(engine, question.question, read) if key else None
        quoted, ranked = turn or ((), None)
        units, evidence = ranked or engine.evidence(
            question.question, history=read.history, said=read.said, root=read.root, depth=DEPTH, leads=read.leads
        )
        earlier.append(AskedTurn(question.question, not question.answerable, quoted))
        # A turn `ask` answered before ranking anything (the source of the last answer's lead,
        # "Which report?"; an unsigned article's author) handed over no evidence: no score decides it.
        if (turn is not None and ranked is None) or engine.answered_unranked(question.question, history=read.history):
            tops.append(None)
        else:
            tops.append(sum(len(r) for r in rows) if len(units) else -1)
        rows.append(evidence)
        labels += [contains_gold(unit.text, question.gold) for unit in units]
        if on_progress is not None:
            on_progress()
    question_of_row = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    return Evidence(np.vstack(rows), np.array(labels, dtype=bool), tops, question_of_row)


def _asked_turn(
    engine: Engine, question: str, read: Reading
) -> tuple[tuple[Quoted, ...], tuple[list[Unit], np.ndarray] | None]:
    """A conversation's turn asked as the harness asks it (service.evaluate.ask): what its answer
    quotes is where the next turn's "that date" points. The same pass hands over the units it
    ranked and their evidence rows (None when it answers without the ranking)."""
    ranked: list[tuple[list[Unit], np.ndarray]] = []
    answer = engine.ask(
        question,
        top_k=DEPTH,
        history=read.history,
        quoted=read.quoted,
        said=read.said,
        root=read.root,
        leads=read.leads,
        on_evidence=lambda units, rows: ranked.append((units, rows)),
    )
    return quoted_by(answer), (ranked[0] if ranked else None)


def fit_map(
    evidence: Evidence, answerable: Sequence[bool], choice: FitChoice = SHIPPED, fitted_on: str = ""
) -> Calibration:
    """The map fitted on `evidence` as `choice` says, with the highest cut that abstains on at most
    MAX_ANSWERABLE_ABSTAINED of the answerable questions it decides on."""
    rows, labels = evidence.rows, evidence.labels
    weights, intercept = fit_logistic(rows, labels, choice.l2, choice.row_weights(rows, labels))
    weighed = rows[:, VETO] <= 0
    knots = fit_isotonic(Calibration(weights, intercept, 0.0).logistic(rows[weighed]), labels[weighed])
    fitted = Calibration(weights, intercept, 0.0, knots=knots)
    decided = [(p, a) for p, a in zip(top_probabilities(fitted, evidence), answerable, strict=True) if p is not None]
    cut = abstention_cut([p for p, _ in decided], [a for _, a in decided])
    return Calibration(weights, intercept, cut, fitted_on, knots)


def top_probabilities(calibration: Calibration, evidence: Evidence) -> list[float | None]:
    """Per question, its first result's probability (0: nothing ranked; None: answered unranked)."""
    rows = evidence.rows
    return [
        None if t is None else (float(calibration.probabilities(rows[t : t + 1])[0]) if t >= 0 else 0.0)
        for t in evidence.tops
    ]


def row_probabilities(calibration: Calibration, evidence: Evidence) -> np.ndarray:
    """Every row's probability as the engine scores it: per question, down its ranking."""
    bounds = np.flatnonzero(np.diff(evidence.question_of_row)) + 1
    blocks = np.split(evidence.rows, bounds) if len(evidence.rows) else []
    return np.concatenate([calibration.probabilities(b) for b in blocks]) if blocks else np.zeros(0)


def question_groups(questions: Sequence[Question]) -> np.ndarray:
    """Per question, its group: a conversation's turns share one; a stand-alone question is its own."""
    groups: dict[object, int] = {}
    return np.array(
        [groups.setdefault(q.conversation_key or ("", i), len(groups)) for i, q in enumerate(questions)], dtype=int
    )


def grouped_folds(groups: np.ndarray, folds: int = FOLDS, seed: int = 0) -> np.ndarray:
    """Per question, its fold: the groups shuffled by `seed` and dealt out in turn, so a
    conversation is never split between folds."""
    order = np.random.default_rng(seed).permutation(int(groups.max()) + 1 if len(groups) else 0)
    fold_of_group = np.empty(len(order), dtype=int)
    fold_of_group[order] = np.arange(len(order)) % folds
    folded: np.ndarray = fold_of_group[groups]
    return folded


def cross_validated(
    evidence: Evidence, answerable: Sequence[bool], groups: np.ndarray, choice: FitChoice, splits: int = SPLITS
) -> Trade:
    """`choice`'s trade out of fold, summed over `splits` shuffles: each fold's map and cut are
    fitted on the other folds (as `--calibrate` fits them on dev), then read on it."""
    answer = np.asarray(answerable, dtype=bool)
    counts = np.zeros(4, dtype=int)  # answerable abstained, answerable, unanswerable abstained, unanswerable
    probabilities, labels = [], []
    for seed in range(splits):
        fold_of = grouped_folds(groups, FOLDS, seed)
        for fold in range(FOLDS):
            held = fold_of == fold
            fitted = fit_map(evidence.of_questions(~held), answer[~held].tolist(), choice)
            back = evidence.of_questions(held)
            for top, a in zip(top_probabilities(fitted, back), answer[held], strict=True):
                if top is not None:
                    below = top < fitted.abstain_below
                    counts += [a and below, a, not a and below, not a]
            weighed = back.rows[:, VETO] <= 0
            probabilities.append(row_probabilities(fitted, back)[weighed])
            labels.append(back.labels[weighed])
    p, y = np.concatenate(probabilities), np.concatenate(labels)
    clipped = np.clip(p, PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR)
    log_loss = float(-np.mean(np.where(y, np.log(clipped), np.log(1 - clipped))))
    error = expected_calibration_error(reliability(p.tolist(), y.tolist())) or 0.0
    return Trade(int(counts[0]), int(counts[1]), int(counts[2]), int(counts[3]), log_loss, error)


def choose_fit(
    evidence: Evidence, answerable: Sequence[bool], groups: np.ndarray, choices: Sequence[FitChoice] = CHOICES
) -> tuple[FitChoice, dict[FitChoice, Trade]]:
    """The choice that abstains out of fold on the most unanswerable questions while abstaining on
    no more answerable ones than the shipped fit (SHIPPED), the lower log-loss breaking ties;
    SHIPPED itself when none does better. With every trade measured, in `choices`' order."""
    trades = {c: cross_validated(evidence, answerable, groups, c) for c in dict.fromkeys([SHIPPED, *choices])}
    allowed = trades[SHIPPED].answerable_abstained
    eligible = [c for c, t in trades.items() if t.answerable_abstained <= allowed]
    best = min(eligible, key=lambda c: (-trades[c].unanswerable_abstained, trades[c].log_loss, c != SHIPPED))
    return best, trades


def fit_calibration(
    engine: Engine,
    questions: Sequence[Question],
    on_progress: Callable[[], None] | None = None,
    choices: Sequence[FitChoice] = CHOICES,
) -> Calibration:
    """The map fitted on `questions` with the free parameters `choose_fit` picks, and its cut."""
    evidence = evidence_of(engine, questions, on_progress)
    answerable = [q.answerable for q in questions]
    choice, _ = choose_fit(evidence, answerable, question_groups(questions), choices)
    files = ", ".join(dict.fromkeys(q.file for q in questions))
    fitted_on = f"{files}, {len(questions)} questions, {date.today()}; {choice.describe()}"
    return fit_map(evidence, answerable, choice, fitted_on)
