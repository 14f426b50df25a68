"""The serving process: the HTTP API with Slack's HTTP mode mounted beside it, and the
options uvicorn runs it with.

The two front doors meet here and nowhere else, so neither imports the other. `cited serve`
runs `app_factory` under uvicorn (`--factory service.server:app_factory`) with
`uvicorn_options(settings)`.

The options keep slow or idle clients from holding connections (and so file descriptors)
that real requests need.

uvicorn closes a kept-alive connection that stays idle (`timeout_keep_alive`) but has no limit
on how long a client may take to send a request's head: a connection that opens and sends
half a request line is kept forever, and a few hundred of them exhaust the process's file
descriptors, after which no real request is accepted. `HeaderTimeoutProtocol` adds that
limit: from the moment a connection opens, or a new request on a kept-alive connection
begins, the whole head (request line and headers) must arrive within the header timeout.
It is a deadline, not an idle timer, so trickling one byte at a time does not extend it.
Bodies are not covered: the body size limit and the request's own handling bound those.

A deadline alone still lets a burst of half-sent requests use up every descriptor until it
passes, and meanwhile the event loop (libuv) accepts and at once drops each new connection,
a real ask included. So connections still waiting for their head may hold at most a quarter
of the process's file limit: past that, the oldest of them is closed (408) to make room.
A client that sends its head at once is never among them for long.
"""

from __future__ import annotations

import asyncio
import faulthandler
import resource
import signal
import sys
from typing import Any, ClassVar

from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from service.api.app import create_app
from service.chat import AskEngine
from service.conversations import Store
from service.logs import configure_logging
from service.settings import Settings, get_settings
from service.slack.http import mount_slack

PENDING_HEAD_SHARE = 4  # connections waiting for their head hold at most 1/4 of the file limit
MIN_PENDING_HEADS = 8

# Sent before closing a connection whose head did not arrive in time.
_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 34\r\nconnection: close\r\n\r\n"
    b"the request head took too long\r\n\r\n"
)


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request's head."""

    header_timeout: ClassVar[float] = 10.0  # both replaced per server by `header_timeout_protocol`
    # Connections of this server waiting for a head, oldest first (the event loop's thread only).
    waiting_for_head: ClassVar[dict[HeaderTimeoutProtocol, None]] = {}
    _head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_deadline()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._start_head_deadline()

    def on_headers_complete(self) -> None:
        self._cancel_head_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_deadline()
        super().connection_lost(exc)

    def _start_head_deadline(self) -> None:
        # Already running when the first bytes of a connection's first request arrive.
        if self._head_deadline is not None:
            return
        waiting = self.waiting_for_head
        while waiting and len(waiting) >= _pending_head_limit():
            next(iter(waiting))._head_too_slow()
        waiting[self] = None
        self._head_deadline = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _cancel_head_deadline(self) -> None:
        self.waiting_for_head.pop(self, None)
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        self._cancel_head_deadline()
        if not self.transport.is_closing():
            self.transport.write(_TIMEOUT_RESPONSE)
            self.transport.close()


def _pending_head_limit() -> int:
    """How many connections may wait for their head now: a share of the file limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)  # read each time: it can be changed
    if soft == resource.RLIM_INFINITY:
        return 1 << 30
    return max(MIN_PENDING_HEADS, soft // PENDING_HEAD_SHARE)


def header_timeout_protocol(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class for uvicorn's `http` option, with a head deadline of `seconds`;
    each call makes a class of its own, so each server counts its own waiting connections."""
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout": seconds, "waiting_for_head": {}})


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn options (beyond the app, host and port) for serving with `settings`."""
    return {
        "http": header_timeout_protocol(settings.header_timeout_seconds),
        "timeout_keep_alive": settings.keep_alive_seconds,
        "access_log": False,  # the app logs one line per request itself, with its request id
        "proxy_headers": False,  # X-Forwarded-For from a local client must not dodge the rate limit
        "limit_concurrency": settings.limit_concurrency or None,  # None: uvicorn's "no limit"
    }


def create_server(settings: Settings, *, engine: AskEngine | None = None, store: Store | None = None) -> FastAPI:
    """The API for `settings`, serving POST /slack/events too when SLACK_BOT_TOKEN and
    SLACK_SIGNING_SECRET are set (`engine`, `store`: see create_app)."""
    return create_app(settings, engine=engine, store=store, mounts=[mount_slack])


def app_factory(store: Store | None = None) -> FastAPI:
    """The app for the process's settings, with logging configured; `store`, when given, is
    the conversation store `cited serve` opened."""
    settings = get_settings()
    configure_logging(settings.log_format)
    enable_stack_dumps()
    return create_server(settings, store=store)


def enable_stack_dumps() -> None:
    """`kill -USR1 <pid>` writes every thread's stack to stderr (the log) and the process goes
    on serving: how a request that never returns is diagnosed in place (docs/reliability.md,
    "Operations")."""
    # The process's own stderr, not sys.stderr: something may have replaced that with a stream
    # that has no file descriptor (a test runner capturing output), which faulthandler needs.
    if sys.__stderr__ is not None:
        faulthandler.register(signal.SIGUSR1, file=sys.__stderr__, all_threads=True)
