"""Prometheus metrics of one app, in a registry of its own (several apps can share a process,
as they do in the tests)."""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """Request count and latency per route template, abstentions, indexed units."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "cited_http_requests",
            "HTTP requests by method, route template and status code.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "cited_http_request_duration_seconds",
            "Time from request start to the end of the response, by route template.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.abstentions = Counter(
            "cited_abstentions",
            "Asks that abstained: no unit was good enough evidence.",
            registry=self.registry,
        )
        self.asks = Counter("cited_asks", "Asks answered (abstained or not).", registry=self.registry)
        self.index_units = Gauge(
            "cited_index_units",
            "Units in the loaded index (0 until it is loaded).",
            registry=self.registry,
        )
        self.index_reloads = Counter(
            "cited_index_reloads",
            "Newly published index versions swapped in while serving.",
            registry=self.registry,
        )
        self.index_reload_failures = Counter(
            "cited_index_reload_failures",
            "Published index versions refused (the old one kept serving).",
            registry=self.registry,
        )

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one finished request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def render(self) -> bytes:
        """The text exposition format."""
        return generate_latest(self.registry)
