"""The optional guards: API key, per-client rate limit, CORS, and the JSON request log
(docs/reliability.md, "HTTP API")."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from service.api.ratelimit import RateLimiter
from service.logs import JsonFormatter, TextFormatter
from service.settings import Settings
from tests.support.server import serve_app

KEY = "correct horse battery staple"
ALLOWED = "https://reports.example.org"


def without_request_id(response: httpx.Response) -> dict[str, Any]:
    body = dict(response.json())
    body.pop("request_id")
    return body


def test_api_key(make_settings: Callable[..., Settings], engine: Any) -> None:
    with serve_app(make_settings(api_key=KEY), engine) as url:
        missing = httpx.get(f"{url}/v1/documents")
        wrong = httpx.get(f"{url}/v1/documents", headers={"Authorization": "Bearer nope"})
        basic = httpx.get(f"{url}/v1/documents", auth=("user", KEY))
        in_query = httpx.get(f"{url}/v1/documents", params={"api_key": KEY, "key": KEY})
        for response in (missing, wrong, basic, in_query):
            assert response.status_code == 401
            assert response.headers["content-type"] == "application/problem+json"
            assert response.headers["www-authenticate"] == "Bearer"
            assert without_request_id(response) == without_request_id(missing)
        assert KEY not in missing.text
        good = {"Authorization": f"Bearer {KEY}"}
        assert httpx.get(f"{url}/v1/documents", headers=good).status_code == 200
        asked = httpx.post(f"{url}/v1/ask", json={"question": "Who leads the Taliban?"}, headers=good, timeout=30)
        assert asked.status_code == 200
        unauthorised_ask = httpx.post(f"{url}/v1/ask", json={"question": "x"})
        assert unauthorised_ask.status_code == 401  # before the body is even validated
        for open_path in ("/healthz", "/readyz", "/", "/metrics", "/openapi.json"):
            assert httpx.get(f"{url}{open_path}").status_code == 200, open_path
        schema = httpx.get(f"{url}/openapi.json").json()
        assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_rate_limit_per_client(make_settings: Callable[..., Settings], engine: Any) -> None:
    with serve_app(make_settings(rate_limit_per_minute=3), engine) as url:
        first = httpx.Client(base_url=url)
        second = httpx.Client(base_url=url, transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        with first, second:
            assert [first.get("/v1/documents").status_code for _ in range(3)] == [200] * 3
            limited = first.get("/v1/documents")
            assert limited.status_code == 429
            assert limited.headers["content-type"] == "application/problem+json"
            retry_after = limited.headers["retry-after"]
            assert retry_after.isdigit() and 1 <= int(retry_after) <= 60
            assert first.get("/healthz").status_code == 200  # probes are not limited
            assert second.get("/v1/documents").status_code == 200  # another client


def test_rate_limiter_refills_over_time() -> None:
    now = [1000.0]
    limiter = RateLimiter(6, clock=lambda: now[0])  # one token every 10 s
    assert [limiter.acquire("a") for _ in range(6)] == [0] * 6
    assert limiter.acquire("a") == 10
    now[0] += 5
    assert limiter.acquire("a") == 5
    now[0] += 5
    assert limiter.acquire("a") == 0
    assert limiter.acquire("b") == 0


def test_cors_only_for_configured_origins(make_settings: Callable[..., Settings], engine: Any) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    with serve_app(make_settings(cors_origins=[ALLOWED]), engine) as url:
        foreign = httpx.options(f"{url}/v1/ask", headers={**preflight, "Origin": "https://evil.example"})
        assert foreign.status_code == 400
        assert "access-control-allow-origin" not in foreign.headers
        assert foreign.headers["content-type"] == "application/problem+json"
        allowed = httpx.options(f"{url}/v1/ask", headers={**preflight, "Origin": ALLOWED})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == ALLOWED
        simple = httpx.get(f"{url}/v1/documents", headers={"Origin": ALLOWED})
        assert simple.headers["access-control-allow-origin"] == ALLOWED
        other = httpx.get(f"{url}/v1/documents", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with serve_app(make_settings(), engine) as url:
        response = httpx.options(f"{url}/v1/ask", headers={**preflight, "Origin": ALLOWED})
        assert "access-control-allow-origin" not in response.headers


def test_wildcard_origin_is_refused_by_settings(make_settings: Callable[..., Settings]) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        make_settings(cors_origins=["*"])


def test_one_structured_log_line_per_request(
    make_settings: Callable[..., Settings],
    engine: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="cited")
    with serve_app(make_settings(log_format="json"), engine) as url:
        response = httpx.get(f"{url}/v1/units/nope?token=secret")
    lines = [r for r in caplog.records if r.name == "cited.api" and r.getMessage() == "request"]
    assert len(lines) == 1
    line = json.loads(JsonFormatter().format(lines[0]))
    assert line["msg"] == "request" and line["level"] == "info"
    assert line["request_id"] == response.headers["x-request-id"]
    assert (line["method"], line["path"], line["route"], line["status"]) == (
        "GET",
        "/v1/units/nope",
        "/v1/units/{unit_id}",
        404,
    )
    assert isinstance(line["ms"], float)
    assert "secret" not in json.dumps(line)
    assert "GET" in TextFormatter().format(lines[0])
