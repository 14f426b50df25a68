"""Bad requests get 4xx problems, never a 5xx, never an echo of the input, and never run a
retrieval (docs/reliability.md, "HTTP API")."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx
import pytest

from service.records import Answer
from service.settings import Settings
from tests.support.server import serve_app

JSON = {"Content-Type": "application/json"}
SECRET_PATH = "/srv/secret/cited/engine.py"


class EngineProxy:
    """The real engine, passed through (`ask` forwards whatever the service asks with);
    subclasses change what `ask` does."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.documents = engine.documents
        self.version = engine.version
        self.history_turns = engine.history_turns
        self.titled = engine.titled

    def unit(self, unit_id: str) -> Any:
        return self._engine.unit(unit_id)

    def context(self, unit_id: str) -> Any:
        return self._engine.context(unit_id)

    def all_units(self) -> list[Any]:
        return self._engine.all_units()

    def ask(self, question: str, **kwargs: Any) -> Answer:
        return self._engine.ask(question, **kwargs)


class CountingEngine(EngineProxy):
    """The real engine, counting every call of `ask` (a retrieval), answered or not: a
    metric of answered asks would miss a retrieval that ran and then failed."""

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        self.asks = 0
        self._lock = threading.Lock()  # asks arrive on worker threads

    def ask(self, question: str, **kwargs: Any) -> Answer:
        with self._lock:
            self.asks += 1
        return super().ask(question, **kwargs)


@pytest.fixture
def counting(engine: Any) -> CountingEngine:
    return CountingEngine(engine)


@pytest.fixture
def url(make_settings: Callable[..., Settings], counting: CountingEngine) -> Iterator[str]:
    with serve_app(make_settings(), counting) as url:
        yield url


def test_a_valid_ask_runs_one_retrieval(url: str, counting: CountingEngine) -> None:
    # The counter the tests below expect to stay at 0 does rise when a retrieval runs.
    response = httpx.post(f"{url}/v1/ask", json={"question": "Who leads the Taliban?"}, timeout=60)
    assert response.status_code == 200, response.text
    assert counting.asks == 1


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert {"type", "title", "detail", "request_id"} <= set(problem)
    assert "Traceback" not in response.text
    return problem


@pytest.mark.parametrize("question", ["", "   ", "\t\n", "a" * 1001, "a\u0000b", "bell\u0007"])
def test_bad_questions_are_422_without_echo(url: str, counting: CountingEngine, question: str) -> None:
    response = httpx.post(f"{url}/v1/ask", json={"question": question})
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["loc"] == ["body", "question"]
    assert "question" in problem["detail"]
    if len(question) > 3:
        assert question not in response.text
    assert "input" not in problem["errors"][0]
    assert counting.asks == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"question": 123},
        {"question": None},
        {"question": ["a"]},
        {"question": "ok", "top_k": "5"},
        {"question": "ok", "top_k": True},
        {"question": "ok", "top_k": 5.5},
        {"question": "ok", "top_k": 0},
        {"question": "ok", "top_k": 10**6},
        {"question": "ok", "top_k": 21},
        {"question": "ok", "surprise": 1},
        {"question": "ok", "filters": {"kinds": ["table"]}},
        {"question": "ok", "filters": {"document": ["x"]}},
        {"question": "ok", "filters": {"documents": []}},
        {"question": "ok", "filters": {"kinds": []}},
        {"question": "ok", "conversation_id": 7},
        {"top_k": 5},
        [],
        "question",
    ],
)
def test_wrong_types_and_unknown_fields_are_422(url: str, counting: CountingEngine, fields: Any) -> None:
    assert_problem(httpx.post(f"{url}/v1/ask", json=fields), 422)
    assert counting.asks == 0


def test_lone_surrogates_are_422_not_500(url: str, counting: CountingEngine) -> None:
    for body in (
        b'{"question": "\\ud800"}',
        b'{"question": "ok", "\\udfff": 1}',
        b'{"question": "ok", "conversation_id": "\\ud800"}',
    ):
        assert_problem(httpx.post(f"{url}/v1/ask", content=body, headers=JSON), 422)
    feedback = b'{"ask_id": "a", "unit_id": "u", "helpful": true, "comment": "\\ud800"}'
    assert_problem(httpx.post(f"{url}/v1/feedback", content=feedback, headers=JSON), 422)
    assert counting.asks == 0


def test_unparseable_bodies(url: str, counting: CountingEngine) -> None:
    invalid_utf8 = httpx.post(f"{url}/v1/ask", content=b'{"question": "\xff\xfe"}', headers=JSON)
    assert_problem(invalid_utf8, 400)
    broken = assert_problem(httpx.post(f"{url}/v1/ask", content=b'{"question":', headers=JSON), 422)
    assert broken["errors"][0]["type"] == "json_invalid"
    nested = httpx.post(f"{url}/v1/ask", content=b"[" * 60_000, headers=JSON)
    assert_problem(nested, 400)
    assert counting.asks == 0


