"""Fit the query-side map (service.query_adapter) on a question set's answerable questions.

Each question that opens a conversation or stands alone, with gold strings, gives one training
row: its vector as the model reads it, and the rows of the sentences its gold strings are in
(service.evaluate.questions, `contains_gold`). The map starts at the identity and is fitted by
a softmax over every sentence of the documents the questions are about (the gold sentences the
positives, the rest the negatives, at TEMPERATURE), with an L2 pull toward the identity
(PULL): the model's own reading stays the default and only a shift that many questions share is
learnt. Fit on the development set only; docs/tuning.md ("A query-side linear adapter over the
model's question vectors") tells how the settings were chosen and the cross-document check.

    python -m service.evaluate.adapter corpus/questions/dev.jsonl
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from service.evaluate.questions import Question, contains_gold, load_questions

if TYPE_CHECKING:
    from service.engine import Engine

TEMPERATURE = 0.05
PULL = 0.1  # weight of the squared distance from the identity
STEPS = 200
LEARNING_RATE = 2e-3
SKIPPED_KINDS = frozenset({"claim-source", "source-list"})  # answered from the notes, not ranked


@dataclass(frozen=True)
class Pairs:
    """Training rows: question vectors (n, dim) and, per question, its gold sentences' rows."""

    questions: np.ndarray
    golds: list[list[int]]
    documents: list[str]  # the document of each question's gold unit


def first_questions(questions: Sequence[Question]) -> list[Question]:
    """The answerable questions that open a conversation or stand alone: a follow-up's vector is
    read with its history, which the map is not fitted for."""
    seen: set[tuple[str, str]] = set()
    firsts = []
    for q in questions:
        key = q.conversation_key
        opens = key is None or key not in seen
        if key is not None:
            seen.add(key)
        if opens and q.gold and q.kind not in SKIPPED_KINDS:
            firsts.append(q)
    return firsts


def training_pairs(engine: Engine, questions: Sequence[Question]) -> Pairs:
    """Each first question's vector with the rows of the sentences that hold its gold strings."""
    units = engine.all_units()
    table = engine.files.sentences
    vectors, golds, documents = [], [], []
    for q in first_questions(questions):
        holding = [i for i, unit in enumerate(units) if contains_gold(unit.text, q.gold)]
        rows = [r for i in holding for r in table.of_unit(i) if _holds_gold(units[i].text, table.spans[r], q.gold)]
        if not rows:
            continue
        vectors.append(engine.embedder.encode_query_with_tokens(q.question)[0][0])
        golds.append(rows)
        documents.append(units[holding[0]].document_id)
    return Pairs(np.array(vectors, dtype=np.float32), golds, documents)


def _holds_gold(text: str, span: np.ndarray, gold: Sequence[str]) -> bool:
    """Whether the sentence at `span` of `text` holds a gold string, or a gold string's start or
    end (a gold running over two sentences)."""
    sentence = text[int(span[0]) : int(span[1])]
    return any(contains_gold(sentence, [g]) or contains_gold(sentence, [g[:25], g[-25:]]) for g in gold)


def fit(pairs: Pairs, sentences: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The map, fitted on `pairs` against the sentence vectors `sentences` whose `allowed` flag is
    set (the negatives and positives the softmax reads)."""
    import torch

    torch.manual_seed(0)
    rows = np.flatnonzero(allowed)
    where = {int(r): j for j, r in enumerate(rows)}
    positive = torch.zeros(len(pairs.golds), len(rows))
    for i, gold in enumerate(pairs.golds):
        for r in gold:
            if r in where:
                positive[i, where[r]] = 1.0
    keep = positive.sum(1) > 0
    q = torch.tensor(pairs.questions)[keep]
    positive = positive[keep]
    s = torch.tensor(sentences[rows].astype(np.float32))
    identity = torch.eye(q.shape[1])
    w = identity.clone().requires_grad_(True)
    optimiser = torch.optim.Adam([w], lr=LEARNING_RATE)
    for _ in range(STEPS):
        logits = torch.nn.functional.normalize(q @ w.T, dim=1) @ s.T / TEMPERATURE
        chosen = torch.logsumexp(logits.masked_fill(positive == 0, -1e9), 1)
        loss = (torch.logsumexp(logits, 1) - chosen).mean() + PULL * ((w - identity) ** 2).sum()
        optimiser.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        optimiser.step()
    fitted: np.ndarray = w.detach().numpy()
    return fitted


def fit_on(engine: Engine, questions: Sequence[Question], documents: Sequence[str] | None = None) -> np.ndarray:
    """The map fitted on `questions` whose gold is in `documents` (None: all), against those
    documents' sentences only: what the cross-document check fits on one document."""
    pairs = training_pairs(engine, questions)
    chosen = [i for i, d in enumerate(pairs.documents) if documents is None or d in documents]
    pairs = Pairs(pairs.questions[chosen], [pairs.golds[i] for i in chosen], [pairs.documents[i] for i in chosen])
    units = engine.all_units()
    table = engine.files.sentences
    allowed = np.array([documents is None or units[int(u)].document_id in documents for u in table.unit_of])
    return fit(pairs, np.asarray(table.vectors), allowed)


def main(argv: Sequence[str]) -> None:
    """Fit on the question sets named and save the map as the bundled one."""
    from service.engine import load_engine
    from service.query_adapter import save_adapter
    from service.settings import get_settings

    engine = load_engine(get_settings())
    save_adapter(fit_on(engine, load_questions([Path(a) for a in argv])))


if __name__ == "__main__":
    main(sys.argv[1:])
