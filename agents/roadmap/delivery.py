"""Attach the Monte Carlo forecast to a ranked roadmap (see ``agents.roadmap.forecast``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from agents.roadmap.forecast import (
    DEFAULT_SEED,
    DEFAULT_TRIALS,
    quarter_end,
    simulate,
    week_end,
    weeks_until,
)
from agents.roadmap.schemas import ForecastSummary, ItemForecast, RiceWeights, RoadmapItem


class WeekThroughput(BaseModel):
    """What the team completed in one ISO week (Done issues resolved that week)."""

    week: date = Field(description="the Monday of the ISO week")
    points: float = Field(ge=0)
    items: int = Field(ge=0)


def item_size(item: RoadmapItem, unit: Literal["points", "items"], weights: RiceWeights) -> float:
    """An item's size in the throughput unit: story points, else effort × points per week."""
    if unit == "items":
        return 1.0
    points = item.rice.inputs.get("story_points")
    if isinstance(points, int | float):
        return float(points)
    return round(item.rice.effort * weights.points_per_week, 4)


def apply_forecast(
    items: Sequence[RoadmapItem],
    history: Sequence[WeekThroughput],
    start: date,
    weights: RiceWeights,
    *,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
) -> tuple[list[RoadmapItem], ForecastSummary]:
    """The items (in rank order) with P50/P85 dates and quarter fit, and how they were made."""
    ordered = sorted(items, key=lambda i: i.rank)
    unit: Literal["points", "items"] = "points" if sum(w.points for w in history) > 0 else "items"
    weekly = [w.points if unit == "points" else float(w.items) for w in history]
    last_day = quarter_end(start)
    sizes = [item_size(i, unit, weights) for i in ordered]
    has_throughput = bool(weekly) and max(weekly) > 0
    within = weeks_until(start, last_day)
    # No throughput at all: nothing can be dated, so every item is left unfit.
    weeks = (
        simulate(sizes, weekly, within_weeks=within, trials=trials, seed=seed)
        if has_throughput
        else []
    )
    forecasts: list[RoadmapItem] = []
    for index, item in enumerate(ordered):
        w = weeks[index] if weeks else None
        p50 = w.p50_week if w else None
        p85 = w.p85_week if w else None
        p85_date = week_end(start, p85) if p85 is not None else None
        forecast = ItemForecast(
            size=sizes[index],
            p50_week=p50,
            p85_week=p85,
            p50_date=week_end(start, p50).isoformat() if p50 is not None else None,
            p85_date=p85_date.isoformat() if p85_date else None,
            fits_quarter_probability=round(w.weeks_within / trials, 4) if w else 0.0,
            fits_quarter=p85_date is not None and p85_date <= last_day,
        )
        forecasts.append(item.model_copy(update={"forecast": forecast}))
    summary = ForecastSummary(
        start=start.isoformat(),
        quarter_end=last_day.isoformat(),
        unit=unit,
        trials=trials,
        seed=seed,
        weekly_throughput=weekly,
        mean_weekly_throughput=round(sum(weekly) / len(weekly), 4) if weekly else 0.0,
        items_fitting_quarter=sum(1 for i in forecasts if i.forecast and i.forecast.fits_quarter),
        status="ok" if has_throughput else "no_throughput",
    )
    return forecasts, summary
