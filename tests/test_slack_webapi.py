"""The bot as a Web API client: 429s, ok:false, pacing per channel, a stand-in that never
answers (docs/reliability.md, "Slack")."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from service.settings import Settings
from service.slack.app import DEFAULT_POST_INTERVAL, DEFAULT_RATE_LIMIT_RETRIES, make_client
from service.slack.outbox import MAX_RETRY_AFTER, retry_after
from tests.slack_stub import running_stub
from tests.support.slack_server import (
    BOT_TOKEN,
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
    """Case 19: always 429 -> 1 + N calls, spaced by Retry-After but never more than the cap
    (30 s asked, 0.5 s allowed here), the failure logged under the request id, then quiet."""
    assert 1 <= DEFAULT_RATE_LIMIT_RETRIES <= 3 and MAX_RETRY_AFTER <= 60
    cap = 0.5
    with (
        captured_logs() as records,
        running_slack(make_settings, engine, rate_limit_retries=2, max_retry_after=cap) as slack,
    ):
        slack.stub.rate_limit("chat.postMessage", times=None, retry_after=30)
        slack.send_event(mention(QUESTION, channel="C0LIMITED"))
        text = _wait_for_log(records, "failed: ratelimited (HTTP 429), 3 tries", timeout=10)
        calls = slack.final("chat.postMessage", 3)
        gaps = [b.time - a.time for a, b in zip(calls, calls[1:], strict=False)]
        assert all(cap <= gap < 5 for gap in gaps), gaps  # no hot loop, and no 30 s wait
        (rid,) = re.findall(r"slack request (\w+): chat.postMessage to C0LIMITED failed: ratelimited", text)
        assert text.count(f"slack request {rid}: chat.postMessage to C0LIMITED rate limited") == 2


def test_a_response_url_429_is_retried_once_after_retry_after(
    engine: Any, make_settings: Callable[..., Settings]
) -> None:
    """`/ask`'s private answer goes to a response_url, which bolt posts without any 429 retry:
    one 429 (Retry-After: 1) is retried after it and the answer arrives; a response_url that
    refuses every time is tried twice, not in a loop, and the failure is logged."""
    with captured_logs() as records, running_slack(make_settings, engine) as slack:
        slack.stub.rate_limit("response/once", times=1)
        slack.send_command(QUESTION, slack.stub.response_url("once"))
        refused, answered = slack.stub.assert_received("response/once", 2, timeout=10)
        assert answered.time - refused.time >= 1.0
        assert answered.body["text"] == refused.body["text"] and answered.body["blocks"]

        slack.stub.rate_limit("response/always", times=None, retry_after=30)
        slack.send_command(QUESTION, slack.stub.response_url("always"))
        text = _wait_for_log(records, "response_url post failed: HTTP 429", timeout=15)
        calls = slack.final("response/always", 2)
        assert 0.5 < calls[1].time - calls[0].time < 10  # capped, not Retry-After's 30 s
        assert "response_url rate limited; one retry in 5.0 s" in text


def test_a_429_frees_the_sender_and_keeps_the_channel_order(
    engine: Any, make_settings: Callable[..., Settings]
) -> None:
    """One sender thread; two replies wait for a channel's next turn (1 s after its previous
    post) and the first of them gets 429 Retry-After: 2. Another channel's reply goes out
    meanwhile (a sender asleep in Retry-After would hold it back), and the refused reply is
    retried after 2 s, still before the reply queued behind it."""
    remembering = RememberingEngine(engine)  # answers at once: the outbox is what is timed
    remembering.ask(QUESTION, top_k=5, filters=None, history=[])
    with running_slack(make_settings, remembering, senders=1, post_interval=1.0) as slack:
        slack.send_event(mention(QUESTION, channel="C0LIMITED"))
        slack.stub.assert_received("chat.postMessage", 1, timeout=5)
        slack.stub.rate_limit("chat.postMessage", times=1, retry_after=2, channel="C0LIMITED")
        first, second = mention(QUESTION, channel="C0LIMITED"), mention(QUESTION, channel="C0LIMITED")
        slack.send_event(first)
        slack.send_event(second)  # both queued well inside the channel's 1 s
        _, refused = slack.stub.assert_received("chat.postMessage", 2, timeout=5)
        slack.send_event(mention(QUESTION, channel="C0OTHER"))
        posts = slack.stub.assert_received("chat.postMessage", 5, timeout=10)
        other = next(p for p in posts if p.body["channel"] == "C0OTHER")
        limited = [p for p in posts if p.body["channel"] == "C0LIMITED"][1:]
        assert [p.body["thread_ts"] for p in limited] == [first["ts"], first["ts"], second["ts"]]
        assert limited[0] is refused
        assert limited[1].time - refused.time >= 2.0  # Retry-After kept
        assert other.time < limited[1].time and other.time - refused.time < 1.5  # not behind its wait
        slack.final("chat.postMessage", 5)


def test_only_the_outbox_client_hands_429s_back(make_settings: Callable[..., Settings]) -> None:
    """bolt's client (auth.test, apps.connections.open, views.open) still waits out a 429 and
    retries; the outbox's client raises it at once, with the Retry-After the outbox reads."""
    with running_stub() as stub:
        settings = make_settings(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_BASE_URL=stub.base_url)
        stub.rate_limit("auth.test", times=1)
        assert make_client(settings).auth_test()["ok"]
        refused, accepted = stub.assert_received("auth.test", 2, timeout=0)
        assert accepted.time - refused.time >= 1.0

        stub.reset()
        stub.rate_limit("views.open", times=1, retry_after=3)
        started = time.monotonic()
        with pytest.raises(SlackApiError) as raised:
            make_client(settings, rate_limit_retries=0).views_open(trigger_id="1.2.3", view={"type": "modal"})
        assert time.monotonic() - started < 1.0
        assert raised.value.response.status_code == 429
        assert retry_after(raised.value.response) == 3.0
        stub.assert_received("views.open", 1, timeout=0)


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
