"""The app's Prometheus registry: HTTP latency, scrape-time run metrics, process-wide counters.

Each app gets its own ``CollectorRegistry`` (tests build many apps in one process); the
process-wide counters of ``tools.telemetry`` (LLM, vendor adapters) and the process/GC metrics
of prometheus_client's default registry are served alongside through a forwarding collector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import Metric
from prometheus_client.registry import Collector

from api.ops.collectors import CeleryQueueCollector, RunsCollector
from devbizops.db import Database
from devbizops.settings import Settings

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# API latencies: sub-10 ms probes-like reads up to long SSE streams.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class _Forward(Collector):
    """Serves another registry's metrics (the process-wide one) from this registry."""

    def __init__(self, source: CollectorRegistry) -> None:
        self._source = source

    def collect(self) -> Iterator[Metric]:
        yield from self._source.collect()


class AppMetrics:
    """Everything ``/metrics`` of one app serves."""

    def __init__(self, settings: Settings, database: Callable[[], Database | None]) -> None:
        self.registry = CollectorRegistry()
        self.http_latency = Histogram(
            "devbizops_http_request_duration_seconds",
            "HTTP request latency by method, route template and status (probes excluded)",
            ["method", "route", "status"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.registry.register(RunsCollector(database))
        if settings.executor == "celery":
            self.registry.register(CeleryQueueCollector(settings))
        self.registry.register(_Forward(REGISTRY))

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Record one finished request under its route template (never the raw path)."""
        self.http_latency.labels(method=method, route=route, status=str(status)).observe(seconds)

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)
