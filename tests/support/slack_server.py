"""The Slack bot served for real: uvicorn on a loopback port with `POST /slack/events`, whose
WebClient talks to the local stand-in (`tests.slack_stub`), plus builders of signed requests.

Tests send what Slack would send (signed with the signing secret, JSON events, form-encoded
commands and button payloads) with httpx and assert on what the stand-in recorded.
"""

from __future__ import annotations

import itertools
import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from fastapi import FastAPI
from slack_sdk.signature import SignatureVerifier

from service.conversations.sqlite import ConversationStore
from service.settings import Settings
from service.slack.app import SlackApp
from service.slack.http import EVENTS_PATH, mount_slack
from tests.slack_stub import BOT_USER_ID, TEAM_ID, Recorded, SlackStub, running_stub
from tests.support.server import serve_in_thread

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-0000-test-token"
HTTP_TIMEOUT = 10.0
SLACK_ACK_SECONDS = 3.0  # Slack gives up on an acknowledgement after 3 s: a bound that is the promise
SETTLE_SECONDS = 30.0  # a bound for a hang only: settling normally takes milliseconds
CLOSE_SECONDS = 1.0  # the grace a test's bot gets at the end (the stand-in has stopped)


def sign(
    body: bytes,
    *,
    timestamp: int | None = None,
    secret: str = SIGNING_SECRET,
) -> dict[str, str]:
    """The two headers Slack adds: timestamp and `v0=` signature of the raw body."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


_TS = itertools.count(1)


def new_ts() -> str:
    """A fresh, unique Slack message timestamp ("seconds.micro")."""
    return f"{int(time.time())}.{next(_TS):06d}"


def event_envelope(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    """An Events API `event_callback` around `event`."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "A0CITED",
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def mention(
    text: str, *, channel: str = "C0GENERAL", ts: str | None = None, thread_ts: str | None = None, user: str = "U0ASKER"
) -> dict[str, Any]:
    """An `app_mention` event naming the bot."""
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts or new_ts(),
        "channel": channel,
        "team": TEAM_ID,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(
    text: str,
    *,
    channel: str = "C0GENERAL",
    ts: str | None = None,
    thread_ts: str | None = None,
    channel_type: str = "channel",
    user: str = "U0ASKER",
    **extra: Any,
) -> dict[str, Any]:
    """A `message` event (channel_type "im" for a direct message)."""
    event = {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts or new_ts(),
        "channel": channel,
        "channel_type": channel_type,
        "team": TEAM_ID,
        **extra,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def new_trigger_id() -> str:
    """A fresh trigger id: Slack gives every command and click its own."""
    return f"1337.42.{uuid.uuid4().hex[:12]}"


def command_fields(
    text: str, response_url: str, command: str = "/ask", *, channel: str = "C0GENERAL", user: str = "U0ASKER"
) -> dict[str, str]:
    """A slash command's fields (with a trigger id of its own), as Socket Mode carries them."""
    return {
        "token": "legacy",
        "team_id": TEAM_ID,
        "team_domain": "cited-test",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": user,
        "user_name": "asker",
        "command": command,
        "text": text,
        "api_app_id": "A0CITED",
        "response_url": response_url,
        "trigger_id": new_trigger_id(),
    }


def command_form(
    text: str, response_url: str, command: str = "/ask", *, channel: str = "C0GENERAL", user: str = "U0ASKER"
) -> bytes:
    """A slash command's form-encoded body, as HTTP mode receives it."""
    return urlencode(command_fields(text, response_url, command, channel=channel, user=user)).encode()


def action_form(action_id: str, value: str, response_url: str, container: dict[str, Any] | None = None) -> bytes:
    """A `block_actions` payload (a button click), form-encoded like Slack sends it."""
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "cited-test"},
        "user": {"id": "U0ASKER", "team_id": TEAM_ID},
        "api_app_id": "A0CITED",
        "token": "legacy",
        "trigger_id": new_trigger_id(),
        "container": container
        or {"type": "message", "is_ephemeral": True, "channel_id": "C0GENERAL", "message_ts": "1.2"},
        "channel": {"id": "C0GENERAL", "name": "general"},
        "response_url": response_url,
        "actions": [
            {"type": "button", "action_id": action_id, "block_id": "b", "value": value, "action_ts": str(time.time())}
        ],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


