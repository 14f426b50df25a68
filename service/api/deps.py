"""Typed dependencies: the app state, the API key check, the rate limit, the content type.

All are `async def`: none of them blocks, and FastAPI runs a plain `def` dependency on a
worker thread, one thread hop (and under load one more pool thread) per dependency per
request.
"""

from __future__ import annotations

import email.message
import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.state import AppState
from service.conversations import Store

UNAUTHORIZED_DETAIL = "a valid API key is required: send 'Authorization: Bearer <key>'"

_bearer = HTTPBearer(auto_error=False, description="The API key (CITED_API_KEY), when one is set.")


async def get_state(request: Request) -> AppState:
    """The state of the app serving this request."""
    state: AppState = request.app.state.cited
    return state


StateDep = Annotated[AppState, Depends(get_state)]


async def get_store(state: StateDep) -> Store:
    """The conversation store."""
    return state.store


StoreDep = Annotated[Store, Depends(get_store)]


async def require_api_key(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """401 unless the request carries the configured key as a bearer token.

    A missing and a wrong key get the same answer, and the comparison takes the same time
    whatever the key; a key in the query string is never looked at.
    """
    expected = state.settings.api_key
    if expected is None:
        return
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.get_secret_value().encode("utf-8")):
        raise HTTPException(401, UNAUTHORIZED_DETAIL, headers={"WWW-Authenticate": "Bearer"})


async def rate_limit(request: Request, state: StateDep) -> None:
    """429 with `Retry-After` when this client address has used up its requests."""
    limiter = state.rate_limiter
    if limiter is None:
        return
    client = request.client.host if request.client else "unknown"
    wait = limiter.acquire(client)
    if wait:
        raise HTTPException(429, f"too many requests; retry in {wait} s", headers={"Retry-After": str(wait)})


async def require_json(request: Request) -> None:
    """415 for a body that is not declared as JSON (no sniffing of undeclared bodies)."""
    declared = request.headers.get("content-type")
    if declared:
        message = email.message.Message()
        message["content-type"] = declared
        subtype = message.get_content_subtype()
        if message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json")):
            return
    raise HTTPException(415, "the request body must be JSON: send 'Content-Type: application/json'")
