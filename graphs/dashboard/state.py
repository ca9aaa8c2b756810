"""InvestorDashboard graph state."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from pydantic import BaseModel, ConfigDict, model_validator


class DashboardRequest(BaseModel):
    """Input of graph ``dashboard``: an optional period of whole days (ISO dates, inclusive).

    Without one: the 90 days ending on the newest synced event's day (today when nothing is
    synced). One bound alone is completed to 90 days.
    """

    model_config = ConfigDict(extra="forbid")

    period_start: date | None = None
    period_end: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DashboardRequest:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class DashboardInput(TypedDict, total=False):
    period_start: str
    period_end: str


class DashboardOutput(TypedDict, total=False):
    metrics: dict[str, Any]
    narrative: str
    investor_update: str
    charts: dict[str, dict[str, str]]


class DashboardState(DashboardInput, DashboardOutput, total=False):
    snapshot: dict[str, Any]
    series: dict[str, Any]
