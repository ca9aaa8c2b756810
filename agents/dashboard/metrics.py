"""Dashboard metrics: plain counting and arithmetic over a snapshot, no model involved."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from agents.dashboard.correlation import compute_correlation, lead_time_rows
from agents.dashboard.dora import compute_dora, weekly_trend
from agents.dashboard.flow import compute_flow
from agents.dashboard.period import Period
from agents.dashboard.saas import compute_saas
from agents.dashboard.schemas import (
    FINISHED_STATUSES,
    SUCCEEDED,
    DashboardMetrics,
    DashboardSeries,
    DashboardSnapshot,
    TopRoadmapItem,
)
from agents.techtranslator.schemas import CATEGORIES, PRIORITIES, Category, Priority

TOP_ITEMS = 5


def _success_rate(statuses: Counter[str]) -> float | None:
    finished = sum(count for status, count in statuses.items() if status in FINISHED_STATUSES)
    if finished == 0:
        return None
    return round(statuses[SUCCEEDED] / finished, 4)


def _median_seconds(snapshot: DashboardSnapshot) -> float | None:
    durations = [r.duration_seconds for r in snapshot.runs if r.duration_seconds is not None]
    return round(statistics.median(durations), 2) if durations else None


def snapshot_period(snapshot: DashboardSnapshot) -> Period | None:
    """The period of the synced facts, when the snapshot has facts and both bounds."""
    if snapshot.sources is None or snapshot.period_start is None or snapshot.period_end is None:
        return None
    return Period(start=snapshot.period_start, end=snapshot.period_end)


def compute_series(snapshot: DashboardSnapshot) -> DashboardSeries:
    """The charts' per-week and per-request values (empty without synced facts)."""
    period, facts = snapshot_period(snapshot), snapshot.sources
    if period is None or facts is None:
        return DashboardSeries()
    return DashboardSeries(
        dora_weeks=weekly_trend(facts.deployments, facts.pull_requests, period),
        request_lead_times=lead_time_rows(facts.shipped, period),
    )


def compute_metrics(snapshot: DashboardSnapshot) -> DashboardMetrics:
    """Compute every dashboard number from the snapshot."""
    by_category: dict[Category, int] = dict.fromkeys(CATEGORIES, 0)
    by_priority: dict[Priority, int] = dict.fromkeys(PRIORITIES, 0)
    accounts: set[str] = set()
    for req in snapshot.requirements:
        by_category[req.category] += 1
        by_priority[req.priority] += 1
        # "Acme" and "acme " are the same customer as far as investors are concerned.
        if req.account and req.account.strip():
            accounts.add(req.account.strip().casefold())

    ranked = sorted(snapshot.roadmap_items, key=lambda item: (item.rank, item.key))
    statuses = Counter(run.status for run in snapshot.runs)
    return DashboardMetrics(
        requirements_total=len(snapshot.requirements),
        requirements_by_category=by_category,
        requirements_by_priority=by_priority,
        accounts_with_requirements=len(accounts),
        roadmap_items_total=len(snapshot.roadmap_items),
        roadmap_arr_at_stake=round(sum(item.arr_at_stake for item in ranked), 2),
        top_roadmap_items=[
            TopRoadmapItem(key=item.key, score=round(item.score, 2)) for item in ranked[:TOP_ITEMS]
        ],
        runs_total=len(snapshot.runs),
        runs_by_status=dict(sorted(statuses.items())),
        run_success_rate=_success_rate(statuses),
        median_run_seconds=_median_seconds(snapshot),
        transcripts_count=snapshot.transcripts_count,
        source_events_total=sum(snapshot.source_events.values()),
        source_events_by_source=dict(sorted(snapshot.source_events.items())),
        period_start=snapshot.period_start,
        period_end=snapshot.period_end,
        **_source_metrics(snapshot),
    )


def _source_metrics(snapshot: DashboardSnapshot) -> dict[str, Any]:
    period, facts = snapshot_period(snapshot), snapshot.sources
    if period is None or facts is None:
        return {}
    return {
        "saas": compute_saas(facts.deals, period),
        "dora": compute_dora(facts.deployments, facts.pull_requests, period),
        "flow": compute_flow(facts.pull_requests, facts.issues, period),
        "correlation": compute_correlation(facts.shipped, facts.deals, period),
    }
