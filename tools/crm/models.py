"""What the agents get from the CRM: vendor-neutral records parsed from HubSpot's objects."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

# Our custom HubSpot properties (plain strings in HubSpot, like every custom property).
DEAL_KIND = "deal_kind"
REQUESTED_ISSUE_KEYS = "requested_issue_keys"  # semicolon-separated Jira keys
IDEMPOTENCY_KEY = "devbizops_idempotency_key"  # on notes we create

COMPANY_PROPERTIES: tuple[str, ...] = (
    "name",
    "domain",
    "industry",
    "numberofemployees",
    "country",
    "createdate",
    "hs_lastmodifieddate",
)
DEAL_PROPERTIES: tuple[str, ...] = (
    "dealname",
    "amount",
    "dealstage",
    "pipeline",
    "closedate",
    "createdate",
    "hs_lastmodifieddate",
    DEAL_KIND,
    REQUESTED_ISSUE_KEYS,
)
NOTE_PROPERTIES: tuple[str, ...] = ("hs_note_body", "hs_timestamp", IDEMPOTENCY_KEY)


class Company(BaseModel):
    id: str
    name: str | None = None
    domain: str | None = None
    industry: str | None = None
    employees: int | None = None
    country: str | None = None
    created_at: datetime
    updated_at: datetime
    properties: dict[str, str | None] = Field(default_factory=dict)  # everything HubSpot sent


class StageChange(BaseModel):
    stage_id: str
    at: datetime


class Deal(BaseModel):
    id: str
    name: str | None = None
    amount: float | None = None
    pipeline_id: str | None = None
    stage_id: str | None = None
    kind: str | None = None
    close_date: datetime | None = None
    created_at: datetime
    updated_at: datetime
    requested_issue_keys: list[str] = Field(default_factory=list)
    company_ids: list[str] = Field(default_factory=list)
    stage_history: list[StageChange] = Field(default_factory=list)  # oldest first; when asked
    properties: dict[str, str | None] = Field(default_factory=dict)


class PipelineStage(BaseModel):
    id: str
    label: str
    display_order: int
    probability: float | None = None  # 0..1, deals pipelines only
    is_closed: bool = False


class Pipeline(BaseModel):
    id: str
    label: str
    display_order: int
    stages: list[PipelineStage]


class Note(BaseModel):
    id: str
    body: str
    timestamp: datetime | None = None
    idempotency_key: str | None = None
    created_at: datetime
    updated_at: datetime
    deal_ids: list[str] = Field(default_factory=list)
    company_ids: list[str] = Field(default_factory=list)


class Association(BaseModel):
    """One associated object, with every association type (label) that links it."""

    to_id: str
    type_ids: list[int]
    labels: list[str] = Field(default_factory=list)


class CrmConnection(BaseModel):
    """Result of the cheap authenticated call behind ``connectors test``."""

    base_url: str
    daily_limit: int | None = None
    daily_remaining: int | None = None
    interval_limit: int | None = None
    interval_remaining: int | None = None
