"""Probes, metrics and the chat page: everything outside `/v1`."""

from __future__ import annotations

from pathlib import Path

import anyio
from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from service.api.deps import StateDep
from service.api.models import HealthOut, ReadyOut
from service.api.problems import problem_responses

STATIC_DIR = Path(__file__).parent / "static"

# The page loads only its own script and style; nothing from elsewhere, nothing inline.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

router = APIRouter()


@router.get(
    "/healthz", response_model=HealthOut, tags=["probes"], summary="The process is up (does not wait for the index)"
)
async def healthz() -> HealthOut:
    """Always 200 while the process serves requests."""
    return HealthOut()


# Uptime monitors and load balancers often probe with HEAD; one route for both methods would
# give the OpenAPI schema two operations with one id.
@router.head("/healthz", include_in_schema=False)
async def healthz_head() -> Response:
    """200, no body, while the process serves requests."""
    return Response()


@router.get(
    "/readyz",
    response_model=ReadyOut,
    tags=["probes"],
    responses=problem_responses(503),
    summary="The index is loaded and the conversation store answers",
)
async def readyz(state: StateDep) -> ReadyOut:
    """200 once the engine is loaded and while the conversation store answers; 503 with the
    cause otherwise. Ready again by itself once the store is back."""
    engine = state.require_engine()
    # A worker thread outside the retrieval slots; fails fast while an outage is known.
    await anyio.to_thread.run_sync(state.store.ping)
    return ReadyOut(index_version=engine.version, units=state.units)


@router.get(
    "/metrics",
    tags=["probes"],
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text"}},
    summary="Prometheus metrics",
)
async def metrics(state: StateDep) -> Response:
    """Request counts and latencies per route, abstentions, indexed units."""
    return Response(state.metrics.render(), media_type=state.metrics.content_type)


@router.get("/", include_in_schema=False)
async def page() -> FileResponse:
    """The chat page."""
    return FileResponse(
        STATIC_DIR / "index.html",
        media_type="text/html",
        headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"},
    )
