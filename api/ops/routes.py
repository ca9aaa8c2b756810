"""Probes and metrics: /healthz, /readyz, /metrics; no authentication (the platform calls them)."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request, Response

from api.deps import DatabaseDep, SettingsDep
from api.ops import readiness
from api.ops.metrics import CONTENT_TYPE, AppMetrics

router = APIRouter(tags=["ops"])

# A probe must answer even when PostgreSQL hangs instead of refusing; the check thread is
# abandoned (it ends with its own socket timeout) and the probe reports the database as failed.
READY_TIMEOUT_SECONDS = 5.0


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up and serving HTTP."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "a dependency failed (see details)"}})
async def readyz(settings: SettingsDep, db: DatabaseDep) -> dict[str, object]:
    """PostgreSQL answers, the schema is at head and (executor celery) Redis answers PING."""
    checks: list[readiness.Check] = [
        readiness.Check("database", False, f"no answer within {READY_TIMEOUT_SECONDS:.0f}s")
    ]
    with anyio.move_on_after(READY_TIMEOUT_SECONDS):
        checks = await anyio.to_thread.run_sync(
            readiness.run_checks, settings, db, abandon_on_cancel=True
        )
    return readiness.verdict(checks)


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Prometheus text exposition (runs are read from PostgreSQL at scrape time)."""
    app_metrics: AppMetrics = request.app.state.metrics
    return Response(app_metrics.render(), media_type=CONTENT_TYPE)