@dataclass
class SlackHarness:
    """A running service with the Slack route, its stand-in and its store."""

    url: str
    stub: SlackStub
    store: ConversationStore
    bolt: SlackApp
    settings: Settings
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=HTTP_TIMEOUT))

    def post(
        self, body: bytes, headers: dict[str, str] | None = None, content_type: str = "application/json"
    ) -> httpx.Response:
        """POST raw bytes to /slack/events with exactly these extra headers."""
        all_headers = {"Content-Type": content_type, **(headers or {})}
        return self.client.post(self.url + EVENTS_PATH, content=body, headers=all_headers)

    def send_event(
        self, event: dict[str, Any], *, event_id: str | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """Sign and deliver an event (extra headers such as X-Slack-Retry-Num allowed)."""
        body = json.dumps(event_envelope(event, event_id)).encode()
        return self.post(body, {**sign(body), **(headers or {})})

    def send_command(self, text: str, response_url: str, **where: str) -> httpx.Response:
        """Sign and deliver `/ask text` (`channel=`, `user=` as in `command_form`)."""
        body = command_form(text, response_url, **where)
        return self.post(body, sign(body), "application/x-www-form-urlencoded")

    def click(self, action_id: str, value: str, response_url: str) -> httpx.Response:
        """Sign and deliver a button click."""
        body = action_form(action_id, value, response_url)
        return self.post(body, sign(body), "application/x-www-form-urlencoded")

    def settle(self, timeout: float = SETTLE_SECONDS) -> None:
        """Wait until the bot has nothing left to do (listeners, answers, the outbox): what
        the stand-in has recorded by then is all it will ever get."""
        assert self.bolt.drain(timeout), f"the bot was still busy after {timeout} s"

    def final(self, method: str, n: int) -> list[Recorded]:
        """Once the bot has settled: exactly `n` requests of `method`, ever (no late duplicate)."""
        self.settle()
        return self.stub.assert_received(method, n, timeout=0)

    def rows(self, table: str) -> int:
        """Rows of a table, read from the database file through a connection of our own."""
        with sqlite3.connect(self.settings.database_path) as db:
            return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


@contextmanager
def running_slack(make_settings: Callable[..., Settings], engine: Any, **options: Any) -> Iterator[SlackHarness]:
    """Stand-in + service with the Slack route; everything stops when the block ends."""
    with running_stub() as stub:
        settings = make_settings(
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_BASE_URL=stub.base_url,
        )
        store = ConversationStore(settings.database_path)
        app = FastAPI()
        options.setdefault("timeout", 5.0)
        # Production paces posts 1 s apart per channel; tests that expect several posts in
        # one channel need not wait for it.
        options.setdefault("post_interval", 0.05)
        bolt = mount_slack(app, settings, lambda: engine, store, **options)
        assert bolt is not None
        try:
            with serve_in_thread(app, lifespan="off") as server:
                harness = SlackHarness(server.url, stub, store, bolt, settings)
                with harness.client:
                    yield harness
        finally:
            stub.stop()  # releases requests held by hang(), so listeners can finish
            bolt.close(CLOSE_SECONDS)  # queued work left over is dropped
            store.close()


def assert_paced(arrivals: list[float], interval: float) -> None:
    """Posts that started at least `interval` apart, judged by their arrival times: each arrival
    carries its own latency, so one gap may look shorter by that jitter, but never by half an
    interval, and over the whole run the rate is never above one per interval."""
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    assert gaps and min(gaps) >= interval / 2, gaps
    assert arrivals[-1] - arrivals[0] >= (len(gaps) - 0.5) * interval, gaps


class DelegatingEngine:
    """Test seam: the real engine, with `ask` wrapped (slowed down, or failing)."""

    def __init__(self, engine: Any, before_ask: Callable[[str], None]) -> None:
        self._engine = engine
        self._before_ask = before_ask
        self.calls = 0
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def ask(self, question: str, **kwargs: Any) -> Any:
        with self._lock:
            self.calls += 1
        self._before_ask(question)
        return self._engine.ask(question, **kwargs)


class _ListHandler(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.INFO)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def captured_logs(name: str = "cited.slack") -> Iterator[list[logging.LogRecord]]:
    """Records of `name` and its children at INFO and above, whatever the global config."""
    records: list[logging.LogRecord] = []
    handler = _ListHandler(records)
    logger = logging.getLogger(name)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def logged_text(records: list[logging.LogRecord]) -> str:
    """Every message and traceback of `records`, as one string."""
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(r) for r in records)


class RememberingEngine(DelegatingEngine):
    """Test seam: the real engine's answer, computed once per (question, options) and then
    returned at once, so that many replies can be queued faster than Slack's pacing."""

    def __init__(self, engine: Any) -> None:
        super().__init__(engine, lambda question: None)
        self._answers: dict[str, Any] = {}

    def ask(self, question: str, **kwargs: Any) -> Any:
        key = json.dumps([question, kwargs], sort_keys=True, default=str)
        with self._lock:
            if key not in self._answers:
                self._answers[key] = self._engine.ask(question, **kwargs)
            return self._answers[key]
