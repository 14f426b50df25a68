"""Stopping the bot: queued answers and replies get a bounded grace period, and whatever is
still queued after it is counted as dropped, in one log line. (Socket Mode's stop, through
`serve_socket_mode`, is in test_slack_socket.py.)"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from service.settings import Settings
from tests.slack_stub import running_stub
from tests.support.server import serve_app
from tests.support.slack_server import (
    BOT_TOKEN,
    SIGNING_SECRET,
    DelegatingEngine,
    captured_logs,
    event_envelope,
    mention,
    running_slack,
    sign,
)

QUESTION = "Why does Pakistan host the Taliban leadership?"
SLOW_SECONDS = 1.0  # retrieval still running when the service is told to stop


def _stop_lines(records: list[Any]) -> list[str]:
    return [r.getMessage() for r in records if r.getMessage().startswith("slack stopped")]


def test_the_service_finishes_a_queued_reply_before_it_stops(
    engine: Any, make_settings: Callable[..., Settings]
) -> None:
    """HTTP mode inside `cited serve`: a mention acknowledged just before shutdown is still
    answered, because the lifespan closes the Slack app (with its grace) before it ends."""
    slow = DelegatingEngine(engine, lambda question: time.sleep(SLOW_SECONDS))
    with running_stub() as stub, captured_logs() as records:
        settings = make_settings(
            SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_BASE_URL=stub.base_url
        )
        event = mention(QUESTION)
        body = json.dumps(event_envelope(event)).encode()
        with serve_app(settings, engine=slow) as url:
            acknowledged = httpx.post(
                url + "/slack/events",
                content=body,
                timeout=10,
                headers={"Content-Type": "application/json", **sign(body)},
            )
            assert acknowledged.status_code == 200
            assert stub.received("chat.postMessage") == []  # still answering: shutdown now
        (post,) = stub.received("chat.postMessage")  # already there when the service has stopped
        assert post.body["thread_ts"] == event["ts"]
        assert _stop_lines(records) == ["slack stopped: all queued work finished"]


def test_work_left_after_the_grace_period_is_counted_in_one_line(
    engine: Any, make_settings: Callable[..., Settings]
) -> None:
    """Three mentions in one channel answer one after another; stopped with a short grace
    while the first is being answered, the other two are dropped and said to be."""
    started, release = threading.Event(), threading.Event()

    def held(question: str) -> None:
        started.set()
        assert release.wait(30), "never released"

    with running_slack(make_settings, DelegatingEngine(engine, held)) as slack:
        for _ in range(3):
            assert slack.send_event(mention(QUESTION, channel="C0BUSY")).status_code == 200
        assert started.wait(10)
        with captured_logs() as records:
            slack.bolt.close(0.2)
        assert _stop_lines(records) == ["slack stopped after 0.2 s: 2 answer(s) and 0 reply(ies) dropped"]
        release.set()
        slack.bolt.deps.jobs.close(10)  # the answer that had started ends before its store closes
