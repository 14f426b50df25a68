"""A local stand-in for Slack's Socket Mode server: a WebSocket endpoint on a loopback port.

aiohttp serves `ws://127.0.0.1:<port>/link` on its own event loop in a daemon thread. The
stand-in Web API's `apps.connections.open` hands that URL to the bot (set `SlackStub.socket_url`),
bolt's `SocketModeHandler` connects, and the test pushes envelopes with `send()` and waits for
their acknowledgements with `ack()`: what Slack itself would do, minus TLS.
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import WSMsgType, web

PATH = "/link"
# A client that never answers the close handshake must not hold up the test's end for long.
CLOSE_SECONDS = 2.0


class SocketStandIn:
    """Accepts the bot's connection, sends envelopes, records what comes back by envelope id."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._socket: web.WebSocketResponse | None = None
        self._acks: dict[str, dict[str, Any]] = {}
        self._changed = threading.Condition()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SocketStandIn:
        """Bind a free loopback port and serve on a daemon thread."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(10)
        return self

    def stop(self) -> None:
        """Close the connection and the server, then the loop."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(CLOSE_SECONDS * 5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    @property
    def url(self) -> str:
        """What `apps.connections.open` answers."""
        return f"ws://127.0.0.1:{self.port}{PATH}"

    # -- the test's side ---------------------------------------------------------------------
    def wait_connected(self, timeout: float = 10.0) -> None:
        """Until the bot has connected."""
        with self._changed:
            assert self._changed.wait_for(lambda: self._socket is not None, timeout), "no connection"

    def send(self, kind: str, payload: dict[str, Any]) -> str:
        """Push an envelope of `kind` (events_api, slash_commands, interactive); its id."""
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        assert self._socket is not None, "wait_connected() first"
        socket = self._socket
        asyncio.run_coroutine_threadsafe(socket.send_str(json.dumps(envelope)), self._loop).result(10)
        return envelope_id

    def ack(self, envelope_id: str, timeout: float) -> dict[str, Any]:
        """The acknowledgement of `envelope_id`, waited for at most `timeout` s."""
        with self._changed:
            arrived = self._changed.wait_for(lambda: envelope_id in self._acks, timeout)
            assert arrived, f"no acknowledgement of {envelope_id} within {timeout} s"
            return self._acks[envelope_id]

    # -- the server's side -------------------------------------------------------------------
    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get(PATH, self._connection)
        self._runner = web.AppRunner(app, shutdown_timeout=CLOSE_SECONDS)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def _connection(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(timeout=CLOSE_SECONDS)  # answers the client's pings by itself
        await socket.prepare(request)
        await socket.send_str(
            json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0CITED"}})
        )
        with self._changed:
            self._socket = socket
            self._changed.notify_all()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                data = json.loads(message.data)
                with self._changed:
                    self._acks[str(data.get("envelope_id"))] = data
                    self._changed.notify_all()
        return socket


@contextmanager
def running_socket() -> Iterator[SocketStandIn]:
    """A started Socket Mode stand-in that stops when the block ends."""
    server = SocketStandIn().start()
    try:
        yield server
    finally:
        server.stop()
