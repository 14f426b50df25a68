"""The HTTP front door: `create_app(settings)` in `service.api.app`.

    app.py         the factory, lifespan (store, background engine load, index watcher),
                   middleware order; `mounts` add routes beside it (Slack's, from service.server)
    state.py       what one app holds (settings, store, engine once loaded, limiters)
    deps.py        typed dependencies: state, store, API key, rate limit, JSON bodies
    routes.py      /v1: ask, documents (GET), units, feedback, conversations
    documents.py   POST /v1/documents: add a document (admin token), rebuild, swap it in
    admin.py       POST /v1/admin/reload: swap to a newly published index now
    reload.py      IndexWatcher: polls index/CURRENT, loads and checks a new version beside
                   the old one (service.engine.load_engine, with the serving model), swaps it
                   in with one assignment, refuses a broken one
    pages.py       /healthz, /readyz, /metrics and the chat page (static/)
    problems.py    every error as application/problem+json, mapped once
    middleware.py  request id + log line + metrics + last-resort 500, body limit, CORS
    models.py      wire models beyond service.schemas
    metrics.py     Prometheus registry per app;  ratelimit.py  token buckets

Logging (and the request id every log line carries) is `service.logs`, shared with the
other front doors. The process that serves this app, and the uvicorn options it runs with
(request-head and keep-alive timeouts), is `service.server`.
"""
