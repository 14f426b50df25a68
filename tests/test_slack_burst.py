"""A burst of questions in one channel delays no other channel, and the burst's own posts
stay paced: listeners only acknowledge and queue, and the outbox keeps each channel's turn
without holding a thread.

Answers come from `RememberingEngine` (computed once, then at once), so the queues and the
pacing are what is measured, not retrieval on a shared machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from service.settings import Settings
from service.slack.app import DEFAULT_POST_INTERVAL
from tests.support.slack_server import (
    SLACK_ACK_SECONDS,
    RememberingEngine,
    SlackHarness,
    assert_paced,
    mention,
    running_slack,
)

QUESTION = "Why does Pakistan host the Taliban leadership?"
BURST = 60  # more than the listener threads there ever were (32)
PROMPT_SECONDS = 5.0  # "promptly": the busy channel needs about a minute to drain
PACED_POSTS = 5  # busy-channel posts whose spacing is checked
# Answering the burst (three small transactions each) must end well inside its posting
# (BURST seconds at one post a second).
DRAIN_SECONDS = BURST / 3


def _send_burst(slack: SlackHarness, channel: str, count: int) -> list[int]:
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda _: slack.send_event(mention(QUESTION, channel=channel)).status_code, range(count)))


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


@pytest.mark.slow
def test_a_burst_in_one_channel_delays_no_other_channel(engine: Any, make_settings: Callable[..., Settings]) -> None:
    remembering = RememberingEngine(engine)
    remembering.ask(QUESTION, top_k=5, filters=None, history=[])
    with running_slack(make_settings, remembering, post_interval=DEFAULT_POST_INTERVAL) as slack:
        assert _send_burst(slack, "C0BUSY", BURST) == [200] * BURST

        # A command in another channel is acknowledged within Slack's 3 s, and answered.
        command, ack_seconds = _timed(
            lambda: slack.send_command(QUESTION, slack.stub.response_url("other"), channel="C0OTHER", user="U0OTHER")
        )
        assert command.status_code == 200 and ack_seconds < SLACK_ACK_SECONDS
        slack.stub.assert_received("response/other", 1, timeout=PROMPT_SECONDS)

        # Every busy answer computed (one turn each, plus the command's): the outbox now holds
        # the rest of the burst, waiting for the busy channel's turns.
        assert _wait_for(lambda: slack.rows("turns") >= BURST + 1, DRAIN_SECONDS)
        assert len(_posts(slack, "C0BUSY")) < BURST // 2

        # A mention in a quiet channel is answered at once, not after the burst drains.
        quiet_sent = time.monotonic()
        assert slack.send_event(mention(QUESTION, channel="C0QUIET")).status_code == 200
        _wait_for(lambda: bool(_posts(slack, "C0QUIET")), PROMPT_SECONDS)
        (quiet,) = _posts(slack, "C0QUIET")
        assert quiet.time - quiet_sent < PROMPT_SECONDS
        busy_so_far = [p for p in _posts(slack, "C0BUSY") if p.time <= quiet.time]
        assert len(busy_so_far) < BURST // 2

        # The busy channel's own posts keep their pace: one per interval, never faster.
        _wait_for(
            lambda: len(_posts(slack, "C0BUSY")) >= PACED_POSTS, PACED_POSTS * DEFAULT_POST_INTERVAL + PROMPT_SECONDS
        )
        busy = [p.time for p in _posts(slack, "C0BUSY")]
        assert len(busy) >= PACED_POSTS
        assert_paced(busy, DEFAULT_POST_INTERVAL)
        assert len(busy) < BURST  # still draining: the checks above ran inside the burst


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll `condition` for up to `seconds`; whether it came true."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def _posts(slack: SlackHarness, channel: str) -> list[Any]:
    return [p for p in slack.stub.received("chat.postMessage") if p.body["channel"] == channel]
