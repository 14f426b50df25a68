"""Slow retrieval: Slack is acknowledged at once and answered once (docs/reliability.md,
"Slack"). One test, one 5-second wait: the slash command and the mention (with retries
arriving while it is still being answered) run side by side."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from service.settings import Settings
from tests.support.slack_server import SLACK_ACK_SECONDS, DelegatingEngine, mention, running_slack

SLOW_SECONDS = 5.0


def _timed(send: Callable[[], httpx.Response]) -> tuple[int, float]:
    started = time.monotonic()
    status = send().status_code
    return status, time.monotonic() - started


def test_slow_answers_are_acknowledged_at_once_and_sent_once(
    engine: Any, make_settings: Callable[..., Settings]
) -> None:
    slow = DelegatingEngine(engine, lambda question: time.sleep(SLOW_SECONDS))
    with running_slack(make_settings, slow) as slack:
        event = mention("Why does Pakistan host the Taliban leadership?")
        with ThreadPoolExecutor(2) as pool:
            command = pool.submit(
                _timed,
                lambda: slack.send_command("What does Pakistan want in Afghanistan?", slack.stub.response_url("cmd")),
            )
            first = pool.submit(_timed, lambda: slack.send_event(event, event_id="Ev0SLOW"))
            # Case 10: the command is acknowledged within Slack's 3 s although retrieval takes 5 s.
            assert command.result()[0] == 200 and command.result()[1] < SLACK_ACK_SECONDS
            # Case 11: the event handler blocks for 5 s; Slack has its 200 within 3 s.
            assert first.result()[0] == 200 and first.result()[1] < SLACK_ACK_SECONDS
        # Case 13: retries arrive while the first delivery is still being answered.
        for attempt in (1, 2):
            retry = {"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"}
            status, seconds = _timed(
                lambda r=retry: slack.send_event(  # type: ignore[misc]
                    event, event_id="Ev0SLOW", headers=r
                )
            )
            assert status == 200 and seconds < SLACK_ACK_SECONDS
        assert slack.stub.received("chat.postMessage") == []  # still working on it
        slack.stub.assert_received("response/cmd", 1, timeout=SLOW_SECONDS * 3)
        (post,) = slack.stub.assert_received("chat.postMessage", 1, timeout=SLOW_SECONDS * 3)
        assert post.body["thread_ts"] == event["ts"]
        slack.final("chat.postMessage", 1)
        slack.final("response/cmd", 1)
        assert slow.calls == 2  # one retrieval per question, none for the retries
