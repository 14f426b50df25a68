"""The FastAPI application, built by `create_app(settings)`; nothing is built at import time.

The serving process (`service.server`) adds Slack's HTTP mode through `mounts`, so this
front door never imports another. The lifespan opens the conversation store and loads the
engine on a background thread, so /healthz answers at once and /readyz says 503 (with the
cause) until the index is loaded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Protocol

import anyio
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware import Middleware

from service import __version__
from service.api import admin, documents, pages, routes
from service.api.deps import rate_limit, require_api_key
from service.api.documents import UPLOAD_PATH
from service.api.metrics import Metrics
from service.api.middleware import (
    REQUEST_ID_HEADER,
    BodyLimitMiddleware,
    ProblemCORSMiddleware,
    RequestContextMiddleware,
)
from service.api.problems import install_problem_handlers, install_problem_schema
from service.api.ratelimit import RateLimiter
from service.api.reload import IndexWatcher
from service.api.state import AppState
from service.chat import AskEngine
from service.conversations import Store, open_store
from service.conversations.guard import GuardedStore
from service.engine import load_engine
from service.settings import Settings


class Closeable(Protocol):
    """What a mount may return: something to close when the service stops."""

    def close(self) -> None: ...


# Something served beside the API on the same app (Slack's HTTP mode): called once with the
# app, the settings, and how to reach the engine and the store once the lifespan opened them.
# What it returns, if anything, is closed at shutdown (Slack's queued replies get their grace).
Mount = Callable[[FastAPI, Settings, Callable[[], AskEngine], Callable[[], Store]], Closeable | None]


def _middleware(settings: Settings, metrics: Metrics) -> list[Middleware]:
    """Outermost first: context (ids, logs, metrics, last-resort 500), body limit, CORS."""
    stack = [
        Middleware(RequestContextMiddleware, metrics=metrics),
        # A document upload may be as large as a document may be, plus its form fields.
        Middleware(
            BodyLimitMiddleware,
            max_bytes=settings.max_body_bytes,
            path_limits={UPLOAD_PATH: settings.max_document_bytes + settings.max_body_bytes},
        ),
    ]
    if settings.cors_origins:
        stack.append(
            Middleware(
                ProblemCORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", REQUEST_ID_HEADER],
                expose_headers=[REQUEST_ID_HEADER, "Retry-After"],
                allow_credentials=False,
                max_age=600,
            )
        )
    return stack


def create_app(
    settings: Settings,
    *,
    engine: AskEngine | None = None,
    store: Store | None = None,
    mounts: Sequence[Mount] = (),
) -> FastAPI:
    """The HTTP service for `settings`.

    `engine`, when given, is served as it is instead of being loaded from
    `settings.index_dir` (an engine already in memory: tests, an embedding process).
    `store`, when given, is the conversation store already opened (`cited serve` opens it
    before uvicorn starts, to refuse a bad one in one line); else the lifespan opens the one
    the settings name. Either way the app closes it at shutdown.
    `mounts` add routes served beside the API (`service.server` passes Slack's).
    """
    metrics = Metrics()
    rate_limiter = RateLimiter(settings.rate_limit_per_minute) if settings.rate_limit_per_minute else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = AppState(
            settings=settings,
            store=GuardedStore(store if store is not None else open_store(settings)),
            metrics=metrics,
            rate_limiter=rate_limiter,
            search_limiter=anyio.CapacityLimiter(settings.search_threads),
        )
        app.state.cited = state
        watcher = IndexWatcher(state, reload_engine)
        app.state.index_watcher = watcher
        if settings.index_poll_seconds > 0:
            watcher.start(settings.index_poll_seconds)
        if engine is not None:
            state.set_engine(engine)
        else:
            watcher.load_in_background()
        try:
            yield
        finally:
            watcher.stop()
            for mounted in closeables:  # before the store, which their queued work still uses
                await anyio.to_thread.run_sync(mounted.close)
            state.store.close()

    app = FastAPI(
        title="cited",
        version=__version__,
        summary="Retrieval-only answers over footnoted reports, with exact citations.",
        lifespan=lifespan,
        middleware=_middleware(settings, metrics),
    )
    install_problem_handlers(app)
    v1_guards = [Depends(rate_limit)]
    if settings.api_key is not None:
        v1_guards.append(Depends(require_api_key))
    app.include_router(routes.router, dependencies=v1_guards)
    app.include_router(admin.router, dependencies=v1_guards)
    # Uploads answer to the admin token, not the API key (service.api.documents).
    app.include_router(documents.router, dependencies=[Depends(rate_limit)])
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
    install_problem_schema(app)
    closeables = [
        mounted
        for mount in mounts
        if (mounted := mount(app, settings, lambda: app.state.cited.require_engine(), lambda: app.state.cited.store))
        is not None
    ]
    return app


def reload_engine(settings: Settings, serving: AskEngine | None) -> AskEngine:
    """Load the published index, with the model the serving engine already holds if any."""
    return load_engine(settings, embedder=getattr(serving, "embedder", None))
