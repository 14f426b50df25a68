"""Work queued per channel and drained by a few threads, so that no listener thread ever waits.

A `ChannelScheduler` keeps one FIFO queue per key (a Slack channel, or a user). A small pool
of threads takes items from whichever key has been waiting longest, one item per key at a
time, and starts a key's items at least `interval` seconds apart. So:

- a burst under one key occupies at most one thread: every other key still gets the rest;
- with `interval` > 0 the key is paced (Slack's one post per second per channel) by a due
  time in a heap, not by a thread sleeping;
- the caller (a bolt listener) only appends and returns.

Items are plain callables that handle their own errors; a failure that still escapes is
logged and the thread carries on. An item that cannot run yet (Slack answered 429) returns
`Later(seconds)`: it goes back to the head of its key's queue and the key's next start moves
that far ahead, so the thread is free at once and the key's order is kept. The queues live in
memory: `close()` drops what has not started and returns how much that was.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("cited.slack")


@dataclass(frozen=True)
class Later:
    """What an item returns to be run again, before the rest of its key's queue, no sooner
    than `seconds` from now (and not before the key's `interval` either)."""

    seconds: float


Item = Callable[[], object]  # called for its effect; what it returns counts only if it is `Later`
# Idle keys are remembered only for their pacing; past this many, the ones whose next slot
# has passed are forgotten.
FORGET_IDLE_AFTER = 1024


@dataclass
class _Key:
    items: deque[Item] = field(default_factory=deque)
    running: bool = False
    not_before: float = 0.0  # time.monotonic() of this key's next allowed start


class ChannelScheduler:
    """Per-key FIFO queues, served oldest-due first by `threads` threads (started on first use)."""

    def __init__(self, name: str, threads: int, interval: float = 0.0) -> None:
        if threads < 1:
            raise ValueError("a scheduler needs at least one thread")
        self.name = name
        self.interval = interval
        self._size = threads
        self._keys: dict[str, _Key] = {}
        self._due: list[tuple[float, int, str]] = []  # (start no earlier than, order, key)
        self._order = itertools.count()
        self._cond = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._closed = False

    def submit(self, key: str, item: Item) -> bool:
        """Queue `item` under `key`; False (and nothing queued) once the scheduler is closed."""
        with self._cond:
            if self._closed:
                log.warning("slack %s queue is closed: an item for %s was not queued", self.name, key)
                return False
            state = self._keys.setdefault(key, _Key())
            state.items.append(item)
            if len(state.items) == 1 and not state.running:
                self._schedule(key, state)
            self._start_threads()
            self._cond.notify()
        return True

    def pending(self) -> int:
        """Items queued and not started yet."""
        with self._cond:
            return sum(len(k.items) for k in self._keys.values())

    def idle(self) -> bool:
        """Nothing queued and nothing running."""
        with self._cond:
            return not any(k.items or k.running for k in self._keys.values())

    def close(self, timeout: float = 5.0) -> int:
        """Stop: drop what has not started, wait up to `timeout` s for what has; return the
        number of items dropped (the caller reports it)."""
        with self._cond:
            self._closed = True
            dropped = sum(len(k.items) for k in self._keys.values())
            self._keys.clear()
            self._due.clear()
            self._cond.notify_all()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return dropped

    # -- inside the lock ---------------------------------------------------------------------
    def _schedule(self, key: str, state: _Key) -> None:
        start = max(time.monotonic(), state.not_before)
        heapq.heappush(self._due, (start, next(self._order), key))

    def _start_threads(self) -> None:
        while len(self._threads) < self._size:
            thread = threading.Thread(
                target=self._run, daemon=True, name=f"cited-slack-{self.name}-{len(self._threads)}"
            )
            self._threads.append(thread)
            thread.start()

    def _next(self) -> tuple[str, _Key, Item] | None:
        """Wait for the next due item (None once closed)."""
        while not self._closed:
            now = time.monotonic()
            if self._due and self._due[0][0] <= now:
                _, _, key = heapq.heappop(self._due)
                state = self._keys[key]
                state.running = True
                return key, state, state.items.popleft()
            self._cond.wait(self._due[0][0] - now if self._due else None)
        return None

    def _finished(self, key: str, state: _Key, started: float, item: Item, later: Later | None) -> None:
        state.running = False
        state.not_before = started + self.interval
        if self._closed:
            if later is not None:
                log.warning(
                    "slack %s queue is closed: an item for %s waiting to be retried was dropped", self.name, key
                )
            return
        if later is not None:
            state.items.appendleft(item)  # first again: the key's order holds
            state.not_before = max(state.not_before, time.monotonic() + later.seconds)
        if state.items:
            self._schedule(key, state)
            self._cond.notify()
        elif len(self._keys) > FORGET_IDLE_AFTER:
            now = time.monotonic()
            for idle in [k for k, s in self._keys.items() if not s.items and not s.running and s.not_before <= now]:
                del self._keys[idle]

    # -- the threads -------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                taken = self._next()
            if taken is None:
                return
            key, state, item = taken
            started = time.monotonic()
            later = None
            try:
                result = item()
                later = result if isinstance(result, Later) else None
            except Exception:  # noqa: BLE001 - items handle their errors; the thread must survive
                log.exception("slack %s item for %s failed", self.name, key)
            with self._cond:
                self._finished(key, state, started, item, later)
