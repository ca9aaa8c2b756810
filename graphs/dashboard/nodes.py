"""Dashboard nodes: load stored facts, compute metrics in code, narrate only those numbers."""

from __future__ import annotations

from typing import Any

from langchain_core.runnables import RunnableConfig

from agents.dashboard import build_dashboard
from agents.dashboard.schemas import DashboardSnapshot
from graphs.context import run_ids
from graphs.dashboard.state import DashboardState
from memory.store import GraphStore
from tools.llm import LanguageModel


def load(state: DashboardState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """The organization's stored requirements, roadmap and runs."""
    org_id, _ = run_ids(config)
    return {"snapshot": store.dashboard_snapshot(org_id)}


def report(state: DashboardState, *, llm: LanguageModel) -> dict[str, Any]:
    """Metrics computed by code plus a narrative whose every number is checked against them."""
    dashboard = build_dashboard(DashboardSnapshot.model_validate(state["snapshot"]), llm)
    return {"metrics": dashboard.metrics.model_dump(mode="json"), "narrative": dashboard.narrative}
