"""`/v1/admin`: operations on the running service (guarded like every /v1 route)."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from service.api.problems import problem_responses
from service.api.reload import IndexWatcher

router = APIRouter(prefix="/v1/admin", tags=["admin"])


class ReloadOut(BaseModel):
    index_version: str | None
    reloaded: bool


@router.post(
    "/reload",
    response_model=ReloadOut,
    responses=problem_responses(401, 409, 429, 500, 503),
    summary="Swap to a newly published index now (instead of at the next poll)",
)
async def reload_index(request: Request) -> ReloadOut:
    """Load the version `index/CURRENT` names, if new (or if none is loaded yet; a refused one
    is tried again); 409 when it is refused (the old one serves on), 503 when none serves."""
    watcher: IndexWatcher = request.app.state.index_watcher
    outcome = await anyio.to_thread.run_sync(lambda: watcher.check(force=True))
    request.app.state.cited.require_engine()  # 503 with the cause when no index could be loaded
    if outcome.error is not None:
        name = outcome.version or "named by CURRENT"
        raise HTTPException(409, f"index {name} refused, still serving the previous one: {outcome.error}")
    return ReloadOut(index_version=outcome.version, reloaded=outcome.reloaded)
