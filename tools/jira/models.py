"""What the Jira adapter hands to agents and the sync: issues with their status history, parsed.

These are ours, not Jira's: datetimes are timezone-aware, custom fields have names, and the
description exists both as ADF (to round-trip) and as flattened text (to read).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

StatusCategory = Literal["new", "indeterminate", "done", "undefined"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class JiraUser(_Model):
    account_id: str
    display_name: str
    email: str | None = None
    active: bool = True
    time_zone: str | None = None


class StatusTransition(_Model):
    """One status change from the changelog: who moved the issue from what to what, and when."""

    changelog_id: str
    at: datetime
    from_status: str | None
    to_status: str
    author_account_id: str | None = None


class Sprint(_Model):
    id: int
    name: str
    state: str
    start: datetime | None = None
    end: datetime | None = None
    completed: datetime | None = None


class FixVersion(_Model):
    id: str
    name: str
    released: bool
    release_date: date | None = None


class JiraIssue(_Model):
    id: str
    key: str
    summary: str
    status: str
    status_category: StatusCategory
    issue_type: str
    priority: str | None = None
    labels: tuple[str, ...] = ()
    story_points: float | None = None
    sprints: tuple[Sprint, ...] = ()
    fix_versions: tuple[FixVersion, ...] = ()
    created: datetime
    updated: datetime
    resolved: datetime | None = None
    assignee: JiraUser | None = None
    reporter: JiraUser | None = None
    parent_key: str | None = None
    # The parent when it is an Epic (company-managed "Epic Link" became ``parent`` in Cloud).
    epic_key: str | None = None
    description_adf: dict[str, Any] | None = None
    description: str = ""
    # Oldest first; empty when the changelog was not requested.
    transitions: tuple[StatusTransition, ...] = Field(default=())


class CreatedIssue(_Model):
    id: str
    key: str
    self_url: str
    # False when the idempotency key found an issue an earlier attempt had already created.
    created: bool = True


class JiraComment(_Model):
    id: str
    created: datetime | None = None
    body_text: str = ""
    created_now: bool = True


class Transition(_Model):
    id: str
    name: str
    to_status: str
    to_status_category: StatusCategory
