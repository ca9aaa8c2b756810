"""InvestorDashboard graph state."""

from __future__ import annotations

from typing import Any, TypedDict

from pydantic import BaseModel


class DashboardRequest(BaseModel):
    """Input of graph ``dashboard``: nothing yet — it reads the organization's stored data."""


class DashboardInput(TypedDict, total=False):
    pass


class DashboardOutput(TypedDict, total=False):
    metrics: dict[str, Any]
    narrative: str


class DashboardState(DashboardInput, DashboardOutput, total=False):
    snapshot: dict[str, Any]
