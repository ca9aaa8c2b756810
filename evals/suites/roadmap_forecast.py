"""The agent's own Monte Carlo forecast, checked against the PM's expectations.

A case's ``throughput`` is person-weeks delivered per calendar week; the agent forecasts in story
points, so the eval gives it a constant weekly history of ``throughput × points_per_week`` points.
With constant throughput every trial agrees, so P50 = P85 = the whole week in which the stand-in's
fractional ``done_week`` falls (rounded up).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from agents.roadmap import RiceWeights, Roadmap, WeekThroughput
from evals.suites.roadmap_checks import Check

# A fixed Monday: the eval must not depend on the day it runs.
EVAL_START = date(2026, 1, 5)
HISTORY_WEEKS = 12


def constant_history(throughput: float, weights: RiceWeights) -> list[WeekThroughput]:
    """``HISTORY_WEEKS`` identical weeks delivering ``throughput`` person-weeks of points."""
    points = throughput * weights.points_per_week
    return [WeekThroughput(week=EVAL_START, points=points, items=0)] * HISTORY_WEEKS


def agent_forecast_checks(
    roadmap: Roadmap,
    total_weeks: tuple[float, float] | None,
    done_by_week: Mapping[str, float],
) -> list[Check]:
    """P50 ≤ P85, completion monotone in rank, total and named items within the PM's weeks."""
    items = sorted(roadmap.items, key=lambda i: i.rank)
    forecasts = [i.forecast for i in items]
    if not items or any(f is None or f.p85_week is None for f in forecasts):
        return [Check(name="agent_forecast_dated", ok=False, detail="an item has no P85 week")]
    p50 = [f.p50_week or 0 for f in forecasts if f]
    p85 = [f.p85_week or 0 for f in forecasts if f]
    ordered = p50 == sorted(p50) and p85 == sorted(p85)
    spread = all(a <= b for a, b in zip(p50, p85, strict=True))
    checks = [
        Check(
            name="agent_forecast_ordered",
            ok=ordered and spread,
            detail=None if ordered and spread else f"P50 {p50}, P85 {p85}",
        )
    ]
    if total_weeks is not None:
        low, high = total_weeks
        ok = low <= p85[-1] <= math.ceil(high)
        detail = None if ok else f"P85 of the last item {p85[-1]}, expected {low:g}-{high:g}"
        checks.append(Check(name="agent_forecast_total_weeks", ok=ok, detail=detail))
    by_key: dict[str, int] = {i.key: w for i, w in zip(items, p85, strict=True)}
    for key, week in done_by_week.items():
        got = by_key.get(key)
        ok = got is not None and got <= math.ceil(week)
        detail = None if ok else f"{key} P85 week {got}, expected by week {week:g}"
        checks.append(Check(name=f"agent_forecast_done_by:{key}", ok=ok, detail=detail))
    return checks


def p_weeks(roadmap: Roadmap) -> Sequence[tuple[str, int | None, int | None]]:
    """(key, P50 week, P85 week) in rank order."""
    return [
        (
            i.key,
            i.forecast.p50_week if i.forecast else None,
            i.forecast.p85_week if i.forecast else None,
        )
        for i in sorted(roadmap.items, key=lambda i: i.rank)
    ]
