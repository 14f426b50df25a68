"""Posting to Slack: one message per second per channel, failures logged, never stormed.

`chat.postMessage` "generally allows one message per second per channel"
(docs/reliability.md, "Library defaults"), so posts to one
channel take turns one `interval` apart instead of collecting 429s. `post()` only queues: the
turns are kept by a `ChannelScheduler` whose few sender threads serve whichever channel is
due, so a listener never waits for a slot and a busy channel never delays a quiet one. The
queue is in memory: at shutdown `SlackApp.close()` gives waiting replies a bounded grace
period, then drops (and counts) the rest.

A 429 that still happens never holds a sender: the outbox's WebClient has no rate-limit retry
handler (that one sleeps in the calling thread), so the 429 comes straight back, and the
message goes back to the head of its channel's queue with the channel's next turn
`Retry-After` away (at most `max_wait`), at most `retries` times per message; the sender
serves other channels meanwhile (docs/reliability.md, "Library defaults"). Any other failure
(`ok: false`, a timeout) is logged with the request id and given up on, except that a message
Slack refused for its blocks is sent once more as plain text.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from slack_sdk.webhook import WebhookResponse

from service.slack.channels import ChannelScheduler, Later
from service.slack.render import Message

log = logging.getLogger("cited.slack")

# Errors after which the same text without blocks has a chance.
BLOCK_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long"})
# Sender threads: a post to a channel that hangs until the client timeout holds one of them.
SENDERS = 4
RATE_LIMIT_RETRIES = 2  # 429s after which a message is given up on: 1 + this many tries
# The longest a 429 holds a channel's queue, whatever Retry-After says: Slack's usual values
# are seconds, and a nonsense header must not freeze a channel until shutdown.
MAX_RETRY_AFTER = 60.0
RETRY_AFTER_UNKNOWN = 1.0  # seconds, when a 429 has no usable Retry-After


@dataclass
class Delivery:
    """One message on its way to a channel, and how it has fared so far."""

    channel: str
    message: Message
    thread_ts: str | None
    request_id: str
    rate_limited: int = 0  # 429s so far
    plain: bool = False  # Slack refused the blocks: text only from now on


class Outbox:
    """Queues messages for chat.postMessage, paced per channel.

    `client` must not sleep on a 429 (`make_client(..., rate_limit_retries=0)`): the outbox
    retries rate-limited messages itself, without holding a thread."""

    def __init__(
        self,
        client: WebClient,
        interval: float = 1.0,
        senders: int = SENDERS,
        *,
        retries: int = RATE_LIMIT_RETRIES,
        max_wait: float = MAX_RETRY_AFTER,
    ) -> None:
        self.client = client
        self.retries = retries
        self.max_wait = max_wait
        self.channels = ChannelScheduler("outbox", senders, interval)

    def post(self, channel: str, message: Message, *, thread_ts: str | None, request_id: str) -> None:
        """Queue `message` for `channel` (in `thread_ts`); it goes out when the channel's turn comes."""
        delivery = Delivery(channel, message, thread_ts, request_id)
        self.channels.submit(channel, lambda: self.deliver(delivery))

    def idle(self) -> bool:
        """Nothing waiting for its turn (or for a Retry-After) and nothing being sent."""
        return self.channels.idle()

    def close(self, timeout: float = 5.0) -> int:
        """Stop sending; the number of queued messages dropped."""
        return self.channels.close(timeout)

    def deliver(self, delivery: Delivery) -> Later | None:
        """Post now (the channel's turn has come); `Later` when Slack said 429 and the message
        should go first again once the channel's `Retry-After` has passed."""
        try:
            self._send(delivery)
            return None
        except SlackApiError as e:
            status = e.response.status_code if e.response is not None else None
            error = str(e.response.get("error", "")) if e.response is not None else ""
            if status == 429:
                return self._rate_limited(delivery, error, e.response)
            self._log_failure(delivery, f"{error or 'unknown error'} (HTTP {status})")
            if error in BLOCK_ERRORS and not delivery.plain:
                delivery.plain = True
                return self.deliver(delivery)
            return None
        except (URLError, OSError) as e:  # timeouts and refused connections
            self._log_failure(delivery, type(e).__name__)
            return None

    def _send(self, delivery: Delivery) -> None:
        self.client.chat_postMessage(
            channel=delivery.channel,
            thread_ts=delivery.thread_ts,
            text=delivery.message.text,
            blocks=None if delivery.plain else delivery.message.blocks,
            unfurl_links=False,
            unfurl_media=False,
        )

    def _rate_limited(self, delivery: Delivery, error: str, response: SlackResponse) -> Later | None:
        if delivery.rate_limited >= self.retries:
            tries = delivery.rate_limited + 1
            self._log_failure(delivery, f"{error or 'ratelimited'} (HTTP 429), {tries} tries")
            return None
        delivery.rate_limited += 1
        wait = min(retry_after(response), self.max_wait)
        log.warning(
            "slack request %s: chat.postMessage to %s rate limited; retry %d of %d in %.1f s",
            delivery.request_id,
            delivery.channel,
            delivery.rate_limited,
            self.retries,
            wait,
        )
        return Later(wait)

    def _log_failure(self, delivery: Delivery, reason: str) -> None:
        if delivery.plain:
            log.error(
                "slack request %s: plain-text fallback to %s failed too: %s",
                delivery.request_id,
                delivery.channel,
                reason,
            )
        else:
            log.error(
                "slack request %s: chat.postMessage to %s failed: %s", delivery.request_id, delivery.channel, reason
            )


def retry_after(response: SlackResponse | WebhookResponse) -> float:
    """Seconds a 429 asks us to wait, from a Web API call or a response_url post. slack_sdk
    keeps an HTTP error's headers as sent (under both `Retry-After` and `retry-after` for a
    429); a missing, negative or non-numeric value (an HTTP-date) counts as RETRY_AFTER_UNKNOWN."""
    value = next((v for k, v in (response.headers or {}).items() if k.lower() == "retry-after"), "")
    try:
        seconds = float(value)  # "" (no header) is a ValueError
    except (TypeError, ValueError):
        return RETRY_AFTER_UNKNOWN
    return seconds if math.isfinite(seconds) and seconds >= 0 else RETRY_AFTER_UNKNOWN
