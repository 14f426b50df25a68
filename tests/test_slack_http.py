"""POST /slack/events: request verification before bolt (docs/reliability.md, "Slack").

Every request goes over real HTTP to uvicorn on loopback; the bot's Web API calls go to the
local stand-in, which must see nothing at all for a refused request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from service.settings import Settings
from tests.support.slack_server import (
    SIGNING_SECRET,
    SLACK_ACK_SECONDS,
    SlackHarness,
    captured_logs,
    command_form,
    event_envelope,
    logged_text,
    mention,
    running_slack,
    sign,
)

QUESTION = "Why does Pakistan host the Taliban leadership?"
REFUSED = {"error": "invalid request"}


@pytest.fixture
def slack(engine: Any, make_settings: Callable[..., Settings]) -> Iterator[SlackHarness]:
    with running_slack(make_settings, engine) as harness:
        yield harness


def _mention_body(text: str = QUESTION) -> bytes:
    return json.dumps(event_envelope(mention(text))).encode()


def _assert_nothing_happened(slack: SlackHarness) -> None:
    slack.final("chat.postMessage", 0)
    assert slack.stub.methods() == []  # not even auth.test: bolt never saw the request
    assert slack.rows("seen_events") == 0
    assert slack.rows("conversations") == 0


def test_signed_mention_is_acknowledged_fast_and_answered_once(slack: SlackHarness) -> None:
    """Case 1: 200 well under 3 s, exactly one chat.postMessage in the mention's thread."""
    event = mention(QUESTION)
    started = time.monotonic()
    response = slack.send_event(event)
    assert response.status_code == 200
    assert time.monotonic() - started < SLACK_ACK_SECONDS
    (post,) = slack.stub.assert_received("chat.postMessage", 1)
    assert post.body["channel"] == event["channel"]
    assert post.body["thread_ts"] == event["ts"]
    assert "International Crisis Group" in json.dumps(post.blocks)  # a citation
    slack.final("chat.postMessage", 1)


def test_body_altered_after_signing_is_refused(slack: SlackHarness) -> None:
    """Case 2: one byte changed after signing -> 401 {"error": "invalid request"}."""
    body = _mention_body()
    headers = sign(body)
    tampered = body.replace(b"Pakistan", b"Pakistam", 1)
    response = slack.post(tampered, headers)
    assert response.status_code == 401
    assert response.json() == REFUSED
    _assert_nothing_happened(slack)


@pytest.mark.parametrize("skew, status", [(-301, 401), (301, 401), (-299, 200)])
def test_timestamp_window_is_five_minutes(slack: SlackHarness, skew: int, status: int) -> None:
    """Case 3: a correct HMAC over a timestamp 301 s off either way is refused; 299 s is fine.

    The header holds whole seconds while the server compares with its clock's fractions, and
    the request takes a while to arrive: each timestamp is rounded so that neither can carry
    it across the 300 s line (the future one up, the others in the direction of the check).
    """
    body = _mention_body()
    now = time.time()
    timestamp = math.ceil(now) + skew if skew > -300 else math.floor(now) + skew
    response = slack.post(body, sign(body, timestamp=timestamp))
    assert response.status_code == status
    if status == 200:
        slack.stub.assert_received("chat.postMessage", 1)
    else:
        _assert_nothing_happened(slack)


@pytest.mark.parametrize("drop", ["X-Slack-Signature", "X-Slack-Request-Timestamp"])
def test_missing_signature_header_is_refused(slack: SlackHarness, drop: str) -> None:
    """Case 4: either header missing -> 401."""
    body = _mention_body()
    headers = {k: v for k, v in sign(body).items() if k != drop}
    response = slack.post(body, headers)
    assert response.status_code == 401
    assert response.json() == REFUSED
    _assert_nothing_happened(slack)


@pytest.mark.parametrize("timestamp", ["abc", "", "12.5", "1e3", "-5", "0x10"])
def test_non_numeric_timestamp_is_refused_not_500(slack: SlackHarness, timestamp: str) -> None:
    """Case 5: plain bolt answers 500 to `abc` (int() raises); we answer 401."""
    body = _mention_body()
    headers = {**sign(body), "X-Slack-Request-Timestamp": timestamp}
    response = slack.post(body, {k: v for k, v in headers.items() if v})
    assert response.status_code == 401
    _assert_nothing_happened(slack)


def _signed_with_timestamp(body: bytes, timestamp: str) -> dict[str, str]:
    """Headers with exactly this timestamp text and a correct HMAC over it."""
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


