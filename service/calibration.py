"""Scores that mean something: the probability that a result answers the question.

A result's `score` is a logistic map (Platt scaling over several pieces of evidence,
service.evidence.FEATURES) followed by an isotonic step (pool-adjacent-violators over the
logistic outputs: the logistic curve alone was under-confident at the top, 0.85 predicted
against 1.00 observed on dev), both fitted on the development question set: among results
scored around 0.8, about 80 % contain the answer. A question about a year after every document
(service.evidence.VETO) scores 0 throughout. Scores are then made non-increasing down the
ranking (a result never scores above the one ranked before it), so the order a user reads
and the scores agree. The engine abstains when the top result's probability is below
`abstain_below`, chosen at fitting time as the highest cut that keeps the share of answerable
development questions abstained under MAX_ANSWERABLE_ABSTAINED.

The fitted map lives in `calibration.json` beside this module, with the date and the question
set it was fitted on. Refit it after changing retrieval: `cited eval corpus/questions/dev.jsonl
--calibrate` (service.evaluate.calibrate).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from service.errors import IndexCorrupt
from service.evidence import FEATURES, VETO

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
# Abstention may cost at most this share of the answerable questions the map decides on; chosen by
# cross-validation on dev with the evidence it weighs (docs/retrieval.md, "The abstention budget").
MAX_ANSWERABLE_ABSTAINED = 0.0125
# The ridge penalty of the session-14 fit; `cited eval --calibrate` chooses its own out of fold
# (service.evaluate.calibrate.CHOICES).
L2 = 1.0
BINS = 10
# The evidence that counts against a result rather than for it (negative weights in every fit so
# far): what `Calibration.withheld_by` names as having withdrawn an answer.
PENALTIES = ("unknown_share", "unknown_name", "relation_unstated", "residual_unmatched")


def penalty_reason(name: str) -> str:
    """A penalty's name (PENALTIES) as the abstention reason it gives ("relation-unstated")."""
    return name.replace("_", "-")


MAX_PROBABILITY = 0.99


@dataclass(frozen=True)
class Calibration:
    """A fitted map from evidence rows (FEATURES, in order) to probabilities."""

    weights: tuple[float, ...]
    intercept: float
    abstain_below: float
    fitted_on: str = ""
    knots: tuple[tuple[float, float], ...] = ()  # isotonic step: (logistic output, probability)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability of each row, made non-increasing down the ranking."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float32)
        raw = self.logistic(rows)
        if self.knots:
            raw = np.interp(raw, [x for x, _ in self.knots], [y for _, y in self.knots])
        raw[rows[:, VETO] > 0] = 0.0
        return np.minimum.accumulate(raw).astype(np.float32)

    def withheld_by(self, row: np.ndarray, cut: float) -> str:
        """What held a first result's row (FEATURES, in order) under `cut`, as an abstention
        reason (service.verdict.ABSTAIN_REASONS): "unreported" for the veto; else, when the row
        would score at or above the cut without its penalties (PENALTIES: what the corpus never
        writes, the asked relation unstated, question words the lead leaves unmatched), the one
        that lowered it most, by weight times value ("relation-unstated"); else "weak-evidence":
        the match itself is too weak. Read on abstentions only, so that the evaluation can count
        which evidence withdraws answerable questions (docs/retrieval.md, "Abstention")."""
        if row[VETO] > 0:
            return "unreported"
        lowered = {name: self.weights[FEATURES.index(name)] * float(row[FEATURES.index(name)]) for name in PENALTIES}
        lowered = {name: value for name, value in lowered.items() if value < 0}
        if not lowered:
            return "weak-evidence"
        unpenalised = row.astype(np.float64).copy()
        for name in lowered:
            unpenalised[FEATURES.index(name)] = 0.0
        if self.probabilities(unpenalised[None, :])[0] < cut:
            return "weak-evidence"
        return penalty_reason(min(lowered, key=lambda name: lowered[name]))

    def logistic(self, rows: np.ndarray) -> np.ndarray:
        """The logistic map alone, before the isotonic step and the veto."""
        return _sigmoid(rows.astype(np.float64) @ np.array(self.weights) + self.intercept)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "knots": [list(k) for k in self.knots],
            "abstain_below": self.abstain_below,
            "fitted_on": self.fitted_on,
        }


def unfitted() -> Calibration:
    """A map that reads no evidence: what the engine scores with while `cited eval --calibrate`
    fits the real one, so a refit runs when the saved map was fitted on other features."""
    return Calibration(tuple(0.0 for _ in FEATURES), 0.0, 0.0, "unfitted")


