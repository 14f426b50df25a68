"""Every error the API sends is `application/problem+json` (RFC 9457), built here.

The error tree of `service.errors` is mapped to HTTP exactly once, in `CITED_STATUS`.
Validation errors never echo the offending input: it may be huge, hostile, or a lone
surrogate that cannot even be encoded as JSON (docs/reliability.md, "Library defaults").
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.models import Problem, ProblemError
from service.api.state import EngineNotReady
from service.errors import (
    BadInput,
    CitedError,
    Conflict,
    CorpusError,
    IndexError_,
    NotFound,
    StoreBusy,
    StoreUnavailable,
)
from service.logs import request_id_var
from service.schemas import COMMENT_PATTERN, QUESTION_PATTERN, UNIT_ID_PATTERN

PROBLEM_MEDIA_TYPE = "application/problem+json"
MAX_DETAIL_CHARS = 500
MAX_ERRORS = 20
RETRY_AFTER_LOADING = "5"
RETRY_AFTER_STORE = "5"
# The cause names the database server or file: logged (service.conversations.guard), not sent.
STORE_DETAIL = "conversation store unavailable; retry later"
STORE_BUSY_DETAIL = "conversation store unavailable: a statement waited too long, most likely for a lock; retry later"

logger = logging.getLogger("cited.api")

# (error class, status, problem type slug, title); the first match wins. StoreUnavailable is
# mapped before these: its detail is fixed and it carries Retry-After.
CITED_STATUS: tuple[tuple[type[CitedError], int, str, str], ...] = (
    (NotFound, 404, "not-found", "Not found"),
    (Conflict, 409, "conflict", "Conflict"),
    (BadInput, 422, "bad-input", "Bad input"),
    (IndexError_, 503, "index-unavailable", "Index unavailable"),
    (CorpusError, 503, "corpus-unavailable", "Corpus unavailable"),
)

_PATTERN_MESSAGES = {
    QUESTION_PATTERN: "must contain a visible character and no control characters",
    COMMENT_PATTERN: "must not contain control characters",
    UNIT_ID_PATTERN: "must not contain control characters",
}
_IDENTIFIER_MESSAGE = "may contain only letters, digits, '_', '.', ':' and '-'"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def safe_text(value: str, limit: int = MAX_DETAIL_CHARS) -> str:
    """Text that always encodes as UTF-8 (lone surrogates become '?'), cut to `limit`."""
    text = value.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "..."


def problem_type(slug: str) -> str:
    """The URI naming one kind of problem."""
    return f"urn:cited:problem:{slug}"


def problem_response(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    headers: Mapping[str, str] | None = None,
    errors: list[ProblemError] | None = None,
) -> ProblemResponse:
    """A problem+json response carrying the current request id."""
    body = Problem(
        type=type_,
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=safe_text(detail),
        request_id=request_id_var.get(),
        errors=errors,
    )
    return ProblemResponse(body.model_dump(exclude_none=True), status_code=status, headers=dict(headers or {}))


def internal_error_response() -> ProblemResponse:
    """The 500 body: no message, path or traceback, just the id to find it in the log."""
    return problem_response(500, "internal error", type_=problem_type("internal"))


def _where(loc: Sequence[str | int]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "path", "query", "header"}:
        parts = parts[1:] or parts
    return ".".join(parts) or "request"


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(str(ctx.get("pattern")), _IDENTIFIER_MESSAGE)
    if kind == "json_invalid":
        return f"invalid JSON: {ctx.get('error', 'cannot be decoded')}"
    return str(error.get("msg", "invalid value"))


def _error(error: Mapping[str, Any]) -> ProblemError:
    loc = [p if isinstance(p, int) else safe_text(str(p), 100) for p in error.get("loc", ())]
    return ProblemError(
        loc=loc, msg=safe_text(_message(error), 200), type=safe_text(str(error.get("type", "value_error")), 100)
    )


async def validation_problem(request: Request, exc: Exception) -> Response:
    """422 for a request that does not match its schema, without echoing any input."""
    assert isinstance(exc, RequestValidationError)
    errors = [_error(e) for e in exc.errors()[:MAX_ERRORS]]
    detail = "; ".join(f"{_where(e.loc)}: {e.msg}" for e in errors[:3]) or "invalid request"
    return problem_response(422, detail, title="Invalid request", type_=problem_type("invalid-request"), errors=errors)


async def http_problem(request: Request, exc: Exception) -> Response:
    """Starlette's and FastAPI's HTTP errors (404, 405, 413, ...) as problems."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=exc.headers)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return problem_response(exc.status_code, detail, headers=exc.headers)


async def cited_problem(request: Request, exc: Exception) -> Response:
    """The error tree of `service.errors`, mapped once."""
    assert isinstance(exc, CitedError)
    if isinstance(exc, StoreUnavailable):
        return problem_response(
            503,
            STORE_BUSY_DETAIL if isinstance(exc, StoreBusy) else STORE_DETAIL,
            title="Conversation store unavailable",
            type_=problem_type("store-unavailable"),
            headers={"Retry-After": RETRY_AFTER_STORE},
        )
    for cls, status, slug, title in CITED_STATUS:
        if isinstance(exc, cls):
            loading = isinstance(exc, EngineNotReady) and exc.loading
            headers = {"Retry-After": RETRY_AFTER_LOADING} if loading else {}
            return problem_response(status, str(exc) or title, title=title, type_=problem_type(slug), headers=headers)
    logger.error("unmapped error: %s", type(exc).__name__, exc_info=exc)
    return internal_error_response()


def install_problem_handlers(app: FastAPI) -> None:
    """Register the handlers above on `app`."""
    app.add_exception_handler(RequestValidationError, validation_problem)
    app.add_exception_handler(StarletteHTTPException, http_problem)
    app.add_exception_handler(CitedError, cited_problem)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries documenting problem+json bodies for `statuses`."""
    schema = {"$ref": "#/components/schemas/Problem"}
    return {
        status: {"description": HTTPStatus(status).phrase, "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}}}
        for status in statuses
    }


def install_problem_schema(app: FastAPI) -> None:
    """Add the `Problem` schema to the app's OpenAPI components (the responses refer to it)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            definition = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(definition.pop("$defs", {}))
            schemas["Problem"] = definition
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
