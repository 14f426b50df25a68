"""Posting to Slack: one message per second per channel, failures logged, never stormed.

`chat.postMessage` "generally allows one message per second per channel"
(docs/reliability.md, "Library defaults"), so posts to one
channel take turns one `interval` apart instead of collecting 429s. `post()` only queues: the
turns are kept by a `ChannelScheduler` whose few sender threads serve whichever channel is
due, so a listener never waits for a slot and a busy channel never delays a quiet one. The
queue is in memory: at shutdown `SlackApp.close()` gives waiting replies a bounded grace
period, then drops (and counts) the rest. A 429
that still happens is retried by the WebClient's RateLimitErrorRetryHandler (bounded); any
other failure (`ok: false`, a timeout) is logged with the request id and given up on, except
that a message Slack refused for its blocks is sent once more as plain text.
"""

from __future__ import annotations

import logging
from functools import partial
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from service.slack.channels import ChannelScheduler
from service.slack.render import Message

log = logging.getLogger("cited.slack")

# Errors after which the same text without blocks has a chance.
BLOCK_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long"})
# Sender threads: a post to a channel that hangs until the client timeout holds one of them.
SENDERS = 4


class Outbox:
    """Queues messages for chat.postMessage, paced per channel."""

    def __init__(self, interval: float = 1.0, senders: int = SENDERS) -> None:
        self.channels = ChannelScheduler("outbox", senders, interval)

    def post(
        self,
        client: WebClient,
        channel: str,
        message: Message,
        *,
        thread_ts: str | None,
        request_id: str,
    ) -> None:
        """Queue `message` for `channel` (in `thread_ts`); it goes out when the channel's turn comes."""
        self.channels.submit(
            channel, partial(self.deliver, client, channel, message, thread_ts=thread_ts, request_id=request_id)
        )

    def idle(self) -> bool:
        """Nothing waiting for its turn and nothing being sent."""
        return self.channels.idle()

    def close(self, timeout: float = 5.0) -> int:
        """Stop sending; the number of queued messages dropped."""
        return self.channels.close(timeout)

    def deliver(
        self,
        client: WebClient,
        channel: str,
        message: Message,
        *,
        thread_ts: str | None,
        request_id: str,
    ) -> bool:
        """Post now (the channel's turn has come); False when Slack did not take it."""
        try:
            self._send(client, channel, thread_ts, message.text, message.blocks)
            return True
        except SlackApiError as e:
            error = str(e.response.get("error", "")) if e.response is not None else ""
            status = e.response.status_code if e.response is not None else None
            log.error(
                "slack request %s: chat.postMessage to %s failed: %s (HTTP %s)",
                request_id,
                channel,
                error or "unknown error",
                status,
            )
            if error in BLOCK_ERRORS:
                return self._post_text_only(client, channel, thread_ts, message, request_id)
            return False
        except (URLError, OSError) as e:  # timeouts and refused connections
            log.error("slack request %s: chat.postMessage to %s failed: %s", request_id, channel, type(e).__name__)
            return False

    def _send(
        self, client: WebClient, channel: str, thread_ts: str | None, text: str, blocks: list[dict[str, object]] | None
    ) -> None:
        client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            text=text,
            blocks=blocks,
            unfurl_links=False,
            unfurl_media=False,
        )

    def _post_text_only(
        self, client: WebClient, channel: str, thread_ts: str | None, message: Message, request_id: str
    ) -> bool:
        try:
            self._send(client, channel, thread_ts, message.text, None)
            return True
        except (SlackApiError, URLError, OSError) as e:
            log.error(
                "slack request %s: plain-text fallback to %s failed too: %s", request_id, channel, type(e).__name__
            )
            return False
