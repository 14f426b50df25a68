"""Pure ASGI middleware: request context (id, log line, metrics, last-resort 500), a body
limit that counts the bytes actually streamed, and CORS whose refusals are problems.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.metrics import Metrics
from service.api.problems import internal_error_response, problem_response
from service.logs import request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
_CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")

logger = logging.getLogger("cited.api")


def route_template(scope: Scope) -> str:
    """The path template that served the request (bounded metric labels), or 'unmatched'."""
    route = scope.get("route")
    # `path_format` drops convertors: "/v1/units/{unit_id:path}" is labelled "/v1/units/{unit_id}".
    path = getattr(route, "path_format", None) or getattr(route, "path", None)
    return path if isinstance(path, str) and path else "unmatched"


class RequestContextMiddleware:
    """Outermost: names the request, times it, logs one line, counts it, and turns any
    exception that got this far into a bare 500 problem (the traceback goes to the log)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        request_id = given if _CLIENT_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = int(message["status"])
                headers = MutableHeaders(scope=message)
                headers[REQUEST_ID_HEADER] = request_id
                headers.setdefault("X-Content-Type-Options", "nosniff")
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error", extra={"fields": self._fields(scope, 500)})
            if not response_started:
                await internal_error_response()(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            self.metrics.observe(scope["method"], route_template(scope), status, seconds)
            fields = self._fields(scope, status) | {"ms": round(seconds * 1000, 1)}
            logger.info("request", extra={"fields": fields})
            request_id_var.reset(token)

    @staticmethod
    def _fields(scope: Scope, status: int) -> dict[str, Any]:
        client = scope.get("client")
        return {
            "request_id": request_id_var.get(),
            "method": scope["method"],
            "path": scope["path"],  # never the query string: it may carry secrets
            "route": route_template(scope),
            "status": status,
            "client": client[0] if client else None,
        }


class BodyTooLarge(HTTPException):
    """Raised from `receive` once the streamed body passes the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodyLimitMiddleware:
    """413 for bodies over `max_bytes`: at once from Content-Length, or as soon as the
    chunks read so far pass the limit (chunked uploads have no Content-Length)."""

    def __init__(self, app: ASGIApp, max_bytes: int, path_limits: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.path_limits = dict(path_limits or {})  # routes that take more (document uploads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.path_limits.get(scope["path"], self.max_bytes)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
            status = 413 if declared.isdigit() else 400
            detail = str(BodyTooLarge(max_bytes).detail) if status == 413 else ("Content-Length is not a number")
            # Close the connection: the client may still be sending the body we refuse.
            response = problem_response(status, detail, headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise BodyTooLarge(max_bytes)
            return message

        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:
            # Raised where no exception handler caught it (e.g. a body read in middleware).
            if response_started:
                raise
            await problem_response(413, str(exc.detail))(scope, receive, send)


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, with a refused preflight answered as a problem (still 400)."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        detail = bytes(response.body).decode("utf-8", "replace")
        headers = {k: v for k, v in response.headers.items() if k.lower() not in {"content-length", "content-type"}}
        return problem_response(400, detail, headers=headers)
