"""How `cited serve` runs uvicorn: the options that keep slow or idle clients from holding
connections (and so file descriptors) that real requests need.

uvicorn closes a kept-alive connection that stays idle (`timeout_keep_alive`) but has no limit
on how long a client may take to send a request's head: a connection that opens and sends
half a request line is kept forever, and a few hundred of them exhaust the process's file
descriptors, after which no real request is accepted. `HeaderTimeoutProtocol` adds that
limit: from the moment a connection opens, or a new request on a kept-alive connection
begins, the whole head (request line and headers) must arrive within the header timeout.
It is a deadline, not an idle timer, so trickling one byte at a time does not extend it.
Bodies are not covered: the body size limit and the request's own handling bound those.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from service.settings import Settings

# Sent before closing a connection whose head did not arrive in time.
_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                     b"content-length: 34\r\nconnection: close\r\n\r\n"
                     b"the request head took too long\r\n\r\n")


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request's head."""

    header_timeout: float = 10.0  # replaced per server by `header_timeout_protocol`
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
        if self._head_deadline is None:
            self._head_deadline = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _cancel_head_deadline(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        self._head_deadline = None
        if not self.transport.is_closing():
            self.transport.write(_TIMEOUT_RESPONSE)
            self.transport.close()


def header_timeout_protocol(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class for uvicorn's `http` option, with a head deadline of `seconds`."""
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout": seconds})


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn options (beyond the app, host and port) for serving with `settings`."""
    return {
        "http": header_timeout_protocol(settings.header_timeout_seconds),
        "timeout_keep_alive": settings.keep_alive_seconds,
        "access_log": False,  # the app logs one line per request itself, with its request id
        "proxy_headers": False,  # X-Forwarded-For from a local client must not dodge the rate limit
    }
