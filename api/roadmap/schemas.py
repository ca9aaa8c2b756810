"""What the roadmap endpoints return and accept."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ForecastOut(BaseModel):
    """Monte Carlo completion of one item: weeks from the forecast start and calendar dates."""

    unit: str
    size: float
    p50_week: int | None
    p85_week: int | None
    p50_date: date | None
    p85_date: date | None
    fits_quarter: bool
    fits_quarter_probability: float
    quarter_end: date


class RoadmapItemOut(BaseModel):
    rank: int
    key: str
    title: str
    source: str = Field(description="requirement | backlog")
    category: str | None
    priority: str | None
    method: str = Field(description="the score that orders the roadmap: rice | wsjf")
    score: float
    score_breakdown: dict[str, Any] = Field(
        description="RICE and WSJF inputs, values and the formula with numbers substituted"
    )
    accounts: list[Any]
    arr_at_stake: float
    forecast: ForecastOut | None


class RoadmapOut(BaseModel):
    run_id: uuid.UUID
    graph_id: str
    created_at: datetime
    method: str
    rationale: str | None = Field(description="the explanation written from computed values only")
    items: list[RoadmapItemOut]


class WeightsOut(BaseModel):
    """The weights in force for the org: stored values over the built-in defaults."""

    rice: dict[str, Any]
    wsjf: dict[str, Any]


class WeightsUpdate(BaseModel):
    """Fields to change per method; fields left out keep the value in force."""

    model_config = ConfigDict(extra="forbid")

    rice: dict[str, Any] | None = Field(default=None, examples=[{"points_per_week": 8}])
    wsjf: dict[str, Any] | None = Field(default=None, examples=[{"max_quotes": 2}])