@pytest.mark.parametrize(
    "headers", [{}, {"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}]
)
def test_bodies_not_declared_as_json_are_415(url: str, counting: CountingEngine, headers: dict[str, str]) -> None:
    response = httpx.post(f"{url}/v1/ask", content=b'{"question": "ok"}', headers=headers)
    assert_problem(response, 415)
    assert counting.asks == 0


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_other_methods_on_ask_are_405(url: str, counting: CountingEngine, method: str) -> None:
    response = httpx.request(method, f"{url}/v1/ask")
    assert_problem(response, 405)
    assert response.headers["allow"] == "POST"
    assert counting.asks == 0


def _raw_exchange(url: str, head: bytes, chunks: Sequence[bytes]) -> bytes:
    """Send a request head and body chunks on a raw socket; return the response head."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        for chunk in chunks:
            sock.sendall(chunk)
        return sock.recv(65536)


def test_body_over_the_limit_is_413_before_it_is_read(url: str, counting: CountingEngine) -> None:
    # Content-Length announces 100 MB and no byte of it is sent: the answer comes anyway.
    head = b"POST /v1/ask HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n"
    reply = _raw_exchange(url, head, [])
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert b"application/problem+json" in reply
    # Chunked: 80 KiB sent (over the 64 KiB default) and the body never ends.
    head = b"POST /v1/ask HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunk = b"a" * 16384
    reply = _raw_exchange(url, head, [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * 5)
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert httpx.get(f"{url}/healthz").status_code == 200
    assert counting.asks == 0


def test_a_body_just_under_the_limit_is_read(make_settings: Callable[..., Settings], engine: Any) -> None:
    settings = make_settings(max_body_bytes=2048)
    padding = "x" * 1900
    with serve_app(settings, engine) as url:
        under = httpx.post(f"{url}/v1/ask", json={"question": "q", "pad": padding})
        assert_problem(under, 422)  # read and refused for its unknown field, not its size
        over = httpx.post(f"{url}/v1/ask", json={"question": "q", "pad": padding * 2})
        assert_problem(over, 413)


class FailingEngine(EngineProxy):
    """The real engine, except that search fails the way an unexpected bug would."""

    def ask(self, question: str, **kwargs: Any) -> Answer:
        raise RuntimeError(f"index file {SECRET_PATH} exploded")


def test_unexpected_error_is_a_bare_500_and_the_traceback_is_only_logged(
    make_settings: Callable[..., Settings],
    engine: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="cited")
    with serve_app(make_settings(), FailingEngine(engine)) as url:
        response = httpx.post(f"{url}/v1/ask", json={"question": "anything"})
        problem = assert_problem(response, 500)
        assert problem["detail"] == "internal error"
        assert problem["request_id"] == response.headers["x-request-id"]
        assert SECRET_PATH not in response.text and "RuntimeError" not in response.text
        assert httpx.get(f"{url}/healthz").status_code == 200
    logged = [r for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]
    assert logged, "the failure is logged"
    assert "RuntimeError" in caplog.text and SECRET_PATH in caplog.text
    assert logged[0].fields["request_id"] == problem["request_id"]  # type: ignore[attr-defined]


LONG_ID = "x" * 150 + "-" + "y" * 49  # 200 characters: the longest id the schema accepts


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", f"/v1/units/{LONG_ID}", None, 404),
        ("GET", f"/v1/units/{LONG_ID}/context", None, 404),
        ("GET", f"/v1/conversations/{LONG_ID}", None, 404),
        ("POST", "/v1/ask", {"question": "Who leads the Taliban?", "conversation_id": LONG_ID}, 404),
        ("POST", "/v1/feedback", {"ask_id": LONG_ID, "unit_id": LONG_ID, "helpful": True}, 404),
        (
            "POST",
            "/v1/ask",
            {
                "question": "Who leads the Taliban?",
                "filters": {"documents": [f"{LONG_ID[:-2]}{i:02d}" for i in range(100)]},
            },
            422,
        ),
    ],
)
def test_errors_never_echo_a_long_id(url: str, method: str, path: str, body: Any, status: int) -> None:
    response = httpx.request(method, f"{url}{path}", json=body, timeout=30)
    problem = assert_problem(response, status)
    assert LONG_ID[:65] not in response.text  # at most 64 characters of any id come back
    assert "xxxxxxxx…" in problem["detail"]  # cut visibly, not silently
    assert len(problem["detail"]) <= 300
