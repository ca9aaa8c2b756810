"""Roadmap agent: score (RICE or WSJF) requirements and backlog items, rank them, forecast their
delivery from the team's throughput, and explain the order with computed values only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from agents.roadmap.delivery import WeekThroughput, apply_forecast
from agents.roadmap.forecast import DEFAULT_SEED, DEFAULT_TRIALS
from agents.roadmap.numbers import check_rationale_numbers
from agents.roadmap.ranking import rank
from agents.roadmap.rationale import rationale_task, write_rationale
from agents.roadmap.schemas import (
    BacklogItem,
    ForecastSummary,
    ItemForecast,
    Method,
    RiceScore,
    RiceWeights,
    Roadmap,
    RoadmapInput,
    RoadmapItem,
    RoadmapRequirement,
    WsjfScore,
    WsjfWeights,
)
from tools.llm.base import LanguageModel

__all__ = [
    "BacklogItem",
    "ForecastSummary",
    "ItemForecast",
    "RiceScore",
    "RiceWeights",
    "Roadmap",
    "RoadmapInput",
    "RoadmapItem",
    "RoadmapRequirement",
    "WeekThroughput",
    "WsjfScore",
    "WsjfWeights",
    "apply_forecast",
    "build_roadmap",
    "explain",
    "rank",
    "rationale_task",
    "write_rationale",
]


def explain(
    items: Sequence[RoadmapItem],
    method: Method,
    forecast: ForecastSummary | None,
    llm: LanguageModel,
) -> Roadmap:
    """Have ``llm`` word the rationale, and reject it if it shows a number code did not compute."""
    task = rationale_task(items, method, forecast)
    rationale = llm.write(task)
    # Every provider, the offline one included, goes through the check: numbers come from code.
    check_rationale_numbers(rationale, task.facts)
    return Roadmap(method=method, items=list(items), rationale=rationale, forecast=forecast)


def build_roadmap(
    data: RoadmapInput,
    llm: LanguageModel,
    *,
    history: Sequence[WeekThroughput] | None = None,
    start: date | None = None,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
) -> Roadmap:
    """Rank in code, forecast when a throughput history and start are given, then explain."""
    items = rank(data)
    summary: ForecastSummary | None = None
    if history is not None and start is not None:
        items, summary = apply_forecast(
            items, history, start, data.weights, trials=trials, seed=seed
        )
    return explain(items, data.method, summary, llm)
