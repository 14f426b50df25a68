"""A local stand-in for Slack's Web API and for `response_url`s, for tests.

A stdlib `ThreadingHTTPServer` on 127.0.0.1, port 0, in a background thread (the design of
bolt-python's `tests/mock_web_api_server/`, on a free port). It answers canned JSON by path:

    POST /api/auth.test, /api/chat.postMessage, /api/chat.postEphemeral, /api/chat.update,
         /api/views.open, ... (any /api/<method>: {"ok": true})
    POST /response/<name>           a response_url (answers "ok" like Slack does)

and records every request (method name, headers, decoded body, arrival time). Behaviours per
method: `rate_limit(method, times, retry_after=1, channel=None)` answers 429 with `Retry-After`
`times` times (None: always; `channel`: only requests for that channel), `fail(method, error)`
answers `{"ok": false, "error": ...}`, `hang(method)` never answers (until the stub stops).
`assert_received(method, n, timeout)` waits (woken by each recorded call) until `n` requests
of that method arrived, and fails on more. To check that nothing more arrives, drain the bot
first (`SlackApp.drain`), then `assert_received` again.
`apps.connections.open` answers `socket_url` (a local Socket Mode stand-in, when one is set).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_USER_ID = "UCITEDBOT"
BOT_ID = "BCITEDBOT"
TEAM_ID = "T0TEST"


@dataclass(frozen=True)
class Recorded:
    """One request the stand-in received."""

    method: str  # "chat.postMessage", or "response/<name>" for a response_url
    headers: dict[str, str]
    body: dict[str, Any]  # JSON body, or form fields (JSON-valued fields decoded)
    time: float  # time.monotonic() at arrival

    @property
    def blocks(self) -> list[dict[str, Any]]:
        """The message's blocks ([] when there are none)."""
        blocks = self.body.get("blocks") or []
        return blocks if isinstance(blocks, list) else []


@dataclass
class _Behaviour:
    rate_limited: int | None = 0  # None: always
    retry_after: int = 1  # seconds, sent with each 429
    error: str | None = None
    hang: bool = False


@dataclass
class SlackStub:
    """The stand-in server. Use as a context manager or call start()/stop()."""

    requests: list[Recorded] = field(default_factory=list)
    _behaviours: dict[str, _Behaviour] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _ts_counter: int = 0
    socket_url: str | None = None  # what apps.connections.open answers

    def __post_init__(self) -> None:
        self._arrived = threading.Condition(self._lock)  # notified on every recorded call

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SlackStub:
        """Bind a free loopback port and serve on a daemon thread."""
        stub = self

        class Handler(_Handler):
            owner = stub

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Release hanging requests and shut the server down."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SlackStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>"""
        assert self._server is not None, "start() the stub first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """The Web API base URL to give to WebClient / SLACK_API_BASE_URL."""
        return self.url + "/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url whose calls are recorded as method `response/<name>`."""
        return f"{self.url}/response/{name}"

    # -- behaviours --------------------------------------------------------------------------
    def rate_limit(
        self, method: str, times: int | None = 1, *, retry_after: int = 1, channel: str | None = None
    ) -> None:
        """Answer `method` with 429 and `Retry-After: retry_after`, `times` times (None: every
        time); with `channel`, only requests for that channel (others are answered as usual)."""
        with self._lock:
            behaviour = self._behaviours.setdefault(_behaviour_key(method, channel), _Behaviour())
            behaviour.rate_limited, behaviour.retry_after = times, retry_after

    def fail(self, method: str, error: str) -> None:
        """Answer `method` with HTTP 200 {"ok": false, "error": error}."""
        with self._lock:
            self._behaviours.setdefault(method, _Behaviour()).error = error

    def hang(self, method: str) -> None:
        """Never answer `method` (the request is held until the stub stops)."""
        with self._lock:
            self._behaviours.setdefault(method, _Behaviour()).hang = True

    def reset(self) -> None:
        """Forget recorded requests and behaviours."""
        with self._lock:
            self.requests.clear()
            self._behaviours.clear()

    # -- assertions --------------------------------------------------------------------------
    def received(self, method: str) -> list[Recorded]:
        """The requests recorded so far for `method`, in arrival order."""
        with self._lock:
            return [r for r in self.requests if r.method == method]

    def assert_received(self, method: str, n: int, timeout: float = 10.0) -> list[Recorded]:
        """Wait until `n` requests of `method` arrived (at most `timeout` s); exactly n."""
        with self._arrived:
            self._arrived.wait_for(lambda: self._count(method) >= n, timeout)
        got = self.received(method)
        assert len(got) == n, f"expected {n} x {method}, got {len(got)}: {self.methods()}"
        return got

    def _count(self, method: str) -> int:
        return sum(1 for r in self.requests if r.method == method)

    def methods(self) -> list[str]:
        """Every recorded method name, in arrival order (for failure messages)."""
        with self._lock:
            return [r.method for r in self.requests]

    # -- used by the handler -----------------------------------------------------------------
    def _record(self, rec: Recorded) -> None:
        with self._arrived:
            self.requests.append(rec)
            self._arrived.notify_all()

    def _take_behaviour(self, method: str, channel: object) -> tuple[int | None, bool, str | None]:
        """(Retry-After of a 429 to answer now or None, hang, error) for this call, consuming
        one rate limit; a behaviour for the call's channel comes before the method's own."""
        with self._lock:
            b = self._behaviours.get(_behaviour_key(method, channel)) if isinstance(channel, str) else None
            b = b or self._behaviours.get(method)
            if b is None:
                return None, False, None
            limited = b.rate_limited is None or b.rate_limited > 0
            if b.rate_limited:
                b.rate_limited -= 1
            return b.retry_after if limited else None, b.hang, b.error

    def _next_ts(self) -> str:
        with self._lock:
            self._ts_counter += 1
            return f"{int(time.time())}.{self._ts_counter:06d}"


