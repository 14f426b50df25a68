"""The reasons the engine gives for the answers it withdraws, for tests that check them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


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
