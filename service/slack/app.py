"""The bolt App of the Slack bot, shared by HTTP mode (`mount_slack`) and Socket Mode.

Choices made here, and why:
- `process_before_response=False`: Slack gets its acknowledgement at once (events are
  auto-acknowledged, commands and buttons call `ack()` first). Listeners then only queue
  their work: answers are computed by a few job threads (one per channel or user at a time,
  so a burst in one channel takes one of them), and posts wait for their channel's turn in
  the outbox, not in a thread. The listener threads themselves stay free, so a command's
  `ack()`, which bolt runs on one of them, never waits behind another channel's burst. This
  is a long-running server, not a FaaS, so the work may outlive the HTTP response. The
  price (a failure cannot become an HTTP error for Slack to retry) is paid by the one error
  handler, which tells the user (docs/reliability.md, "Library defaults").
- WebClients of our own: the base URL is SLACK_API_BASE_URL when set (tests, proxies,
  Enterprise), and there is a timeout. Two of them (docs/reliability.md, "Library defaults"):
  - the outbox's, for every reply (chat.postMessage), retries no 429 itself: slack_sdk's
    RateLimitErrorRetryHandler sleeps for Retry-After in the calling thread, which would be
    one of the outbox's few senders. The outbox puts the message back at the head of its
    channel's queue instead, and the sender serves other channels meanwhile.
  - bolt's (`app.client`, copied into every request's context) keeps the handler, bounded
    (slack_sdk does not retry 429 by default). What
    it calls has no queue to go back to and little else to do: auth.test at start-up or on
    the first request, apps.connections.open while Socket Mode (re)connects, and views.open
    for a "Full text" click on a job thread (its trigger_id lives 3 s, so a retry helps only
    after a short Retry-After). `response_url` posts go through bolt's WebhookClient, which
    retries no 429 at all: `work.reply` retries one itself.
- `token_verification_enabled` only where a bad token should stop start-up (Socket Mode);
  in HTTP mode `auth.test` runs on the first request so building the service needs no network.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from secrets import token_hex
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from service.chat import AskEngine
from service.conversations import Store
from service.errors import CitedError
from service.settings import Settings
from service.slack.answers import AnswerCache, Answers
from service.slack.channels import ChannelScheduler
from service.slack.listeners import register
from service.slack.outbox import MAX_RETRY_AFTER, RATE_LIMIT_RETRIES, SENDERS, Outbox
from service.slack.work import Deps

DEFAULT_TIMEOUT = 10.0  # seconds for one Web API call
DEFAULT_RATE_LIMIT_RETRIES = RATE_LIMIT_RETRIES  # per call, or per reply in the outbox
DEFAULT_POST_INTERVAL = 1.0  # seconds between posts to one channel
# Listener threads only acknowledge and queue, so a few are plenty; a slash command's ack()
# runs on one of them.
LISTENER_WORKERS = 8
# Job threads compute answers, one per channel (events) or user (commands, buttons) at a time;
# retrieval itself is bounded by CITED_SEARCH_THREADS.
ANSWER_WORKERS = 4
CLOSE_TIMEOUT = 5.0  # seconds of grace SlackApp.close() gives queued and running work
DRAIN_POLL = 0.01  # seconds between looks at the queues while draining

log = logging.getLogger("cited.slack")

StoreSource = Store | Callable[[], Store]


def make_client(
    settings: Settings,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    rate_limit_retries: int = DEFAULT_RATE_LIMIT_RETRIES,
    logger: logging.Logger | None = None,
) -> WebClient:
    """A WebClient for the bot token, SLACK_API_BASE_URL, a timeout and bounded retries: one
    after a connection error, `rate_limit_retries` after a 429 (none: the 429 is raised)."""
    if settings.slack_bot_token is None:
        raise CitedError(
            "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) "
            "from your Slack app's OAuth & Permissions page"
        )
    base_url = settings.slack_api_base_url or WebClient.BASE_URL
    if not base_url.endswith("/"):
        base_url += "/"  # slack_sdk appends the method name directly
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=base_url,
        timeout=timeout,  # type: ignore[arg-type]  # urllib takes a float; the hint says int
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            *([RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries)] if rate_limit_retries else []),
        ],
        logger=logger or logging.getLogger("cited.slack.web"),
    )


class ListenerPool(ThreadPoolExecutor):
    """bolt's listener threads, counting the listeners submitted and not finished yet, so
    that `SlackApp.idle()` can tell a listener about to queue work from one that is done."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers, thread_name_prefix="cited-slack")
        self._unfinished = 0
        self._count_lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._count_lock:
            self._unfinished += 1
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._finished()
            raise
        future.add_done_callback(lambda _: self._finished())
        return future

    def _finished(self) -> None:
        with self._count_lock:
            self._unfinished -= 1

    def idle(self) -> bool:
        """No listener queued or running."""
        with self._count_lock:
            return self._unfinished == 0


