"""What one running app holds: settings, the conversation store, the engine once loaded,
metrics and limiters. Built in the lifespan, reached by routes through `deps.py`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import anyio

from service.api.metrics import Metrics
from service.api.ratelimit import RateLimiter
from service.chat import AskEngine
from service.conversations import Store
from service.errors import IndexError_
from service.settings import Settings

logger = logging.getLogger("cited.api")


class EngineNotReady(IndexError_):
    """The index is still loading (`loading`), or failed to load (the message says why)."""

    def __init__(self, message: str, *, loading: bool) -> None:
        super().__init__(message)
        self.loading = loading


@dataclass
class AppState:
    """Shared by every request of one app. The engine appears once loading finished."""

    settings: Settings
    store: Store
    metrics: Metrics = field(default_factory=Metrics)
    rate_limiter: RateLimiter | None = None
    search_limiter: anyio.CapacityLimiter | None = None
    engine: AskEngine | None = None
    load_error: str | None = None
    units: int = 0  # units in the loaded index

    def require_engine(self) -> AskEngine:
        """The loaded engine, or EngineNotReady naming why there is none."""
        engine = self.engine
        if engine is not None:
            return engine
        if self.load_error is not None:
            raise EngineNotReady(self.load_error, loading=False)
        raise EngineNotReady("the index is still loading; try again in a few seconds", loading=True)

    def set_engine(self, engine: AskEngine) -> None:
        """Publish a loaded engine to every request from now on."""
        self.units = len(engine.all_units())
        self.metrics.index_units.set(self.units)
        self.load_error = None
        self.engine = engine
