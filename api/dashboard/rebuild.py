"""Chart specs rebuilt from PostgreSQL, for an API host that does not hold the run's chart files.

With the Celery executor a worker on another host renders the files; the run's output keeps the
metrics, and the per-week series the charts also draw are recomputed from the stored facts of
the same period (the exact numbers the run saw unless facts of that period arrived since).
"""

from __future__ import annotations

import uuid
from typing import Any

from agents.dashboard.charts import chart_specs
from agents.dashboard.metrics import compute_series
from agents.dashboard.schemas import DashboardMetrics, DashboardSnapshot
from devbizops.db import Database
from memory.store import SqlGraphStore


def rebuilt_specs(db: Database, org_id: uuid.UUID, output: dict[str, Any]) -> dict[str, Any]:
    """``{name: Vega-Lite spec}`` of a dashboard run's output, without its files."""
    metrics = DashboardMetrics.model_validate(output["metrics"])
    start = metrics.period_start.date() if metrics.period_start else None
    end = metrics.period_end.date() if metrics.period_end else None  # its last (whole) day
    snapshot = SqlGraphStore(db.transaction).dashboard_snapshot(org_id, start, end)
    return chart_specs(metrics, compute_series(DashboardSnapshot.model_validate(snapshot)))
