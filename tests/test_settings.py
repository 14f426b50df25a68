"""Settings read from the environment, and the serving settings that shape every request:
empty values, HOST/PORT, CITED_DEFAULT_TOP_K and CITED_SEARCH_THREADS."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from service.settings import Settings, get_settings
from tests.support.server import serve_app

ANSWERED = "How many attacks did the TTP carry out in August?"


def test_empty_values_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    # docker-compose passes `${VAR:-}` through as an empty string.
    monkeypatch.setenv("CITED_DEFAULT_TOP_K", "")
    monkeypatch.setenv("CITED_DATABASE_URL", "")
    monkeypatch.setenv("CITED_PORT", "")
    settings = get_settings()
    assert settings.default_top_k == 5
    assert settings.database_url is None
    assert settings.port == 8000


def test_host_and_port_are_read_with_or_without_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "9001")
    assert (Settings().host, Settings().port) == ("0.0.0.0", 9001)
    monkeypatch.setenv("CITED_HOST", "127.0.0.2")
    monkeypatch.setenv("CITED_PORT", "9002")
    assert (Settings().host, Settings().port) == ("127.0.0.2", 9002)  # the prefixed name wins


@pytest.mark.parametrize(
    ("name", "value"), [("PORT", "70000"), ("CITED_DEFAULT_TOP_K", "21"), ("CITED_SEARCH_THREADS", "0")]
)
def test_out_of_range_values_are_refused_at_start_up(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


def test_default_top_k_sets_the_number_of_results(make_settings: Callable[..., Settings], engine: Any) -> None:
    with serve_app(make_settings(default_top_k=2), engine) as url:
        body = httpx.post(url + "/v1/ask", json={"question": ANSWERED}, timeout=30).json()
        assert not body["abstained"] and len(body["results"]) == 2
        body = httpx.post(url + "/v1/ask", json={"question": ANSWERED, "top_k": 4}, timeout=30).json()
        assert len(body["results"]) == 4


class _CountingEngine:
    """The real engine, recording where each ask runs and how many run at once."""

    def __init__(self, engine: Any, hold: float) -> None:
        self._engine = engine
        self._hold = hold
        self._lock = threading.Lock()
        self.running = 0
        self.most_at_once = 0
        self.on_event_loop = 0
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def ask(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            asyncio.get_running_loop()
            self.on_event_loop += 1  # reached only when called on the event loop's thread
        except RuntimeError:
            pass
        try:
            time.sleep(self._hold)  # long enough for the other requests to pile up
            return self._engine.ask(*args, **kwargs)
        finally:
            with self._lock:
                self.running -= 1


@pytest.mark.slow
def test_retrieval_runs_on_worker_threads_capped_by_search_threads(
    make_settings: Callable[..., Settings], engine: Any
) -> None:
    counting = _CountingEngine(engine, hold=0.3)
    with serve_app(make_settings(search_threads=2), counting) as url:
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(
                pool.map(
                    lambda _: httpx.post(url + "/v1/ask", json={"question": ANSWERED}, timeout=60).status_code,
                    range(8),
                )
            )
    assert statuses == [200] * 8
    assert counting.calls == 8
    assert counting.on_event_loop == 0
    assert counting.most_at_once == 2
