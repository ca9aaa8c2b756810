"""InvestorDashboard agent: metrics computed in code, a narrative whose numbers are checked."""

from __future__ import annotations

from agents.dashboard.metrics import compute_metrics, compute_series
from agents.dashboard.narrative import check_numbers, narrative_task, write_narrative
from agents.dashboard.schemas import Dashboard, DashboardMetrics, DashboardSnapshot
from tools.llm.base import LanguageModel

__all__ = [
    "Dashboard",
    "DashboardMetrics",
    "DashboardSnapshot",
    "build_dashboard",
    "check_numbers",
    "compute_metrics",
    "compute_series",
    "narrate",
    "narrative_task",
    "write_narrative",
]


def narrate(metrics: DashboardMetrics, llm: LanguageModel) -> str:
    """Have ``llm`` word the metrics; LLMOutputError if it shows a number it made up."""
    narrative = llm.write(narrative_task(metrics))
    # Every provider, the offline one included, goes through the check: numbers come from code.
    check_numbers(narrative, metrics)
    return narrative


def build_dashboard(snapshot: DashboardSnapshot, llm: LanguageModel) -> Dashboard:
    """Compute the metrics, have ``llm`` word them, and reject any number it made up."""
    metrics = compute_metrics(snapshot)
    return Dashboard(
        metrics=metrics, narrative=narrate(metrics, llm), series=compute_series(snapshot)
    )