@pytest.mark.parametrize(
    "timestamp",
    [
        "9" * 400,  # overflows a float
        "9" * 5000,  # past int()'s 4,300 digits
        lambda: str(int(time.time())).rjust(13, "0"),  # "now", but no Slack clock writes it so
    ],
    ids=["400-digits", "5000-digits", "zero-padded-now"],
)
def test_implausible_timestamp_is_refused_in_one_line(slack: SlackHarness, timestamp: str | Callable[[], str]) -> None:
    """Hundreds of digits once gave a 500 with a traceback; any timestamp that is not a
    plausible one is a 401, even correctly signed, with one log line and no traceback."""
    body = _mention_body()
    text = timestamp() if callable(timestamp) else timestamp
    with captured_logs("cited") as ours, captured_logs("uvicorn") as server:
        response = slack.post(body, _signed_with_timestamp(body, text))
    assert response.status_code == 401
    assert response.json() == REFUSED
    assert [r.getMessage() for r in ours] == ["slack request refused: implausible timestamp"]
    assert "Traceback" not in logged_text(ours + server) and not server
    _assert_nothing_happened(slack)


@pytest.mark.parametrize("body", [b"{not json", b'\xff\xfe{"type": "x"}', b"[1, 2]", b""])
def test_unsigned_garbage_is_refused_not_500_and_not_logged(slack: SlackHarness, body: bytes) -> None:
    """Case 6: bad JSON or invalid UTF-8 without a signature -> 401, never 500; body unlogged."""
    with captured_logs() as records:
        response = slack.post(body + b" SECRET-BODY-MARKER")
    assert response.status_code == 401
    assert "SECRET-BODY-MARKER" not in logged_text(records)
    assert "Traceback" not in response.text
    _assert_nothing_happened(slack)


@pytest.mark.parametrize("body", [b"{not json", b'\xff\xfe{"type": "x"}', b"[1, 2]"])
def test_signed_garbage_is_a_400_not_500(slack: SlackHarness, body: bytes) -> None:
    """Case 6, signed variant: a body bolt cannot parse is refused before bolt with 400."""
    ts = str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}
    response = slack.post(body, headers)
    assert response.status_code == 400
    _assert_nothing_happened(slack)


@pytest.mark.parametrize(
    "mangle",
    [lambda s: "v0=" + s[3:].upper(), lambda s: s.replace("v0=", "v1=", 1)],
    ids=["upper-case-hex", "v1-prefix"],
)
def test_signature_variants_are_refused(slack: SlackHarness, mangle: Callable[[str], str]) -> None:
    """Case 7: the right HMAC in upper case, or under a `v1=` prefix -> 401."""
    body = _mention_body()
    headers = sign(body)
    headers["X-Slack-Signature"] = mangle(headers["X-Slack-Signature"])
    assert slack.post(body, headers).status_code == 401
    _assert_nothing_happened(slack)


def test_ssl_check_does_not_bypass_verification(slack: SlackHarness) -> None:
    """Case 8: a slash command body with ssl_check=1 and a bad signature -> 401."""
    body = command_form(QUESTION, slack.stub.response_url()) + b"&ssl_check=1"
    headers = sign(body, secret="not-the-secret")
    response = slack.post(body, headers, "application/x-www-form-urlencoded")
    assert response.status_code == 401
    slack.final("response/r1", 0)
    _assert_nothing_happened(slack)


def test_url_verification_must_be_signed(slack: SlackHarness) -> None:
    """Case 9: signed -> 200 with the identical challenge; unsigned -> 401."""
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "legacy", "challenge": challenge, "type": "url_verification"}).encode()
    signed = slack.post(body, sign(body))
    assert signed.status_code == 200
    assert signed.json() == {"challenge": challenge}
    unsigned = slack.post(body)
    assert unsigned.status_code == 401
    assert "challenge" not in unsigned.text


def test_route_is_absent_without_slack_settings(make_settings: Callable[..., Settings]) -> None:
    """Without both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET nothing is mounted."""
    from fastapi import FastAPI

    from service.slack.http import mount_slack

    app = FastAPI()
    settings = make_settings(SLACK_BOT_TOKEN="xoxb-only-the-token")
    assert mount_slack(app, settings, lambda: None, lambda: None) is None  # type: ignore[arg-type, return-value]
    assert all(getattr(r, "path", "") != "/slack/events" for r in app.routes)


def test_the_service_app_mounts_slack_when_configured(make_settings: Any, engine: Any) -> None:
    """The serving process's app serves POST /slack/events (with its middleware) once Slack is set."""
    import httpx as httpx_module
    from slack_sdk.signature import SignatureVerifier

    from tests.support.server import serve_app

    secret = "integration-secret"
    settings = make_settings(SLACK_BOT_TOKEN="xoxb-integration", SLACK_SIGNING_SECRET=secret)
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"})
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp}
    with serve_app(settings, engine=engine) as url:
        signed = httpx_module.post(
            url + "/slack/events", content=body, headers={**headers, "X-Slack-Signature": signature}, timeout=10
        )
        assert signed.status_code == 200 and signed.json() == {"challenge": "abc123"}
        unsigned = httpx_module.post(url + "/slack/events", content=body, headers=headers, timeout=10)
        assert unsigned.status_code == 401
    plain = make_settings()
    with serve_app(plain, engine=engine) as url:
        assert httpx_module.post(url + "/slack/events", content=body, headers=headers, timeout=10).status_code == 404
