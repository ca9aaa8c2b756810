"""Dashboard nodes: load stored facts, compute metrics in code, chart and narrate only those."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from langchain_core.runnables import RunnableConfig

from agents.dashboard import narrate
from agents.dashboard.charts import chart_specs
from agents.dashboard.metrics import compute_metrics, compute_series
from agents.dashboard.schemas import DashboardMetrics, DashboardSeries, DashboardSnapshot
from agents.dashboard.update import investor_update
from graphs.context import run_ids
from graphs.dashboard.render import render_charts, write_text
from graphs.dashboard.state import DashboardState
from memory.store import GraphStore
from tools.llm import LanguageModel

UPDATE_FILE = "investor_update.md"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load(state: DashboardState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """The organization's stored requirements, roadmap and runs, and the period's synced facts."""
    org_id, _ = run_ids(config)
    snapshot = store.dashboard_snapshot(
        org_id, _day(state.get("period_start")), _day(state.get("period_end"))
    )
    # Validated here so the checkpoint holds JSON (datetimes as ISO strings).
    return {"snapshot": DashboardSnapshot.model_validate(snapshot).model_dump(mode="json")}


def metrics(state: DashboardState) -> dict[str, Any]:
    """Every metric and chart series, computed by code from the snapshot."""
    snapshot = DashboardSnapshot.model_validate(state["snapshot"])
    return {
        "metrics": compute_metrics(snapshot).model_dump(mode="json"),
        "series": compute_series(snapshot).model_dump(mode="json"),
    }


def charts_dir(config: RunnableConfig, root: Path) -> Path:
    """``<root>/<run id>``: one folder per run, so a rerun overwrites its own files only."""
    _, run_id = run_ids(config)
    return root / str(run_id)


def charts(state: DashboardState, config: RunnableConfig, *, root: Path) -> dict[str, Any]:
    """Vega-Lite specs of the metrics, rendered to SVG and PNG under the run's chart folder."""
    specs = chart_specs(
        DashboardMetrics.model_validate(state["metrics"]),
        DashboardSeries.model_validate(state.get("series") or {}),
    )
    return {"charts": render_charts(specs, charts_dir(config, root))}


def report(
    state: DashboardState, config: RunnableConfig, *, llm: LanguageModel, root: Path
) -> dict[str, Any]:
    """The narrative and the investor update, each rejected if it shows a number not computed."""
    metrics = DashboardMetrics.model_validate(state["metrics"])
    narrative = narrate(metrics, llm)
    update = investor_update(metrics, narrative, state.get("charts") or {})
    write_text(charts_dir(config, root), UPDATE_FILE, update)
    return {"narrative": narrative, "investor_update": update}
