"""InvestorDashboard's data: an org's snapshot in, metrics and a narrative out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from agents.dashboard.correlation import CorrelationMetrics, ShippedRequestRow
from agents.dashboard.dora import DoraMetrics, DoraWeek
from agents.dashboard.facts import SourceFacts
from agents.dashboard.flow import FlowMetrics
from agents.dashboard.saas import SaasMetrics
from agents.techtranslator.schemas import Category, Priority

# Run statuses that mean the run will not change any more; the rest are still in flight.
FINISHED_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
SUCCEEDED = "succeeded"


class SnapshotRequirement(BaseModel):
    """One extracted requirement, reduced to what the dashboard counts."""

    category: Category
    priority: Priority
    account: str | None = None


class SnapshotRoadmapItem(BaseModel):
    """One ranked roadmap entry, reduced to what the dashboard shows."""

    rank: int = Field(ge=1)
    key: str
    score: float
    category: Category | None = None
    priority: Priority | None = None
    arr_at_stake: float = Field(default=0, ge=0)


class SnapshotRun(BaseModel):
    """One graph run and how it ended (``duration_seconds`` is None while it runs)."""

    graph_id: str
    status: str
    duration_seconds: float | None = Field(default=None, ge=0)


class DashboardSnapshot(BaseModel):
    """Everything the repository layer loads for one org and period."""

    requirements: list[SnapshotRequirement] = Field(default_factory=list)
    roadmap_items: list[SnapshotRoadmapItem] = Field(default_factory=list)
    runs: list[SnapshotRun] = Field(default_factory=list)
    transcripts_count: int = Field(default=0, ge=0)
    source_events: dict[str, int] = Field(
        default_factory=dict, description="synced timeline events per source (github, jira, crm)"
    )
    period_start: datetime | None = None
    period_end: datetime | None = None
    sources: SourceFacts | None = Field(
        default=None, description="synced GitHub/Jira/CRM facts; None: no source metrics"
    )


class TopRoadmapItem(BaseModel):
    """A leading roadmap entry: its key and RICE score rounded to 2 decimals."""

    key: str
    score: float


class DashboardMetrics(BaseModel):
    """The numbers investors see; every one of them is computed in code."""

    requirements_total: int
    requirements_by_category: dict[Category, int]
    requirements_by_priority: dict[Priority, int]
    accounts_with_requirements: int
    roadmap_items_total: int
    roadmap_arr_at_stake: float
    top_roadmap_items: list[TopRoadmapItem]
    runs_total: int
    runs_by_status: dict[str, int]
    run_success_rate: float | None = Field(description="succeeded / finished; None if none ended")
    median_run_seconds: float | None = Field(description="None when no run has a duration")
    transcripts_count: int
    source_events_total: int = 0
    source_events_by_source: dict[str, int] = Field(default_factory=dict)
    period_start: datetime | None = None
    period_end: datetime | None = None
    saas: SaasMetrics | None = None
    dora: DoraMetrics | None = None
    flow: FlowMetrics | None = None
    correlation: CorrelationMetrics | None = None


class DashboardSeries(BaseModel):
    """Per-week and per-request values the charts draw (not narrated, so not checked facts)."""

    dora_weeks: list[DoraWeek] = Field(default_factory=list)
    request_lead_times: list[ShippedRequestRow] = Field(default_factory=list)


class Dashboard(BaseModel):
    """The dashboard result: metrics plus a narrative whose numbers were checked against them."""

    metrics: DashboardMetrics
    narrative: str
    series: DashboardSeries = Field(default_factory=DashboardSeries)
