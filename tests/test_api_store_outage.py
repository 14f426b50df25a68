"""A conversation store that goes away and comes back, over real HTTP: PostgreSQL of the
test's own, stopped under load and started again, and a SQLite file locked by another
connection. Asks fail fast with a 503 problem and Retry-After, /readyz says not ready, no
retrieval slot waits on the database, and everything recovers without a restart. A row lock
another session keeps costs the asks that need it a 503 within the statement timeout, and
nothing else."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from fastapi import FastAPI

from service.api.app import create_app
from service.conversations import AskRecord
from service.conversations.guard import GuardedStore
from service.conversations.postgres import PostgresStore
from service.conversations.sqlite import ConversationStore
from service.errors import StoreBusy, StoreUnavailable
from service.settings import Settings
from tests.support.postgres import (
    PostgresServer,
    postgres_server_fixture,  # noqa: F401 - the postgres_server fixture
    start_server,
    stop_server,
)
from tests.support.server import serve_in_thread

QUESTION = "Why does Pakistan host the Taliban leadership?"
DATABASE_TIMEOUT_S = 1.0
STATEMENT_TIMEOUT_S = 1.0
# The promise is "a few seconds, not 30": the database timeout plus generous room for a
# loaded two-core machine.
FAST_S = 6.0
RECOVERY_S = 30.0


@pytest.fixture
def served(
    make_settings: Callable[..., Settings], engine: Any, postgres_server: PostgresServer
) -> Iterator[tuple[str, FastAPI]]:
    """The app over the test's PostgreSQL with one retrieval slot: its URL and the app."""
    settings = make_settings(
        database_url=postgres_server.url,
        search_threads=1,
        database_timeout_seconds=DATABASE_TIMEOUT_S,
        database_statement_timeout_seconds=STATEMENT_TIMEOUT_S,
    )
    app = create_app(settings, engine=engine)
    with serve_in_thread(app) as running:
        yield running.url, app


def timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def assert_store_unavailable(response: httpx.Response, server: PostgresServer) -> str:
    """Check the 503 problem and return its detail."""
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    problem = response.json()
    assert problem["detail"].startswith("conversation store unavailable")
    assert str(server.port) not in response.text  # where the database lives stays in the log
    return str(problem["detail"])


@pytest.mark.postgres
@pytest.mark.slow
def test_postgresql_outage_gives_fast_503s_then_recovers_by_itself(
    served: tuple[str, FastAPI], postgres_server: PostgresServer
) -> None:
    url, _ = served
    with httpx.Client(base_url=url, timeout=60) as client:
        first = client.post("/v1/ask", json={"question": QUESTION})
        assert first.status_code == 200, first.text
        conversation_id = first.json()["conversation_id"]
        assert client.get("/readyz").status_code == 200

        stop_server(postgres_server)
        asks = [{"question": QUESTION, "conversation_id": conversation_id}] * 4 + [{"question": QUESTION}] * 2
        with ThreadPoolExecutor(len(asks)) as pool:
            outcomes = list(pool.map(lambda body: timed(lambda: client.post("/v1/ask", json=body)), asks))
        for response, seconds in outcomes:
            assert_store_unavailable(response, postgres_server)
            assert seconds < FAST_S
        readiness, seconds = timed(lambda: client.get("/readyz"))
        assert_store_unavailable(readiness, postgres_server)
        assert seconds < FAST_S
        # What does not need the database is still served.
        assert client.get("/v1/documents").status_code == 200

        start_server(postgres_server)
        deadline = time.monotonic() + RECOVERY_S
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, f"/readyz not ready {RECOVERY_S} s after the restart"
            time.sleep(0.2)
        follow_up = client.post("/v1/ask", json={"question": QUESTION, "conversation_id": conversation_id})
        assert follow_up.status_code == 200, follow_up.text
        turns = client.get(f"/v1/conversations/{conversation_id}").json()["turns"]
        assert len(turns) == 2  # the asks refused during the outage left nothing behind


