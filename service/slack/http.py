"""HTTP mode: `POST /slack/events` on the FastAPI service, guarded before bolt sees anything.

bolt's Starlette adapter decodes and parses the body before it checks the signature, so
unsigned garbage (bad JSON, invalid UTF-8, a non-numeric timestamp) gets a 500 from it
(docs/reliability.md, "Library defaults").
This route checks, in order: both headers present, a timestamp of at most
MAX_TIMESTAMP_DIGITS digits (only then is it turned into a number: a 400-digit one overflows a
float, and int() refuses 4,301 digits) within five minutes, a valid `v0=` HMAC over the raw
bytes (401 `{"error": "invalid request"}` otherwise, exactly like bolt), then UTF-8 and a
body bolt can parse (400). The body is never logged. bolt then verifies again and dispatches
on a worker thread, so a slash command's `ack()` wait never blocks the event loop.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_bolt.request.internals import parse_body
from starlette.concurrency import run_in_threadpool

from service.chat import AskEngine
from service.settings import Settings
from service.slack.app import SlackApp, StoreSource, build_slack_app

log = logging.getLogger("cited.slack")

EVENTS_PATH = "/slack/events"
MAX_SKEW_SECONDS = 300
# Unix seconds have 10 digits until the year 2286; a few more leave room without ever
# letting a number too large for a float through.
MAX_TIMESTAMP_DIGITS = 12


def _reject(status: int, error: str) -> JSONResponse:
    return JSONResponse({"error": error}, status_code=status)


def _expected_signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """Slack's `v0=` HMAC-SHA256 over `v0:{timestamp}:{raw body}`.

    Computed on the raw bytes: slack_sdk's SignatureVerifier decodes the body first and so
    raises on invalid UTF-8 instead of answering "not valid".
    """
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(secret, base, hashlib.sha256).hexdigest()


def _signature_problem(secret: bytes, body: bytes, headers: Any, now: float) -> str | None:
    """Why the request is not Slack's, or None when its signature holds."""
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp or not signature:
        return "missing signature headers"
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > MAX_TIMESTAMP_DIGITS:
        return "implausible timestamp"
    if abs(now - int(timestamp)) > MAX_SKEW_SECONDS:
        return "stale timestamp"
    if not hmac.compare_digest(
        _expected_signature(secret, timestamp, body).encode(), signature.encode("utf-8", "replace")
    ):
        return "bad signature"
    return None


def _parse_problem(body: bytes, content_type: str | None) -> str | None:
    """Why bolt could not parse this (signed) body, or None when it can."""
    try:
        text = body.decode("utf-8")
        parsed = parse_body(text, content_type)
    except (UnicodeDecodeError, ValueError):
        return "body is not UTF-8 JSON or a form"
    if not isinstance(parsed, dict):
        return "body is not an object"
    return None


def slack_events_endpoint(bolt_app: App, signing_secret: str) -> Callable[..., Any]:
    """The route function: pre-checks, then bolt on a worker thread."""
    secret = signing_secret.encode()

    async def slack_events(request: Request) -> Response:
        body = await request.body()
        problem = _signature_problem(secret, body, request.headers, time.time())
        if problem is not None:
            log.warning("slack request refused: %s", problem)
            return _reject(401, "invalid request")
        problem = _parse_problem(body, request.headers.get("content-type"))
        if problem is not None:
            log.warning("slack request refused: %s", problem)
            return _reject(400, "invalid body")
        bolt_request = to_bolt_request(request, body)
        bolt_response = await run_in_threadpool(bolt_app.dispatch, bolt_request)
        return to_starlette_response(bolt_response)

    return slack_events


def mount_slack(
    app: FastAPI,
    settings: Settings,
    engine_provider: Callable[[], AskEngine],
    store: StoreSource,
    **options: Any,
) -> SlackApp | None:
    """Add `POST /slack/events` when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set.

    Returns the bolt App (None when Slack is not configured and nothing was added).
    `options` go to `build_slack_app` (timeouts, retries, pacing).
    """
    if not settings.slack_http_enabled or settings.slack_signing_secret is None:
        return None
    bolt_app = build_slack_app(settings, engine_provider, store, **options)
    endpoint = slack_events_endpoint(bolt_app, settings.slack_signing_secret.get_secret_value())
    app.add_api_route(EVENTS_PATH, endpoint, methods=["POST"], include_in_schema=False, name="slack_events")
    return bolt_app
