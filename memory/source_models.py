"""Tables for synced source data (GitHub, Jira, CRM), the unified events timeline and connectors.

Typed tables keep each vendor's facts queryable; ``events`` is the one timeline across sources
(org, source, kind, occurred_at, subject, links) that correlates technical work with revenue.
Every row is keyed by the vendor's own id within the org, so re-syncing upserts instead of
duplicating.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from memory.models import Base

Ts = DateTime(timezone=True)


def _org() -> Mapped[uuid.UUID]:
    return mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True)


def _synced() -> Mapped[datetime]:
    return mapped_column(Ts, server_default=func.now(), onupdate=func.now(), nullable=False)


class Connector(Base):
    """Credentials and settings of one source for one org; the secret is encrypted at rest."""

    __tablename__ = "connectors"
    __table_args__ = (UniqueConstraint("org_id", "name"),)
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    org_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(63))
    source: Mapped[str] = mapped_column(String(20))
    base_url: Mapped[str] = mapped_column(Text)
    settings: Mapped[dict[str, Any]]
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(Ts, server_default=func.now())
    updated_at: Mapped[datetime] = _synced()


class SyncCursor(Base):
    """Where the last sync of one resource stopped (high-water mark, ETag, page token)."""

    __tablename__ = "sync_cursors"
    org_id: Mapped[uuid.UUID] = _org()
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    resource: Mapped[str] = mapped_column(String(300), primary_key=True)
    cursor: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = _synced()


class HttpCacheEntry(Base):
    """ETag and body of a conditional GET, so a 304 costs nothing and changes nothing."""

    __tablename__ = "http_cache"
    org_id: Mapped[uuid.UUID] = _org()
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str] = mapped_column(Text)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = _synced()


class PullRequest(Base):
    __tablename__ = "pull_requests"
    org_id: Mapped[uuid.UUID] = _org()
    repo: Mapped[str] = mapped_column(String(200), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(100))
    head_branch: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(Ts)
    updated_at: Mapped[datetime] = mapped_column(Ts)
    merged_at: Mapped[datetime | None] = mapped_column(Ts)
    closed_at: Mapped[datetime | None] = mapped_column(Ts)
    merge_commit_sha: Mapped[str | None] = mapped_column(String(40))
    jira_keys: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    synced_at: Mapped[datetime] = _synced()


class Commit(Base):
    __tablename__ = "commits"
    org_id: Mapped[uuid.UUID] = _org()
    repo: Mapped[str] = mapped_column(String(200), primary_key=True)
    sha: Mapped[str] = mapped_column(String(40), primary_key=True)
    author: Mapped[str | None] = mapped_column(String(100))
    message: Mapped[str] = mapped_column(Text)
    committed_at: Mapped[datetime] = mapped_column(Ts)
    synced_at: Mapped[datetime] = _synced()


class Release(Base):
    __tablename__ = "releases"
    org_id: Mapped[uuid.UUID] = _org()
    repo: Mapped[str] = mapped_column(String(200), primary_key=True)
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tag_name: Mapped[str] = mapped_column(String(100))
    published_at: Mapped[datetime | None] = mapped_column(Ts)
    synced_at: Mapped[datetime] = _synced()


class Deployment(Base):
    __tablename__ = "deployments"
    org_id: Mapped[uuid.UUID] = _org()
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    repo: Mapped[str] = mapped_column(String(200))
    sha: Mapped[str] = mapped_column(String(40))
    ref: Mapped[str] = mapped_column(String(200))
    environment: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(Ts)
    state: Mapped[str | None] = mapped_column(String(20))  # outcome: last status
    state_at: Mapped[datetime | None] = mapped_column(Ts)
    synced_at: Mapped[datetime] = _synced()


class DeploymentStatus(Base):
    __tablename__ = "deployment_statuses"
    org_id: Mapped[uuid.UUID] = _org()
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    deployment_id: Mapped[int] = mapped_column(BigInteger, index=True)
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(Ts)


class GitHubIssue(Base):
    __tablename__ = "github_issues"
    org_id: Mapped[uuid.UUID] = _org()
    repo: Mapped[str] = mapped_column(String(200), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10))
    labels: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    created_at: Mapped[datetime] = mapped_column(Ts)
    updated_at: Mapped[datetime] = mapped_column(Ts)
    closed_at: Mapped[datetime | None] = mapped_column(Ts)
    synced_at: Mapped[datetime] = _synced()


class JiraIssue(Base):
    __tablename__ = "jira_issues"
    org_id: Mapped[uuid.UUID] = _org()
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(40))
    issue_type: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(60))
    priority: Mapped[str | None] = mapped_column(String(30))
    labels: Mapped[list[str]] = mapped_column(ARRAY(String(255)), default=list)
    story_points: Mapped[float | None] = mapped_column(Float)
    epic_key: Mapped[str | None] = mapped_column(String(40))
    sprints: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list)
    fix_versions: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list)
    created: Mapped[datetime] = mapped_column(Ts)
    updated: Mapped[datetime] = mapped_column(Ts)
    resolved: Mapped[datetime | None] = mapped_column(Ts)
    synced_at: Mapped[datetime] = _synced()


class JiraTransition(Base):
    __tablename__ = "jira_transitions"
    org_id: Mapped[uuid.UUID] = _org()
    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    issue_key: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[datetime] = mapped_column(Ts)
    from_status: Mapped[str | None] = mapped_column(String(60))
    to_status: Mapped[str] = mapped_column(String(60))


class Company(Base):
    __tablename__ = "companies"
    org_id: Mapped[uuid.UUID] = _org()
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    domain: Mapped[str | None] = mapped_column(Text)
    industry: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime | None] = mapped_column(Ts)
    updated_at: Mapped[datetime] = mapped_column(Ts)
    synced_at: Mapped[datetime] = _synced()


class Deal(Base):
    __tablename__ = "deals"
    org_id: Mapped[uuid.UUID] = _org()
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    company_id: Mapped[str | None] = mapped_column(String(40), index=True)
    pipeline: Mapped[str] = mapped_column(String(60))
    stage: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[float | None] = mapped_column(Float)
    create_date: Mapped[datetime | None] = mapped_column(Ts)
    close_date: Mapped[datetime | None] = mapped_column(Ts)
    updated_at: Mapped[datetime] = mapped_column(Ts)
    requested_issue_keys: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    synced_at: Mapped[datetime] = _synced()


class DealStageChange(Base):
    __tablename__ = "deal_stage_changes"
    org_id: Mapped[uuid.UUID] = _org()
    deal_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    at: Mapped[datetime] = mapped_column(Ts, primary_key=True)
    stage: Mapped[str] = mapped_column(String(60), primary_key=True)


class CrmNote(Base):
    __tablename__ = "crm_notes"
    org_id: Mapped[uuid.UUID] = _org()
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    timestamp: Mapped[datetime] = mapped_column(Ts)
    deal_id: Mapped[str | None] = mapped_column(String(40))
    company_id: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(Ts)


class Event(Base):
    """The unified timeline: one row per thing that happened in any source."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("org_id", "source", "kind", "external_id"),
        Index("ix_events_org_occurred", "org_id", "occurred_at"),
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    org_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    external_id: Mapped[str] = mapped_column(String(300))
    occurred_at: Mapped[datetime] = mapped_column(Ts)
    subject: Mapped[str] = mapped_column(Text)
    links: Mapped[dict[str, Any]]


class WebhookDelivery(Base):
    """Delivery ids already applied, so a redelivered webhook is applied once."""

    __tablename__ = "webhook_deliveries"
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    delivery_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    org_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE")
    )
    event: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(Ts, server_default=func.now())