class SlackApp(App):
    """bolt's App, plus the bot's own queues (answers, outbox), which `close()` stops."""

    deps: Deps
    executor: ListenerPool

    def idle(self) -> bool:
        """Nothing left to do: no listener, answer or reply queued or running. Checked
        upstream first, since each stage hands its work on before it counts as finished."""
        return self.executor.idle() and self.deps.idle()

    def drain(self, timeout: float) -> bool:
        """Wait up to `timeout` s until `idle()`; whether it became so."""
        deadline = time.monotonic() + timeout
        while not self.idle():
            if time.monotonic() >= deadline:
                return False
            time.sleep(DRAIN_POLL)
        return True

    def close(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """Stop taking work; give what is queued up to `timeout` s to finish (answers computed,
        replies posted at their channel's pace), then drop the rest, and say so in one line."""
        started = time.monotonic()
        self.executor.shutdown(wait=True)  # listeners only queue: this is quick
        self.drain(timeout)
        remaining = max(0.0, timeout - (time.monotonic() - started))
        answers, replies = self.deps.close(remaining)
        if not (answers or replies):
            log.info("slack stopped: all queued work finished")
        else:
            log.warning("slack stopped after %.1f s: %d answer(s) and %d reply(ies) dropped", timeout, answers, replies)


def build_slack_app(
    settings: Settings,
    engine_provider: Callable[[], AskEngine],
    store: StoreSource,
    *,
    token_verification: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    rate_limit_retries: int = DEFAULT_RATE_LIMIT_RETRIES,
    post_interval: float = DEFAULT_POST_INTERVAL,
    workers: int = LISTENER_WORKERS,
    answer_workers: int = ANSWER_WORKERS,
    senders: int = SENDERS,
    max_retry_after: float = MAX_RETRY_AFTER,
) -> SlackApp:
    """The bolt App with every listener registered.

    `engine_provider` is called per question (the engine loads after the app is built);
    `store` is the conversation store or a function returning it, for the same reason.
    `rate_limit_retries` bounds the 429s of one call (bolt's client) or of one reply (the
    outbox); `max_retry_after` caps the seconds one 429 holds a channel's replies.
    """
    secret = settings.slack_signing_secret
    executor = ListenerPool(workers)
    app = SlackApp(
        client=make_client(settings, timeout=timeout, rate_limit_retries=rate_limit_retries),
        # Without a secret (Socket Mode, where bolt skips verification) a random one that
        # nobody knows: verification stays on, so an HTTP request could never pass.
        signing_secret=secret.get_secret_value() if secret is not None else token_hex(32),
        request_verification_enabled=True,
        token_verification_enabled=token_verification,
        process_before_response=False,
        listener_executor=executor,
        logger=logging.getLogger("cited.slack.bolt"),
    )
    store_provider: Callable[[], Store] = store if callable(store) else (lambda: store)
    answers = Answers(
        engine_provider=engine_provider,
        store_provider=store_provider,
        top_k=settings.default_top_k,
        cache=AnswerCache(),
        limiter=threading.BoundedSemaphore(settings.search_threads),
    )
    outbox = Outbox(
        make_client(settings, timeout=timeout, rate_limit_retries=0),
        post_interval,
        senders,
        retries=rate_limit_retries,
        max_wait=max_retry_after,
    )
    deps = Deps(answers=answers, outbox=outbox, jobs=ChannelScheduler("answers", answer_workers))
    app.deps, app.executor = deps, executor
    register(app, deps)
    return app
