"""Raw synced facts of one period, as the repository layer loads them (no metric here)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class DealFact(BaseModel):
    """A CRM deal with its stage history up to the period's end (oldest change first)."""

    id: str
    company_id: str | None = None
    kind: str | None = None  # new | expansion | contraction | renewal | churn
    amount: float = 0.0
    created_at: datetime | None = None
    closed_at: datetime | None = None
    stage: str  # current stage (may be later than the period's end)
    stages: list[tuple[str, datetime]] = Field(default_factory=list)


class DeployFact(BaseModel):
    """A production deployment: outcome, when it finished, and what restored it if it failed."""

    id: int
    repo: str
    created_at: datetime
    state: str | None = None
    finished_at: datetime  # last status (or creation when it has none)
    committed_at: datetime | None = None  # of the deployed commit
    restored_at: datetime | None = None  # finish of the next good prod deploy of the repo


class PullRequestFact(BaseModel):
    """A pull request and, when merged, the first good production deploy that shipped it."""

    repo: str
    number: int
    created_at: datetime
    merged_at: datetime | None = None
    deployed_at: datetime | None = None


class IssueFact(BaseModel):
    """A Jira issue or a GitHub issue, reduced to type and life span."""

    source: str  # jira | github
    key: str
    is_bug: bool
    created_at: datetime
    resolved_at: datetime | None = None


class ShippedFact(BaseModel):
    """A customer request (deal → Jira issue) and the production deploy that shipped it."""

    deal_id: str
    jira_key: str
    requested_at: datetime | None = None
    deployed_at: datetime


class SourceFacts(BaseModel):
    """Everything synced that the SaaS, DORA, flow and correlation metrics need."""

    deals: list[DealFact] = Field(default_factory=list)
    deployments: list[DeployFact] = Field(default_factory=list)
    pull_requests: list[PullRequestFact] = Field(default_factory=list)
    issues: list[IssueFact] = Field(default_factory=list)
    shipped: list[ShippedFact] = Field(default_factory=list)