def _behaviour_key(method: str, channel: str | None) -> str:
    return method if channel is None else f"{method}#{channel}"


def _decode_body(raw: bytes, content_type: str) -> dict[str, Any]:
    text = raw.decode("utf-8", "replace")
    if "json" in content_type:
        loaded = json.loads(text) if text else {}
        return loaded if isinstance(loaded, dict) else {"_": loaded}
    fields: dict[str, Any] = dict(parse_qsl(text, keep_blank_values=True))
    for key in ("blocks", "attachments", "view"):
        if isinstance(fields.get(key), str):
            fields[key] = json.loads(fields[key])
    return fields


class _Handler(BaseHTTPRequestHandler):
    owner: SlackStub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence the default stderr access log."""

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        path = self.path.split("?", 1)[0]
        method = path[len("/api/") :] if path.startswith("/api/") else path.lstrip("/")
        body = _decode_body(raw, self.headers.get("Content-Type", ""))
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.owner._record(Recorded(method, headers, body, time.monotonic()))
        retry_after, hang, error = self.owner._take_behaviour(method, body.get("channel"))
        if hang:
            self.owner._stopping.wait(60)
            return
        if retry_after is not None:
            self._send(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
        elif error is not None:
            self._send(200, {"ok": False, "error": error})
        elif method.startswith("response/"):
            self._send_raw(200, b"ok", "text/html")
        else:
            self._send(200, self._canned(method, body))

    def _canned(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://cited-test.slack.com/",
                "team": "Test",
                "user": "cited",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        ts = self.owner._next_ts()
        if method == "chat.postMessage":
            channel = body.get("channel")
            return {
                "ok": True,
                "channel": channel,
                "ts": ts,
                "message": {"text": body.get("text"), "ts": ts, "bot_id": BOT_ID},
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": self.owner.socket_url}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V1", **(body.get("view") or {})}}
        return {"ok": True}

    def _send(
        self,
        status: int,
        payload: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> None:
        self._send_raw(status, json.dumps(payload).encode(), "application/json", headers)

    def _send_raw(self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def running_stub() -> Iterator[SlackStub]:
    """A started stub that stops when the block ends."""
    stub = SlackStub().start()
    try:
        yield stub
    finally:
        stub.stop()
