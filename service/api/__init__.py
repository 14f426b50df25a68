"""The HTTP front door: `create_app(settings)` in `service.api.app`.

    app.py         the factory, lifespan (store, background engine load), middleware order
    state.py       what one app holds (settings, store, engine once loaded, limiters)
    deps.py        typed dependencies: state, store, API key, rate limit, JSON bodies
    routes.py      /v1: ask, documents, units, feedback, conversations
    pages.py       /healthz, /readyz, /metrics and the chat page (static/)
    problems.py    every error as application/problem+json, mapped once
    middleware.py  request id + log line + metrics + last-resort 500, body limit, CORS
    models.py      wire models beyond service.schemas
    metrics.py     Prometheus registry per app;  ratelimit.py  token buckets;  logs.py  logging
    server.py      the uvicorn options `cited serve` uses: request-head and keep-alive timeouts
"""
