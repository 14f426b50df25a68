"""A `Store` wrapper that fails fast while the database is down and notices when it is back.

Without it, every request during an outage would wait the full database timeout before its
503, and every one would log the same cause. `GuardedStore` remembers the last failure:
for `retry_seconds` after it, calls fail at once with that failure's StoreUnavailable; after
that one call (a request or a readiness probe) tries the database again, and the first
success ends the outage. Each outage is logged twice: when it starts, with its cause, and
when it ends, with its length. An error the store raises on purpose (NotFound, BadInput)
proves the database answered, and so does StoreBusy (a statement the server cancelled past
its timeout, most often behind another session's lock): that call fails, logged as a
warning, but the others go on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from service.conversations import AskRecord, Conversation, Store
from service.errors import CitedError, StoreBusy, StoreUnavailable

RETRY_SECONDS = 1.0

logger = logging.getLogger("cited.store")

T = TypeVar("T")


class GuardedStore:
    """`Store` over another `Store`; safe to share between threads."""

    def __init__(self, store: Store, *, retry_seconds: float = RETRY_SECONDS) -> None:
        self.store = store
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._failure: str | None = None  # the cause, while the store is down
        self._down_since = 0.0
        self._next_try = 0.0

    @property
    def unavailable(self) -> str | None:
        """The cause of the current outage, or None while the store works."""
        return self._failure

    def _call(self, method: Callable[..., T], *args: Any) -> T:
        with self._lock:
            now = time.monotonic()
            if self._failure is not None:
                if now < self._next_try:
                    raise StoreUnavailable(self._failure)
                # This call tries the database; others fail fast until it is back.
                self._next_try = now + self._retry_seconds
        try:
            result = method(*args)
        except StoreBusy as exc:
            logger.warning("conversation store busy: %s", exc)
            self._answered()
            raise
        except StoreUnavailable as exc:
            self._failed(exc)
            raise
        except CitedError:
            self._answered()
            raise
        self._answered()
        return result

    def _failed(self, exc: StoreUnavailable) -> None:
        with self._lock:
            now = time.monotonic()
            if self._failure is None:
                self._down_since = now
                logger.error("conversation store unavailable: %s", exc)
            self._failure = str(exc)
            self._next_try = now + self._retry_seconds

    def _answered(self) -> None:
        if self._failure is None:  # the common case: no lock taken
            return
        with self._lock:
            if self._failure is not None:
                logger.warning("conversation store available again after %.1f s", time.monotonic() - self._down_since)
                self._failure = None

    # -- the Store interface ------------------------------------------------------------------

    def new_conversation(self, source: str, external_key: str | None = None) -> str:
        return self._call(self.store.new_conversation, source, external_key)

    def find_by_external_key(self, key: str) -> str | None:
        return self._call(self.store.find_by_external_key, key)

    def record_ask(self, ask: AskRecord) -> str:
        return self._call(self.store.record_ask, ask)

    def get_conversation(self, conversation_id: str) -> Conversation:
        return self._call(self.store.get_conversation, conversation_id)

    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None, source: str) -> None:
        self._call(self.store.record_feedback, ask_id, unit_id, helpful, comment, source)

    def export_feedback_questions(self, unit_text: Callable[[str], str]) -> list[dict[str, Any]]:
        return self._call(self.store.export_feedback_questions, unit_text)

    def seen_event(self, *keys: str) -> bool:
        return self._call(self.store.seen_event, *keys)

    def ping(self) -> None:
        self._call(self.store.ping)

    def close(self) -> None:
        self.store.close()
