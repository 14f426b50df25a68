"""A token bucket per client address, in memory (one process; good enough for one host)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

MAX_CLIENTS = 10_000  # past this many buckets, forget the ones that are full again


class RateLimiter:
    """`per_minute` requests per client, refilled continuously, bursts up to `per_minute`."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last seen)
        self._lock = threading.Lock()

    def acquire(self, client: str) -> int:
        """Take a token for `client`: 0 when allowed, else the seconds to wait (at least 1)."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                self._prune(now)
                return 0
            self._buckets[client] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self.rate))

    def _prune(self, now: float) -> None:
        # Bound memory: a bucket that has refilled completely carries no information.
        if len(self._buckets) <= MAX_CLIENTS:
            return
        refill_seconds = self.capacity / self.rate
        self._buckets = {client: state for client, state in self._buckets.items() if now - state[1] < refill_seconds}
