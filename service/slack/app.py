"""The bolt App of the Slack bot, shared by HTTP mode (`mount_slack`) and Socket Mode.

Choices made here, and why:
- `process_before_response=False`: Slack gets its acknowledgement at once (events are
  auto-acknowledged, commands and buttons call `ack()` first) and the answer follows from a
  worker thread. This is a long-running server, not a FaaS, so the work may outlive the
  HTTP response. The price (a listener failure cannot become an HTTP error for Slack to
  retry) is paid by the `@app.error` handler, which tells the user (RELIABILITY.md §0.5).
- A WebClient of our own: its base URL is SLACK_API_BASE_URL when set (tests, proxies,
  Enterprise), it has a timeout, and it retries 429s after Retry-After, a bounded number of
  times (slack_sdk does not retry 429 by default, RELIABILITY.md §0.4).
- `token_verification_enabled` only where a bad token should stop start-up (Socket Mode);
  in HTTP mode `auth.test` runs on the first request so building the service needs no network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from secrets import token_hex

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
from service.slack.listeners import Deps, register
from service.slack.outbox import Outbox

DEFAULT_TIMEOUT = 10.0  # seconds for one Web API call
DEFAULT_RATE_LIMIT_RETRIES = 2
DEFAULT_POST_INTERVAL = 1.0  # seconds between posts to one channel
# Listener threads: many, because a slash command's ack() runs on one of them and must not
# wait behind slow answers; retrieval itself is bounded by CITED_SEARCH_THREADS.
LISTENER_WORKERS = 32

StoreSource = Store | Callable[[], Store]


def make_client(settings: Settings, *, timeout: float = DEFAULT_TIMEOUT,
                rate_limit_retries: int = DEFAULT_RATE_LIMIT_RETRIES) -> WebClient:
    """A WebClient for the bot token, SLACK_API_BASE_URL, a timeout and bounded retries."""
    if settings.slack_bot_token is None:
        raise CitedError("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) "
                         "from your Slack app's OAuth & Permissions page")
    base_url = settings.slack_api_base_url or WebClient.BASE_URL
    if not base_url.endswith("/"):
        base_url += "/"  # slack_sdk appends the method name directly
    return WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=base_url,
        timeout=timeout,  # type: ignore[arg-type]  # urllib takes a float; the hint says int
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries),
        ],
        logger=logging.getLogger("cited.slack.web"),
    )


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
) -> App:
    """The bolt App with every listener registered.

    `engine_provider` is called per question (the engine loads after the app is built);
    `store` is the conversation store or a function returning it, for the same reason.
    """
    secret = settings.slack_signing_secret
    app = App(
        client=make_client(settings, timeout=timeout, rate_limit_retries=rate_limit_retries),
        # Without a secret (Socket Mode, where bolt skips verification) a random one that
        # nobody knows: verification stays on, so an HTTP request could never pass.
        signing_secret=secret.get_secret_value() if secret is not None else token_hex(32),
        request_verification_enabled=True,
        token_verification_enabled=token_verification,
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(workers, thread_name_prefix="cited-slack"),
        logger=logging.getLogger("cited.slack.bolt"),
    )
    store_provider: Callable[[], Store] = store if callable(store) else (lambda: store)
    answers = Answers(engine_provider=engine_provider, store_provider=store_provider,
                      top_k=settings.default_top_k, cache=AnswerCache(),
                      limiter=threading.BoundedSemaphore(settings.search_threads))
    register(app, Deps(answers=answers, outbox=Outbox(post_interval)))
    return app
