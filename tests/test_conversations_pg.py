"""The PostgreSQL store as a running service meets it: the pool never holds more connections
than `CITED_DATABASE_POOL_SIZE` under concurrent asks (counted by the server itself, in
`pg_stat_activity`), `cited serve` stops at start-up with a one-line cause when the
server cannot be reached, and a session frozen inside a transaction does not keep its row
locks past the statement timeout."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import httpx
import psycopg
import pytest

from service.conversations import AskRecord
from service.conversations.postgres import PostgresStore
from service.errors import StoreBusy, StoreUnavailable
from service.settings import Settings
from tests.conftest import REPO
from tests.support.postgres import empty_tables, postgres_url  # noqa: F401 - a fixture
from tests.support.server import serve_app

QUESTION = "Who leads the Taliban?"
CONCURRENT_ASKS = 32
SMALL_POOL = 2
LARGER_POOL = 6
IDLE_S = 0.5  # the store's statement timeout, which bounds idling in a transaction too


class ConnectionPeak:
    """The most connections the server saw at once under one `application_name`, sampled
    from `pg_stat_activity` on a thread of its own until `stop()`."""

    def __init__(self, admin_url: str, application_name: str) -> None:
        self.peak = 0
        self._url, self._name = admin_url, application_name
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        with psycopg.connect(self._url, autocommit=True) as db:
            while not self._done.is_set():
                row = db.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (self._name,)
                ).fetchone()
                self.peak = max(self.peak, row[0] if row else 0)
                self._done.wait(0.005)

    def stop(self) -> int:
        self._done.set()
        self._thread.join(timeout=10)
        return self.peak


@contextmanager
def counting_connections(url: str, application_name: str) -> Iterator[ConnectionPeak]:
    peak = ConnectionPeak(url, application_name)
    try:
        yield peak
    finally:
        peak.stop()


def peak_connections_under_load(make_settings: Callable[..., Settings], engine: Any, url: str, pool_size: int) -> int:
    """Serve with a pool of `pool_size`, send concurrent follow-ups in one conversation (each
    reads the history and then appends under a row lock, so store calls pile up), and return
    the most connections the server saw from this pool."""
    name = f"cited-pool-test-{pool_size}"
    settings = make_settings(database_url=f"{url}?application_name={name}", database_pool_size=pool_size)
    with serve_app(settings, engine) as base, counting_connections(url, name) as peak:
        first = httpx.post(f"{base}/v1/ask", json={"question": QUESTION}, timeout=60)
        assert first.status_code == 200, first.text
        follow_up = {"question": QUESTION, "conversation_id": first.json()["conversation_id"]}
        with ThreadPoolExecutor(CONCURRENT_ASKS) as pool:
            statuses = list(
                pool.map(
                    lambda _: httpx.post(f"{base}/v1/ask", json=follow_up, timeout=120).status_code,
                    range(CONCURRENT_ASKS),
                )
            )
        assert statuses == [200] * CONCURRENT_ASKS
    return peak.peak


@pytest.mark.postgres
def test_the_pool_never_opens_more_connections_than_configured(
    make_settings: Callable[..., Settings],
    engine: Any,
    postgres_url: str,  # noqa: F811
) -> None:
    empty_tables(postgres_url)
    small = peak_connections_under_load(make_settings, engine, postgres_url, SMALL_POOL)
    larger = peak_connections_under_load(make_settings, engine, postgres_url, LARGER_POOL)
    assert 1 <= small <= SMALL_POOL
    assert larger <= LARGER_POOL
    # The same load used more connections when allowed: so the small pool's bound held it.
    assert larger > SMALL_POOL


def test_serve_stops_at_start_up_with_one_line_when_postgresql_is_unreachable(tmp_path: Any) -> None:
    with socket.socket() as closed, socket.socket() as http:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        http.bind(("127.0.0.1", 0))
        db_port, http_port = closed.getsockname()[1], http.getsockname()[1]
        http.close()  # a free port for `serve`, should it (wrongly) get that far
        env = {k: v for k, v in os.environ.items() if not k.startswith("CITED_")}
        env.update(
            {
                "CITED_DATABASE_URL": f"postgresql://cited:s3cret-pw@127.0.0.1:{db_port}/cited",
                "CITED_DATABASE_PATH": str(tmp_path / "cited.db"),
                "CITED_INDEX_DIR": str(tmp_path),
            }
        )
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "service", "serve", "--port", str(http_port)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]], done.stderr  # one line: no traceback, no uvicorn log
    assert lines[0].startswith(f"Error: cannot use PostgreSQL at 127.0.0.1:{db_port}/cited")
    assert "s3cret-pw" not in done.stderr + done.stdout
    assert elapsed < 30  # refused at once; the bound only keeps a hang from passing


def row_lock_is_free(url: str, conversation_id: str) -> bool:
    """Whether another session can lock the conversation's row at once (NOWAIT)."""
    with psycopg.connect(url, autocommit=True) as other:
        try:
            other.execute("SELECT 1 FROM conversations WHERE id = %s FOR UPDATE NOWAIT", (conversation_id,))
        except psycopg.errors.LockNotAvailable:
            return False
    return True


@pytest.mark.postgres
def test_a_transaction_left_idle_is_ended_and_its_row_lock_released(postgres_url: str) -> None:  # noqa: F811
    """A replica frozen in the middle of a write (played by the store's own transaction, left
    idle while it holds the conversation's row lock) must not keep that lock: the server ends
    its session after the statement timeout, another session then locks the row at once, the
    frozen side's next statement fails with StoreUnavailable, and the store goes on with a
    fresh connection."""
    store = PostgresStore(postgres_url, statement_timeout=IDLE_S)
    try:
        conversation_id = store.new_conversation("api")
        lock_free: list[bool] = []
        with pytest.raises(StoreUnavailable) as refused, store._write() as db:
            db.execute("SELECT 1 FROM conversations WHERE id = %s FOR UPDATE", (conversation_id,))
            time.sleep(4 * IDLE_S)
            lock_free.append(row_lock_is_free(postgres_url, conversation_id))
            db.execute("SELECT 1")
        assert lock_free == [True], "the frozen session still held its row lock"
        assert not isinstance(refused.value, StoreBusy)  # the session is gone, not a statement cancelled
        store.record_ask(AskRecord(conversation_id, "api", "a question", "ask-1", [], False))
        assert [t.ask_id for t in store.get_conversation(conversation_id).turns] == ["ask-1"]
    finally:
        store.close()
