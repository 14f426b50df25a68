"""What one running app holds: settings, the conversation store, the engine once loaded,
metrics and limiters. Built in the lifespan, reached by routes through `deps.py`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import anyio

from service.api.metrics import Metrics
from service.api.ratelimit import RateLimiter
from service.chat import AskEngine
from service.conversations import Store
from service.errors import CitedError, IndexError_
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


def load_in_background(state: AppState, load: Callable[[Settings], AskEngine]) -> None:
    """Load the engine on a daemon thread so the server answers /healthz at once.

    An index error keeps /readyz at 503 with its one-line cause; anything else is logged
    with its traceback and reported as a failed load.
    """

    def run() -> None:
        started = time.perf_counter()
        try:
            engine = load(state.settings)
        except IndexError_ as exc:
            state.load_error = str(exc)
            logger.error("index not loaded: %s", exc)
            return
        except CitedError as exc:
            state.load_error = str(exc)
            logger.error("engine not loaded: %s", exc)
            return
        except Exception as exc:
            state.load_error = f"the engine failed to load ({type(exc).__name__}); see the log"
            logger.exception("engine failed to load")
            return
        state.set_engine(engine)
        logger.info("index loaded", extra={"fields": {
            "index_version": engine.version, "seconds": round(time.perf_counter() - started, 2),
        }})

    threading.Thread(target=run, name="cited-engine-load", daemon=True).start()
