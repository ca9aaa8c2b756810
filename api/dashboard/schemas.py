"""What the dashboard endpoints return."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

ChartFormat = Literal["vega", "svg", "png"]


class ChartLinks(BaseModel):
    name: str
    title: str | None
    spec: dict[str, Any] | None = Field(description="the Vega-Lite spec")
    vega: str = Field(description="path of the Vega-Lite JSON spec")
    svg: str
    png: str


class DashboardOut(BaseModel):
    run_id: uuid.UUID
    graph_id: str
    finished_at: datetime | None
    metrics: dict[str, Any] = Field(description="SaaS, DORA, flow, correlation, … computed by code")
    narrative: str
    charts: list[ChartLinks]
