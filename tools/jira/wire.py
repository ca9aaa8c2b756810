"""Pydantic models of Jira Cloud REST v3 payloads, as the OpenAPI description names them.

Only what the adapter reads is declared; unknown keys are ignored so new Jira fields never break
parsing. Custom fields (story points, sprint) have site-specific ids, so ``IssueFieldsWire`` keeps
extra keys and the parser picks them by the configured id.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class UserWire(Wire):
    account_id: str = Field(alias="accountId")
    display_name: str = Field("", alias="displayName")
    email_address: str | None = Field(None, alias="emailAddress")
    active: bool = True
    time_zone: str | None = Field(None, alias="timeZone")


class StatusCategoryWire(Wire):
    id: int | None = None
    key: str = ""  # "new", "indeterminate", "done"
    name: str = ""


class StatusWire(Wire):
    id: str = ""
    name: str
    status_category: StatusCategoryWire | None = Field(None, alias="statusCategory")


class NamedWire(Wire):
    """Issue type, priority, resolution: an id and a name are all we use."""

    id: str = ""
    name: str


class VersionWire(Wire):
    id: str
    name: str
    released: bool = False
    release_date: date | None = Field(None, alias="releaseDate")


class SprintWire(Wire):
    id: int
    name: str
    state: str = ""
    start_date: datetime | None = Field(None, alias="startDate")
    end_date: datetime | None = Field(None, alias="endDate")
    complete_date: datetime | None = Field(None, alias="completeDate")


class ParentFieldsWire(Wire):
    issuetype: NamedWire | None = None


class ParentWire(Wire):
    id: str = ""
    key: str
    fields: ParentFieldsWire | None = None


class IssueFieldsWire(Wire):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    summary: str = ""
    description: dict[str, Any] | None = None
    status: StatusWire | None = None
    issuetype: NamedWire | None = None
    priority: NamedWire | None = None
    labels: list[str] = Field(default_factory=list)
    fix_versions: list[VersionWire] = Field(default_factory=list, alias="fixVersions")
    created: datetime | None = None
    updated: datetime | None = None
    resolutiondate: datetime | None = None
    assignee: UserWire | None = None
    reporter: UserWire | None = None
    parent: ParentWire | None = None


class ChangeItemWire(Wire):
    field: str = ""
    field_id: str | None = Field(None, alias="fieldId")
    from_id: str | None = Field(None, alias="from")
    from_string: str | None = Field(None, alias="fromString")
    to_id: str | None = Field(None, alias="to")
    to_string: str | None = Field(None, alias="toString")


class ChangelogWire(Wire):
    id: str
    author: UserWire | None = None
    created: datetime
    items: list[ChangeItemWire] = Field(default_factory=list)


class PageOfChangelogsWire(Wire):
    """The changelog embedded by ``expand=changelog``: most recent first, possibly truncated."""

    start_at: int = Field(0, alias="startAt")
    max_results: int = Field(0, alias="maxResults")
    total: int = 0
    histories: list[ChangelogWire] = Field(default_factory=list)


class PageBeanChangelogWire(Wire):
    """``GET /issue/{key}/changelog``: offset paged, oldest first."""

    start_at: int = Field(0, alias="startAt")
    max_results: int = Field(0, alias="maxResults")
    total: int = 0
    is_last: bool = Field(True, alias="isLast")
    values: list[ChangelogWire] = Field(default_factory=list)


class IssueBeanWire(Wire):
    id: str
    key: str
    fields: IssueFieldsWire = Field(default_factory=IssueFieldsWire)
    changelog: PageOfChangelogsWire | None = None


class SearchPageWire(Wire):
    """``/rest/api/3/search/jql``: no total; the last page has no ``nextPageToken``."""

    issues: list[IssueBeanWire] = Field(default_factory=list)
    next_page_token: str | None = Field(None, alias="nextPageToken")
    is_last: bool | None = Field(None, alias="isLast")


class CommentWire(Wire):
    id: str
    body: dict[str, Any] | None = None
    author: UserWire | None = None
    created: datetime | None = None


class PageOfCommentsWire(Wire):
    start_at: int = Field(0, alias="startAt")
    max_results: int = Field(0, alias="maxResults")
    total: int = 0
    comments: list[CommentWire] = Field(default_factory=list)


class TransitionWire(Wire):
    id: str
    name: str
    to: StatusWire


class TransitionsWire(Wire):
    transitions: list[TransitionWire] = Field(default_factory=list)


class CreatedIssueWire(Wire):
    id: str
    key: str
    self_url: str = Field("", alias="self")


class ErrorCollectionWire(Wire):
    error_messages: list[str] = Field(default_factory=list, alias="errorMessages")
    errors: dict[str, str] = Field(default_factory=dict)
