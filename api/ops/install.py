"""Wire observability into an app: metrics registry, tracing provider, the request middleware."""

from __future__ import annotations

from fastapi import FastAPI

from api.ops.metrics import AppMetrics
from api.ops.middleware import ObservabilityMiddleware
from api.ops.tracing import build_provider
from devbizops.db import Database
from devbizops.settings import Settings


def install_observability(app: FastAPI, settings: Settings) -> None:
    """Call once in ``create_app``; ``app.state`` gets ``metrics`` and ``tracer_provider``."""

    def database() -> Database | None:
        # Opened by the lifespan; a scrape before startup simply has no run metrics yet.
        db: Database | None = getattr(app.state, "db", None)
        return db

    metrics = AppMetrics(settings, database)
    provider = build_provider(settings)
    app.state.metrics = metrics
    app.state.tracer_provider = provider
    tracer = provider.get_tracer("devbizops.api") if provider is not None else None
    app.add_middleware(ObservabilityMiddleware, metrics=metrics, tracer=tracer)
