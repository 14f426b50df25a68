"""The service as it runs in production, `service.server:app_factory` in its own process:
a feedback that got 200 survives `kill -9` of the service (SQLite) or of the database server
(PostgreSQL, run with fsync and synchronous commit on) (docs/reliability.md, "Stored data"),
and the process logs one JSON line per request when `CITED_LOG_FORMAT=json`."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.conversations import Store
from service.conversations.postgres import PostgresStore
from service.conversations.sqlite import ConversationStore
from tests.conftest import CORPUS
from tests.support.postgres import (
    PostgresServer,
    crash_server,
    durable_postgres_server_fixture,  # noqa: F401 - the durable_postgres_server fixture
    start_server,
)
from tests.support.server import ServerProcess


def wait_for_log_line(log: Path, fragment: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while fragment not in log.read_text():
        if time.monotonic() > deadline:
            raise AssertionError(f"no log line with {fragment} within {timeout} s")
        time.sleep(0.05)


def serving_env(index_dir: Path, database: Path) -> dict[str, str]:
    return {
        "CITED_CORPUS_DIR": str(CORPUS),
        "CITED_INDEX_DIR": str(index_dir),
        "CITED_DATABASE_PATH": str(database),
        "CITED_LOG_FORMAT": "json",
        "CITED_SEARCH_THREADS": "1",
    }


def ask_and_give_feedback(url: str) -> tuple[dict[str, Any], str]:
    """An ask and a feedback on its first result, both answered 200; the ask's body and
    the unit the feedback names."""
    asked = httpx.post(f"{url}/v1/ask", timeout=60, json={"question": "Who leads the Taliban?"})
    assert asked.status_code == 200, asked.text
    body = asked.json()
    unit_id = body["results"][0]["unit_id"]
    response = httpx.post(
        f"{url}/v1/feedback",
        timeout=10,
        json={"ask_id": body["ask_id"], "unit_id": unit_id, "helpful": True, "comment": "kept"},
    )
    assert response.status_code == 200, response.text
    return body, unit_id


def assert_kept(store: Store, body: dict[str, Any], unit_id: str) -> None:
    """The ask and its feedback are in `store` (closed afterwards)."""
    try:
        assert store.feedback(body["ask_id"]) == [(unit_id, True, "kept", "api")]
        turns = store.get_conversation(body["conversation_id"]).turns
        assert [t.ask_id for t in turns] == [body["ask_id"]]
    finally:
        store.close()


@pytest.mark.slow
def test_feedback_survives_sigkill_right_after_200(built_index_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "data" / "cited.db"
    log = tmp_path / "server.log"
    with ServerProcess(serving_env(built_index_dir, database), log) as server:
        server.wait_until("/healthz", timeout=60)
        server.wait_until("/readyz", timeout=180)
        body, unit_id = ask_and_give_feedback(server.url)
        # The request's log line is written once the response has gone out, so it can trail
        # the client's 200 by a moment; wait for it (the database is checked after the kill).
        wait_for_log_line(log, '"route": "/v1/feedback"')
        server.kill()  # no shutdown code runs: what is on disk is all there is
        assert server.process.returncode == -9

    assert_kept(ConversationStore(database), body, unit_id)

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("msg") == "request"]
    assert {(r["method"], r["route"], r["status"]) for r in requests} >= {
        ("POST", "/v1/ask", 200),
        ("POST", "/v1/feedback", 200),
        ("GET", "/readyz", 200),
    }
    assert all(r["request_id"] for r in requests)
    assert any(line.get("msg") == "index loaded" for line in lines)


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_keeps_what_got_200_through_a_crash_of_its_server(
    built_index_dir: Path,
    tmp_path: Path,
    durable_postgres_server: PostgresServer,
) -> None:
    env = serving_env(built_index_dir, tmp_path / "unused.db")
    env["CITED_DATABASE_URL"] = durable_postgres_server.url
    with ServerProcess(env, tmp_path / "server.log") as server:
        server.wait_until("/readyz", timeout=180)
        body, unit_id = ask_and_give_feedback(server.url)
        # At once: a commit acknowledged before its WAL reached the disk would be lost here.
        crash_server(durable_postgres_server)
    start_server(durable_postgres_server)  # crash recovery replays the WAL
    assert_kept(PostgresStore(durable_postgres_server.url), body, unit_id)
