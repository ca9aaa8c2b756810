"""The sandbox company in vendor-neutral form: what the generator makes and the servers serve.

Every vendor server renders these records into its own wire format (GitHub REST v3, Jira Cloud
REST v3, HubSpot CRM v3); the ground truth the tests check is computed from the same records.
All datetimes are timezone-aware UTC. Ids are stable for a given seed and size.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

# ---------------------------------------------------------------- GitHub


class GhUser(BaseModel):
    id: int
    login: str
    name: str
    email: str


class GhRepo(BaseModel):
    id: int
    name: str  # "api", full name is f"{org}/{name}"
    description: str
    default_branch: str = "main"
    private: bool = True
    created_at: datetime
    updated_at: datetime
    pushed_at: datetime
    language: str | None = None


class GhCommit(BaseModel):
    sha: str  # 40 hex chars
    repo: str
    author_login: str
    message: str
    authored_at: datetime
    committed_at: datetime
    pr_number: int | None = None


class GhPullRequest(BaseModel):
    repo: str
    number: int
    id: int
    title: str
    body: str
    author_login: str
    head_branch: str  # carries the Jira key, e.g. "feature/DBO-123-saml-sso"
    base_branch: str = "main"
    state: Literal["open", "closed"]
    draft: bool = False
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    merged_at: datetime | None = None
    merge_commit_sha: str | None = None
    first_commit_at: datetime  # of the PR's commits, for lead time
    commit_shas: list[str] = Field(default_factory=list)
    jira_keys: list[str] = Field(default_factory=list)  # keys mentioned in branch/title/body


class GhRelease(BaseModel):
    repo: str
    id: int
    tag_name: str  # "v1.4.0"
    name: str
    body: str
    target_commitish: str
    created_at: datetime
    published_at: datetime
    draft: bool = False
    prerelease: bool = False


class GhDeploymentStatus(BaseModel):
    id: int
    state: Literal["queued", "in_progress", "success", "failure", "error", "inactive"]
    created_at: datetime
    description: str = ""


class GhDeployment(BaseModel):
    repo: str
    id: int
    sha: str
    ref: str  # tag or branch
    environment: Literal["production", "staging"]
    creator_login: str
    created_at: datetime
    updated_at: datetime
    statuses: list[GhDeploymentStatus]  # oldest first; last one is the outcome
    # A failed production deploy is restored by a later deploy: id of that deploy, when any.
    restored_by: int | None = None
    rollback_of: int | None = None


class GhIssue(BaseModel):
    repo: str
    number: int
    id: int
    title: str
    body: str
    state: Literal["open", "closed"]
    labels: list[str] = Field(default_factory=list)
    author_login: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None


# ---------------------------------------------------------------- Jira


class JiraUser(BaseModel):
    account_id: str
    display_name: str
    email: str


class JiraSprint(BaseModel):
    id: int
    name: str  # "DBO Sprint 12"
    state: Literal["closed", "active", "future"]
    start: datetime
    end: datetime
    goal: str = ""


class JiraVersion(BaseModel):
    id: str
    name: str  # "2025.06"
    released: bool
    release_date: date | None = None


class JiraStatusChange(BaseModel):
    id: str
    at: datetime
    author_account_id: str
    from_status: str
    to_status: str


class JiraIssue(BaseModel):
    id: str  # numeric string, e.g. "10042"
    key: str  # "DBO-42"
    issue_type: Literal["Epic", "Story", "Bug", "Task"]
    summary: str
    description: str  # plain text; servers render it as Atlassian Document Format
    status: Literal["To Do", "In Progress", "In Review", "Done"]
    priority: Literal["Highest", "High", "Medium", "Low"]
    labels: list[str] = Field(default_factory=list)
    story_points: float | None = None
    epic_key: str | None = None
    sprint_ids: list[int] = Field(default_factory=list)
    fix_version_ids: list[str] = Field(default_factory=list)
    assignee_account_id: str | None = None
    reporter_account_id: str
    created: datetime
    updated: datetime
    resolved: datetime | None = None
    changelog: list[JiraStatusChange] = Field(default_factory=list)  # oldest first
    # CRM deals whose customers asked for this (feature requests), by HubSpot deal id.
    requested_by_deal_ids: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------- CRM (HubSpot)


class CrmStage(BaseModel):
    id: str  # "appointmentscheduled", "closedwon", ...
    label: str
    display_order: int
    probability: float  # 0..1; 1.0 closed won, 0.0 closed lost
    is_closed: bool


class CrmPipeline(BaseModel):
    id: str  # "default"
    label: str
    stages: list[CrmStage]


class CrmCompany(BaseModel):
    id: str  # numeric string
    name: str
    domain: str
    industry: str
    employees: int
    country: str
    created_at: datetime
    updated_at: datetime


class CrmStageChange(BaseModel):
    stage_id: str
    at: datetime


DealKind = Literal["new", "expansion", "contraction", "renewal", "churn"]


class CrmDeal(BaseModel):
    id: str  # numeric string
    name: str
    company_id: str
    pipeline_id: str = "default"
    stage_id: str  # current stage
    kind: DealKind
    amount: float  # annual contract value change in USD (churn/contraction: positive amount lost)
    create_date: datetime
    close_date: datetime | None  # set when closed (won or lost)
    updated_at: datetime
    stage_history: list[CrmStageChange]  # oldest first; last = current stage
    # Jira keys of feature requests this deal's customer raised (the deal's "blocking features").
    requested_issue_keys: list[str] = Field(default_factory=list)


class CrmNote(BaseModel):
    id: str
    body: str  # HTML allowed, as HubSpot stores hs_note_body
    timestamp: datetime
    company_id: str | None = None
    deal_id: str | None = None
    updated_at: datetime


# ---------------------------------------------------------------- the company


class SandboxCompany(BaseModel):
    """Everything one sandbox company has in GitHub, Jira and the CRM."""

    seed: int
    size: int
    name: str  # "Northwind Analytics"
    github_org: str  # "northwind-analytics"
    jira_project_key: str  # "DBO"
    jira_project_name: str
    start: datetime  # first day of the 18 months
    end: datetime  # the "now" of the sandbox
    gh_users: list[GhUser]
    repos: list[GhRepo]
    commits: list[GhCommit]
    pull_requests: list[GhPullRequest]
    releases: list[GhRelease]
    deployments: list[GhDeployment]
    gh_issues: list[GhIssue]
    jira_users: list[JiraUser]
    sprints: list[JiraSprint]
    versions: list[JiraVersion]
    jira_issues: list[JiraIssue]
    pipelines: list[CrmPipeline]
    companies: list[CrmCompany]
    deals: list[CrmDeal]
    notes: list[CrmNote]
