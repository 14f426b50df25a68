"""Zero-downtime index updates: load the published index, notice a new one and swap to it.

`cited build` publishes by replacing `index/CURRENT`. The watcher polls that pointer (every
`CITED_INDEX_POLL_SECONDS`) and `POST /v1/admin/reload` asks for a check at once. A new
version is loaded and checked beside the old one (same model, so nothing is loaded twice),
then published with a single reference assignment: requests in flight finish on the engine
they took, new requests get the new one. A version that fails to load is refused and logged
once; the old engine keeps serving. It is tried again when `CURRENT` or the version's files
change (a replica whose pointer arrived before its folder finished copying), or at once on
an admin reload.

The first load goes through the same check. While no engine is loaded the watcher keeps
trying, backing off up to a minute, so a server started before the first build (or in the
middle of one) becomes ready by itself once a good version is published.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.api.state import AppState
from service.chat import AskEngine
from service.errors import CitedError, IndexCorrupt
from service.settings import Settings
from service.store import CURRENT, read_pointer, versions_dir

logger = logging.getLogger("cited.api")
Loader = Callable[[Settings, Any], AskEngine]  # (settings, engine now serving or None) -> new engine
MAX_BACKOFF_SECONDS = 60.0
Signature = tuple[bytes | None, tuple[tuple[str, int, int], ...]]


@dataclass(frozen=True)
class ReloadOutcome:
    """What one check did: `reloaded` to `version`, or refused it with `error`."""

    version: str | None
    reloaded: bool
    error: str | None = None


@dataclass(frozen=True)
class _Failure:
    """The last failed load: what was on disk, why it failed, when to try again regardless."""

    version: str | None
    signature: Signature
    why: str
    attempts: int
    retry_at: float


class IndexWatcher:
    """Loads the published index, and swaps the app's engine when `index/CURRENT` changes."""

    def __init__(self, state: AppState, load: Loader) -> None:
        self.state = state
        self.load = load
        self.interval = 1.0  # base of the backoff while nothing is loaded; start() sets the poll interval
        self._failure: _Failure | None = None
        self._lock = threading.Lock()  # one load at a time
        self._stop = threading.Event()
        self._last_poll_error: str | None = None

    def check(self, *, force: bool = False) -> ReloadOutcome:
        """Load the pointed-to version if it is new (or nothing is loaded yet); never raises
        for a bad index. A refused version is tried again only when its files change, or
        (while nothing serves) after a backoff, or when `force`d (the admin endpoint)."""
        with self._lock:
            serving = self.state.engine
            index_dir = self.state.settings.index_dir
            try:
                version: str | None = read_pointer(index_dir)
            except IndexCorrupt:
                version = None  # the load below names the cause
            else:
                if serving is not None and version in (None, getattr(serving, "version", None)):
                    self._failure = None
                    return ReloadOutcome(version, False)
            signature = _signature(index_dir, version)
            failure = self._failure
            if not force and failure is not None and failure.signature == signature:
                if serving is not None or time.monotonic() < failure.retry_at:
                    return ReloadOutcome(failure.version, False, failure.why)
            return self._load(version, signature, serving)

    def _load(self, version: str | None, signature: Signature, serving: AskEngine | None) -> ReloadOutcome:
        started = time.perf_counter()
        try:
            engine = self.load(self.state.settings, serving)
        except CitedError as exc:
            return self._failed(version, signature, serving, str(exc))
        except Exception as exc:  # a load must never take the serving engine (or the watcher) down
            logger.exception("index %s failed to load", version)
            return self._failed(version, signature, serving, f"{type(exc).__name__} while loading; see the log")
        self._failure = None
        self.state.set_engine(engine)
        fields = {"index_version": engine.version, "seconds": round(time.perf_counter() - started, 2)}
        if serving is None:
            logger.info("index loaded", extra={"fields": fields})
        else:
            self.state.metrics.index_reloads.inc()
            logger.info("index reloaded", extra={"fields": fields})
        return ReloadOutcome(engine.version, True)

    def _failed(self, version: str | None, signature: Signature, serving: AskEngine | None, why: str) -> ReloadOutcome:
        previous = self._failure
        attempts = previous.attempts + 1 if previous is not None and previous.signature == signature else 1
        backoff = min(self.interval * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
        self._failure = _Failure(version, signature, why, attempts, time.monotonic() + backoff)
        if serving is None:
            self.state.load_error = why
            logger.error(
                "index not loaded (attempt %d; next when the index changes or in %.0f s): %s", attempts, backoff, why
            )
        else:
            self.state.metrics.index_reload_failures.inc()
            logger.error("new index %s refused, still serving the old one: %s", version or "named by CURRENT", why)
        return ReloadOutcome(version, False, why)

    def load_in_background(self) -> None:
        """The first load, on a daemon thread, so the server answers /healthz at once."""
        threading.Thread(target=self._poll_once, name="cited-engine-load", daemon=True).start()

    def start(self, interval: float) -> None:
        """Poll every `interval` seconds on a daemon thread until `stop()`."""
        self.interval = interval

        def run() -> None:
            while not self._stop.wait(interval):
                self._poll_once()

        threading.Thread(target=run, name="cited-index-watch", daemon=True).start()

    def _poll_once(self) -> None:
        try:
            self.check()
        except Exception as exc:  # one bad poll must not end the polling; logged once per cause
            cause = f"{type(exc).__name__}: {exc}"
            if cause != self._last_poll_error:
                logger.exception("index check failed; the watcher polls on")
            self._last_poll_error = cause
        else:
            self._last_poll_error = None

    def stop(self) -> None:
        self._stop.set()


def _signature(index_dir: Path, version: str | None) -> Signature:
    """What is on disk for this check: CURRENT's bytes and the version folder's files (name,
    size, mtime). A refused version whose signature changed is worth loading again."""
    try:
        pointer: bytes | None = (index_dir / CURRENT).read_bytes()
    except OSError:
        pointer = None
    files: list[tuple[str, int, int]] = []
    if version is not None:
        root = versions_dir(index_dir) / version
        for folder, _, names in os.walk(root):  # files may vanish while a copy or build runs
            for name in names:
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                files.append((os.path.relpath(os.path.join(folder, name), root), stat.st_size, stat.st_mtime_ns))
    return pointer, tuple(sorted(files))