def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    """The fitted map; IndexCorrupt when it is missing or was fitted on other features."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"fitted on {data['features']}, not {list(FEATURES)}")
        knots = tuple((float(x), float(y)) for x, y in data.get("knots", []))
        return Calibration(
            tuple(float(w) for w in data["weights"]),
            float(data["intercept"]),
            float(data["abstain_below"]),
            str(data.get("fitted_on", "")),
            knots,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorrupt(
            f"{path}: cannot read the score calibration ({exc}); refit it with "
            "`cited eval corpus/questions/dev.jsonl --calibrate`"
        ) from exc


def save_calibration(calibration: Calibration, path: Path = CALIBRATION_FILE) -> None:
    path.write_text(json.dumps(calibration.to_json(), indent=2) + "\n", encoding="utf-8")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))
    return probabilities


def fit_logistic(
    rows: np.ndarray, labels: np.ndarray, l2: float = L2, row_weights: np.ndarray | None = None
) -> tuple[tuple[float, ...], float]:
    """Ridge-penalised logistic regression by Newton's method (the intercept is not penalised),
    on the rows the veto leaves to weigh; the veto's own weight stays 0. `row_weights`: how much
    each row counts in the log-loss (None: one each), so that the rows the abstention reads can
    count more than the rest (service.evaluate.calibrate, FitChoice)."""
    weighed = rows[:, VETO] <= 0
    x = np.hstack([rows[weighed].astype(np.float64), np.ones((int(weighed.sum()), 1))])
    x[:, VETO] = 0.0
    y = labels[weighed].astype(np.float64)
    w = np.ones(len(y)) if row_weights is None else np.asarray(row_weights, dtype=np.float64)[weighed]
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    penalty[VETO] = 1.0  # a column of zeros: kept at 0 by the penalty
    for _ in range(50):
        p = _sigmoid(x @ beta)
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return tuple(float(b) for b in beta[:-1]), float(beta[-1])


def fit_isotonic(
    scores: np.ndarray, labels: np.ndarray, ceiling: float = MAX_PROBABILITY
) -> tuple[tuple[float, float], ...]:
    """Pool-adjacent-violators: the non-decreasing step from `scores` to hit rates, as knots
    (block mean score, block hit rate) to interpolate between. Capped at `ceiling`: a few
    dozen results at the top are no proof of certainty."""
    order = np.argsort(scores, kind="stable")
    blocks: list[list[float]] = []  # [sum of scores, sum of labels, count]
    for score, label in zip(scores[order], labels[order].astype(float), strict=True):
        blocks.append([float(score), float(label), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    return tuple((total / count, min(hits / count, ceiling)) for total, hits, count in blocks)


def abstention_cut(
    top: Sequence[float], answerable: Sequence[bool], max_share: float = MAX_ANSWERABLE_ABSTAINED
) -> float:
    """The highest cut on the top result's probability that abstains on at most `max_share`
    of the answerable questions (a question abstains when its top probability is below)."""
    answered = sorted(p for p, a in zip(top, answerable, strict=True) if a)
    if not answered:
        return 0.0
    allowed = int(np.floor(max_share * len(answered)))
    return float(answered[allowed]) if allowed < len(answered) else float(answered[-1])


@dataclass(frozen=True)
class Bin:
    """One bin of a reliability diagram: predicted against observed."""

    low: float
    high: float
    count: int
    predicted: float | None  # mean score of the results in the bin
    observed: float | None  # share of them that answer the question


def reliability(scores: Sequence[float], hits: Sequence[bool], bins: int = BINS) -> list[Bin]:
    """Results grouped by score into equal-width bins, each with its mean score and hit rate."""
    values, observed = np.asarray(scores, dtype=np.float64), np.asarray(hits, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(values, edges[1:-1]), 0, bins - 1)
    table = []
    for b in range(bins):
        inside = which == b
        count = int(inside.sum())
        table.append(
            Bin(
                float(edges[b]),
                float(edges[b + 1]),
                count,
                float(values[inside].mean()) if count else None,
                float(observed[inside].mean()) if count else None,
            )
        )
    return table


def expected_calibration_error(table: Sequence[Bin]) -> float | None:
    """The count-weighted mean gap between predicted and observed over the bins."""
    total = sum(b.count for b in table)
    if not total:
        return None
    return sum(b.count * abs((b.predicted or 0.0) - (b.observed or 0.0)) for b in table) / total
