"""The service as it runs in production, `service.server:app_factory` in its own process:
a feedback that got 200 survives `kill -9` (docs/reliability.md, "Stored data"), and the process logs
one JSON line per request when `CITED_LOG_FORMAT=json`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest

from service.conversations import ConversationStore
from tests.conftest import CORPUS
from tests.support.server import ServerProcess


def wait_for_log_line(log: Path, fragment: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while fragment not in log.read_text():
        if time.monotonic() > deadline:
            raise AssertionError(f"no log line with {fragment} within {timeout} s")
        time.sleep(0.05)


@pytest.mark.slow
def test_feedback_survives_sigkill_right_after_200(built_index_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "data" / "cited.db"
    log = tmp_path / "server.log"
    env = {
        "CITED_CORPUS_DIR": str(CORPUS),
        "CITED_INDEX_DIR": str(built_index_dir),
        "CITED_DATABASE_PATH": str(database),
        "CITED_LOG_FORMAT": "json",
        "CITED_SEARCH_THREADS": "1",
    }
    with ServerProcess(env, log) as server:
        server.wait_until("/healthz", timeout=60)
        server.wait_until("/readyz", timeout=180)
        body = httpx.post(f"{server.url}/v1/ask", timeout=60,
                          json={"question": "Who leads the Taliban?"}).json()
        unit_id = body["results"][0]["unit_id"]
        response = httpx.post(f"{server.url}/v1/feedback", timeout=10, json={
            "ask_id": body["ask_id"], "unit_id": unit_id, "helpful": True, "comment": "kept"})
        assert response.status_code == 200
        # The request's log line is written once the response has gone out, so it can trail
        # the client's 200 by a moment; wait for it (the database is checked after the kill).
        wait_for_log_line(log, '"route": "/v1/feedback"')
        server.kill()  # no shutdown code runs: what is on disk is all there is
        assert server.process.returncode == -9

    store = ConversationStore(database)
    try:
        assert store.feedback(body["ask_id"]) == [(unit_id, True, "kept", "api")]
        turns = store.get_conversation(body["conversation_id"]).turns
        assert [t.ask_id for t in turns] == [body["ask_id"]]
    finally:
        store.close()

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("msg") == "request"]
    assert {(r["method"], r["route"], r["status"]) for r in requests} >= {
        ("POST", "/v1/ask", 200), ("POST", "/v1/feedback", 200), ("GET", "/readyz", 200)}
    assert all(r["request_id"] for r in requests)
    assert any(line.get("msg") == "index loaded" for line in lines)
