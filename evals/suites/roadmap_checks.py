"""Sanity checks on a ranked roadmap and on the delivery forecast derived from its efforts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, Field

from agents.roadmap import Roadmap, RoadmapInput

RICE_TOLERANCE = 1e-3  # components and score are rounded to 4 decimals by the agent


class Check(BaseModel):
    """One named sanity check and, when it fails, why."""

    name: str
    ok: bool
    detail: str | None = None


class ForecastRow(BaseModel):
    """When an item would be done if the team works the roadmap top-down at ``throughput``."""

    key: str
    effort_weeks: float
    done_week: float
    p50_week: int | None = Field(default=None, description="the agent's Monte Carlo P50 week")
    p85_week: int | None = Field(default=None, description="the agent's Monte Carlo P85 week")


def structure_checks(data: RoadmapInput, roadmap: Roadmap) -> list[Check]:
    """Ranks 1..n, scores non-increasing, RICE arithmetic exact, every input key accounted for."""
    items = roadmap.items
    ranks = [i.rank for i in items]
    # The score of the ranking method (RICE unless the case asks for WSJF).
    scores = [i.score if i.score is not None else i.rice.score for i in items]
    bad_math = [
        i.key
        for i in items
        if abs(i.rice.reach * i.rice.impact * i.rice.confidence / i.rice.effort - i.rice.score)
        > RICE_TOLERANCE
    ]
    seen = Counter([i.key for i in items] + [k for i in items for k in i.merged_requirements])
    inputs = [r.key for r in data.requirements] + [b.key for b in data.backlog]
    lost = [k for k in inputs if seen[k] == 0]
    twice = sorted(k for k, n in seen.items() if n > 1)
    return [
        Check(
            name="ranks_contiguous",
            ok=ranks == list(range(1, len(items) + 1)),
            detail=None if ranks == list(range(1, len(items) + 1)) else f"ranks {ranks}",
        ),
        Check(
            name="scores_descending",
            ok=scores == sorted(scores, reverse=True),
            detail=None if scores == sorted(scores, reverse=True) else f"scores {scores}",
        ),
        Check(
            name="rice_arithmetic",
            ok=not bad_math,
            detail=f"score != R×I×C/E for {bad_math}" if bad_math else None,
        ),
        Check(
            name="inputs_accounted_for",
            ok=not lost and not twice,
            detail=f"missing {lost}, duplicated {twice}" if lost or twice else None,
        ),
    ]


def forecast(roadmap: Roadmap, throughput: float) -> list[ForecastRow]:
    """Cumulative effort divided by throughput (person-weeks delivered per calendar week)."""
    rows, total = [], 0.0
    for item in roadmap.items:
        total += item.rice.effort
        rows.append(
            ForecastRow(
                key=item.key, effort_weeks=item.rice.effort, done_week=round(total / throughput, 4)
            )
        )
    return rows


def forecast_checks(
    rows: Sequence[ForecastRow],
    total_weeks: tuple[float, float] | None,
    done_by_week: Mapping[str, float],
) -> list[Check]:
    """Positive efforts, the total inside the PM's plausible range, named items done in time."""
    checks = [
        Check(
            name="forecast_efforts_positive",
            ok=all(r.effort_weeks > 0 for r in rows),
            detail=None if all(r.effort_weeks > 0 for r in rows) else "an effort is <= 0",
        ),
    ]
    if total_weeks is not None and rows:
        low, high = total_weeks
        total = rows[-1].done_week
        ok = low <= total <= high
        checks.append(
            Check(
                name="forecast_total_weeks",
                ok=ok,
                detail=None if ok else f"{total:g} weeks, expected {low:g}-{high:g}",
            )
        )
    done = {r.key: r.done_week for r in rows}
    for key, week in done_by_week.items():
        actual = done.get(key)
        ok = actual is not None and actual <= week
        detail = None if ok else f"{key} done at week {actual}, expected by week {week:g}"
        checks.append(Check(name=f"forecast_done_by:{key}", ok=ok, detail=detail))
    return checks
