"""The reasons the engine gives for the answers it withdraws, for tests that check them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def withdrawals() -> Iterator[list[str]]:
    """The reasons the engine logs for the answers it withdraws (service.verdict) while open."""
    reasons: list[str] = []

    class Kept(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            reasons.append(getattr(record, "fields", {}).get("reason"))

    logger, handler = logging.getLogger("service.engine"), Kept(logging.DEBUG)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield reasons
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def withdrawn_for(engine: Any, question: str, **asked: Any) -> list[str]:
    """The reasons the engine logs asking `question`, once the answer is checked withdrawn (an
    abstention quoting nothing)."""
    with withdrawals() as reasons:
        answer = engine.ask(question, **asked)
    assert answer.abstained and not answer.sentences, question
    return reasons


def stands_leading_with(engine: Any, question: str, lead: str) -> None:
    """`question`'s answer stands, nothing withdrawn, and its first sentence holds `lead`."""
    with withdrawals() as reasons:
        answer = engine.ask(question)
    assert not answer.abstained and reasons == [], question
    assert lead in answer.sentences[0].text
