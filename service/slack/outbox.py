"""Posting to Slack: one message per second per channel, failures logged, never stormed.

`chat.postMessage` "generally allows one message per second per channel" (RELIABILITY.md §1),
so posts to one channel take turns one `interval` apart instead of collecting 429s. A 429
that still happens is retried by the WebClient's RateLimitErrorRetryHandler (bounded); any
other failure (`ok: false`, a timeout) is logged with the request id and given up on, except
that a message Slack refused for its blocks is sent once more as plain text.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from service.slack.render import Message

log = logging.getLogger("cited.slack")

# Errors after which the same text without blocks has a chance.
BLOCK_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long"})


class ChannelPacer:
    """Hands out send slots at least `interval` seconds apart, per channel, in FIFO order."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        """Block until this caller's slot for `channel` has come."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(channel, now))
            self._next[channel] = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Outbox:
    """Sends messages with chat.postMessage through the pacer."""

    def __init__(self, interval: float = 1.0) -> None:
        self.pacer = ChannelPacer(interval)

    def post(
        self,
        client: WebClient,
        channel: str,
        message: Message,
        *,
        thread_ts: str | None,
        request_id: str,
    ) -> bool:
        """Post `message` to `channel` (in `thread_ts`); False when Slack did not take it."""
        try:
            self._send(client, channel, thread_ts, message.text, message.blocks)
            return True
        except SlackApiError as e:
            error = str(e.response.get("error", "")) if e.response is not None else ""
            status = e.response.status_code if e.response is not None else None
            log.error("slack request %s: chat.postMessage to %s failed: %s (HTTP %s)",
                      request_id, channel, error or "unknown error", status)
            if error in BLOCK_ERRORS:
                return self._post_text_only(client, channel, thread_ts, message, request_id)
            return False
        except (URLError, OSError) as e:  # timeouts and refused connections
            log.error("slack request %s: chat.postMessage to %s failed: %s",
                      request_id, channel, type(e).__name__)
            return False

    def _send(self, client: WebClient, channel: str, thread_ts: str | None, text: str,
              blocks: list[dict[str, object]] | None) -> None:
        self.pacer.wait(channel)
        client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=text, blocks=blocks,
            unfurl_links=False, unfurl_media=False,
        )

    def _post_text_only(self, client: WebClient, channel: str, thread_ts: str | None,
                        message: Message, request_id: str) -> bool:
        try:
            self._send(client, channel, thread_ts, message.text, None)
            return True
        except (SlackApiError, URLError, OSError) as e:
            log.error("slack request %s: plain-text fallback to %s failed too: %s",
                      request_id, channel, type(e).__name__)
            return False