@pytest.mark.postgres
@pytest.mark.slow
def test_asks_waiting_on_the_database_hold_no_retrieval_slot(
    served: tuple[str, FastAPI], postgres_server: PostgresServer
) -> None:
    url, app = served
    first = httpx.post(f"{url}/v1/ask", json={"question": QUESTION}, timeout=60)
    conversation_id = first.json()["conversation_id"]
    stop_server(postgres_server)

    # A follow-up reads its history first; with the server gone that read waits for the
    # database timeout. Watch the retrieval slots while it waits.
    pending: list[httpx.Response] = []
    follow_up = threading.Thread(
        target=lambda: pending.append(
            httpx.post(f"{url}/v1/ask", json={"question": QUESTION, "conversation_id": conversation_id}, timeout=60)
        )
    )
    follow_up.start()
    limiter = app.state.cited.search_limiter
    borrowed, samples = 0, 0
    while follow_up.is_alive():
        borrowed = max(borrowed, limiter.borrowed_tokens)
        samples += 1
        time.sleep(0.01)
    follow_up.join()
    assert pending[0].status_code == 503
    assert samples >= 20, "the follow-up did not wait on the database at all"
    assert borrowed == 0, "a retrieval slot was held while waiting on the database"


@pytest.mark.postgres
@pytest.mark.slow
def test_an_ask_behind_a_held_row_lock_gets_503_within_the_statement_timeout(
    served: tuple[str, FastAPI], postgres_server: PostgresServer
) -> None:
    """Another session holds the conversation's row lock (as a stuck replica or an operator's
    open transaction would): an ask appending to it fails within the statement timeout with a
    503 that says why, changes nothing, and the store stays ready for everything else; once the
    lock is released the same ask succeeds."""
    url, _ = served
    with httpx.Client(base_url=url, timeout=60) as client:
        first = client.post("/v1/ask", json={"question": QUESTION})
        assert first.status_code == 200, first.text
        conversation_id = first.json()["conversation_id"]
        follow_up = {"question": QUESTION, "conversation_id": conversation_id}

        with psycopg.connect(postgres_server.url) as holder:  # one transaction until the block ends
            holder.execute("SELECT 1 FROM conversations WHERE id = %s FOR UPDATE", (conversation_id,))
            # Without a statement timeout this would wait for as long as the lock is held:
            # the client's own timeout turns that into a failure rather than a hung test.
            blocked, seconds = timed(lambda: client.post("/v1/ask", json=follow_up, timeout=4 * FAST_S))
            assert "lock" in assert_store_unavailable(blocked, postgres_server)
            assert STATEMENT_TIMEOUT_S <= seconds < FAST_S
            # A cancelled statement is no outage: the store is ready, other conversations work.
            assert client.get("/readyz").status_code == 200
            other = client.post("/v1/ask", json={"question": QUESTION})
            assert other.status_code == 200, other.text
            holder.rollback()

        again = client.post("/v1/ask", json=follow_up)
        assert again.status_code == 200, again.text
        turns = client.get(f"/v1/conversations/{conversation_id}").json()["turns"]
        assert [t["ask_id"] for t in turns] == [first.json()["ask_id"], again.json()["ask_id"]]


@pytest.mark.postgres
@pytest.mark.slow
def test_guard_fails_fast_while_the_store_is_known_down(postgres_server: PostgresServer) -> None:
    guarded = GuardedStore(PostgresStore(postgres_server.url, timeout=DATABASE_TIMEOUT_S), retry_seconds=60)
    try:
        guarded.ping()
        assert guarded.unavailable is None
        stop_server(postgres_server)
        with pytest.raises(StoreUnavailable, match="cannot use PostgreSQL"):
            guarded.ping()  # this one waits for the database timeout
        assert guarded.unavailable is not None
        started = time.monotonic()
        for _ in range(20):
            with pytest.raises(StoreUnavailable):
                guarded.get_conversation("any")
        # Twenty waits of the database timeout would take 20 s.
        assert time.monotonic() - started < 20 * DATABASE_TIMEOUT_S / 4
    finally:
        guarded.close()


def test_sqlite_locked_past_its_busy_timeout_is_store_busy_not_an_outage(tmp_path: Path) -> None:
    path = tmp_path / "cited.db"
    guarded = GuardedStore(ConversationStore(path, busy_timeout_ms=100), retry_seconds=60.0)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another process writing for too long
        with pytest.raises(StoreBusy, match="SQLite .* stayed locked .* database is locked"):
            guarded.record_ask(AskRecord(None, "api", "a question", "ask-1", [], False))
        # The file answered: the store is not marked down, so readers (WAL) and the readiness
        # probe carry on instead of failing fast for the next minute.
        assert guarded.unavailable is None
        guarded.ping()
        other.execute("ROLLBACK")
        assert guarded.record_ask(AskRecord(None, "api", "a question", "ask-1", [], False))
    finally:
        other.close()
        guarded.close()
