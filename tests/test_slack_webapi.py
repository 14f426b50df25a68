"""The bot as a Web API client: 429s, ok:false, pacing per channel, a stand-in that never
answers (docs/reliability.md, "Slack")."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from service.settings import Settings
from service.slack.app import DEFAULT_POST_INTERVAL, DEFAULT_RATE_LIMIT_RETRIES
from tests.support.slack_server import (
    RememberingEngine,
    assert_paced,
    captured_logs,
    logged_text,
    mention,
    running_slack,
)

QUESTION = "Why does Pakistan host the Taliban leadership?"


def _wait_for_log(records: list[Any], needle: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = logged_text(records)
        if needle in text:
            return text
        time.sleep(0.05)
    raise AssertionError(f"{needle!r} not logged within {timeout} s:\n{logged_text(records)}")


def test_one_429_is_retried_after_retry_after(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """Case 18: 429 Retry-After: 1 once -> wait >= 1 s, retry, posted exactly once."""
    with running_slack(make_settings, engine) as slack:
        slack.stub.rate_limit("chat.postMessage", times=1)
        slack.send_event(mention(QUESTION))
        refused, accepted = slack.stub.assert_received("chat.postMessage", 2, timeout=6)
        assert accepted.time - refused.time >= 1.0
        slack.final("chat.postMessage", 2)


def test_429_every_time_gives_up_after_bounded_retries(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """Case 19: always 429 -> 1 + N calls, spaced by Retry-After, failure logged, then quiet."""
    assert 1 <= DEFAULT_RATE_LIMIT_RETRIES <= 3
    with captured_logs() as records, running_slack(make_settings, engine, rate_limit_retries=1) as slack:
        slack.stub.rate_limit("chat.postMessage", times=None)
        slack.send_event(mention(QUESTION))
        _wait_for_log(records, "failed: ratelimited (HTTP 429)", timeout=6)
        calls = slack.final("chat.postMessage", 2)
        assert calls[1].time - calls[0].time >= 1.0  # no hot loop


def test_posts_to_one_channel_are_paced(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """Case 20: 20 replies queued for one channel -> one per interval (1 s in production,
    0.2 s here to keep the test short), all 20 arrive; another channel is not held up."""
    assert DEFAULT_POST_INTERVAL == 1.0
    interval = 0.2
    remembering = RememberingEngine(engine)  # answers at once: the pacer is the bottleneck
    remembering.ask(QUESTION, top_k=5, filters=None, history=[])
    with running_slack(make_settings, remembering, post_interval=interval) as slack:
        for _ in range(20):
            assert slack.send_event(mention(QUESTION, channel="C0BUSY")).status_code == 200
        slack.send_event(mention(QUESTION, channel="C0QUIET"))
        posts = slack.stub.assert_received("chat.postMessage", 21, timeout=15)
        busy = [p.time for p in posts if p.body["channel"] == "C0BUSY"]
        assert len(busy) == 20
        assert_paced(busy, interval)
        quiet = next(p.time for p in posts if p.body["channel"] == "C0QUIET")
        assert quiet < busy[-1]  # not queued behind the busy channel


def test_ok_false_is_logged_without_retry_storm(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """Case 21: channel_not_found -> one call; invalid_blocks -> one plain-text retry."""
    with captured_logs() as records, running_slack(make_settings, engine) as slack:
        slack.stub.fail("chat.postMessage", "channel_not_found")
        slack.send_event(mention(QUESTION, channel="C0GONE"))
        _wait_for_log(records, "failed: channel_not_found", timeout=5)
        slack.final("chat.postMessage", 1)

        slack.stub.reset()
        slack.stub.fail("chat.postMessage", "invalid_blocks")
        slack.send_event(mention(QUESTION, channel="C0BLOCKS"))
        _wait_for_log(records, "plain-text fallback to C0BLOCKS failed too", timeout=5)
        first, fallback = slack.final("chat.postMessage", 2)
        assert first.blocks and not fallback.blocks
        assert fallback.body["text"] == first.body["text"]


def test_a_stand_in_that_never_answers_times_out(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """Case 22: no response -> the client timeout fires and the sender is freed."""
    with captured_logs() as records, running_slack(make_settings, engine, timeout=1.0, senders=1) as slack:
        slack.stub.hang("chat.postMessage")
        slack.send_event(mention(QUESTION))
        _wait_for_log(records, "failed: TimeoutError", timeout=10)
        # The only sender is free again: the next reply is sent (and times out too).
        slack.send_event(mention(QUESTION, channel="C0NEXT"))
        text = _wait_for_log(records, "chat.postMessage to C0NEXT failed", timeout=10)
        assert "Traceback" not in text
