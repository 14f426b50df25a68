"""Zero-downtime index updates: notice a newly published index and swap to it.

`cited build` publishes by replacing `index/CURRENT`. The watcher polls that pointer (every
`CITED_INDEX_POLL_SECONDS`) and `POST /v1/admin/reload` asks for a check at once. A new
version is loaded and checked beside the old one (same model, so nothing is loaded twice),
then published with a single reference assignment: requests in flight finish on the engine
they took, new requests get the new one. A version that fails to load is refused, logged
and not tried again; the old engine keeps serving.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from service.api.state import AppState
from service.chat import AskEngine
from service.errors import CitedError
from service.settings import Settings
from service.store import CURRENT

logger = logging.getLogger("cited.api")
Loader = Callable[[Settings, Any], AskEngine]  # (settings, engine now serving) -> new engine


@dataclass(frozen=True)
class ReloadOutcome:
    """What one check did: `reloaded` to `version`, or refused it with `error`."""

    version: str | None
    reloaded: bool
    error: str | None = None


class IndexWatcher:
    """Swaps the app's engine when `index/CURRENT` names a new version."""

    def __init__(self, state: AppState, load: Loader) -> None:
        self.state = state
        self.load = load
        self.refused: dict[str, str] = {}  # version -> why it was refused
        self._lock = threading.Lock()  # one load at a time
        self._stop = threading.Event()

    def published_version(self) -> str | None:
        pointer = self.state.settings.index_dir / CURRENT
        try:
            return pointer.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def check(self) -> ReloadOutcome:
        """Load and publish the pointed-to version if it is new; never raises for a bad index."""
        with self._lock:
            current = self.state.engine
            version = self.published_version()
            if version is None or current is None or version == getattr(current, "version", None):
                return ReloadOutcome(version, False)
            if version in self.refused:
                return ReloadOutcome(version, False, self.refused[version])
            try:
                engine = self.load(self.state.settings, current)
            except CitedError as exc:
                return self._refuse(version, str(exc))
            except Exception as exc:  # a reload must never take the serving engine down
                logger.exception("index %s failed to load", version)
                return self._refuse(version, f"{type(exc).__name__} while loading; see the log")
            self.state.set_engine(engine)
            self.state.metrics.index_reloads.inc()
            logger.info("index reloaded", extra={"fields": {"index_version": engine.version}})
            return ReloadOutcome(engine.version, True)

    def _refuse(self, version: str, why: str) -> ReloadOutcome:
        self.refused[version] = why
        self.state.metrics.index_reload_failures.inc()
        logger.error("new index %s refused, still serving the old one: %s", version, why)
        return ReloadOutcome(version, False, why)

    def start(self, interval: float) -> None:
        """Poll every `interval` seconds on a daemon thread until `stop()`."""

        def run() -> None:
            while not self._stop.wait(interval):
                self.check()

        threading.Thread(target=run, name="cited-index-watch", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
