"""GitHub REST v3 wire models: the fields we use, read leniently (GitHub adds fields often)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


class WireModel(BaseModel):
    """Unknown fields are ignored so a new GitHub field never breaks a sync."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class User(WireModel):
    login: str
    id: int
    type: str = "User"


class Repository(WireModel):
    id: int
    name: str
    full_name: str
    owner: User
    private: bool
    description: str | None = None
    html_url: str
    default_branch: str | None = None
    language: str | None = None
    archived: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    pushed_at: datetime | None = None


class BranchRef(WireModel):
    """``head`` / ``base`` of a pull request."""

    label: str
    ref: str
    sha: str


class PullRequest(WireModel):
    """A pull request; the ``merged``..``changed_files`` fields come only from the single GET."""

    id: int
    number: int
    title: str
    body: str | None = None
    state: str
    draft: bool = False
    user: User | None = None
    head: BranchRef
    base: BranchRef
    html_url: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    merged_at: datetime | None = None
    merge_commit_sha: str | None = None
    merged: bool | None = None
    commits: int | None = None
    additions: int | None = None
    deletions: int | None = None
    changed_files: int | None = None

    @property
    def is_merged(self) -> bool:
        """True once merged (``merged_at`` is set in both the list and the single form)."""
        return self.merged_at is not None


class GitActor(WireModel):
    name: str | None = None
    email: str | None = None
    date: datetime | None = None


class CommitDetail(WireModel):
    message: str
    author: GitActor | None = None
    committer: GitActor | None = None


class CommitParent(WireModel):
    sha: str


class Commit(WireModel):
    sha: str
    html_url: str
    commit: CommitDetail
    author: User | None = None  # None when the git email matches no GitHub account
    committer: User | None = None
    parents: list[CommitParent] = []

    @field_validator("author", "committer", mode="before")
    @classmethod
    def _empty_object_is_none(cls, value: Any) -> Any:
        # GitHub sends {} (its "empty-object") for an author it cannot map to an account.
        return None if value == {} else value


class Label(WireModel):
    name: str
    color: str | None = None
    description: str | None = None


class IssuePullRequestLink(WireModel):
    """The ``pull_request`` key GitHub puts on issue-list entries that are pull requests."""

    url: str | None = None
    html_url: str | None = None
    merged_at: datetime | None = None


class Issue(WireModel):
    id: int
    number: int
    title: str
    body: str | None = None
    state: str
    state_reason: str | None = None
    user: User | None = None
    labels: list[Label] = []
    comments: int = 0
    html_url: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    pull_request: IssuePullRequestLink | None = None

    @field_validator("labels", mode="before")
    @classmethod
    def _labels_as_objects(cls, value: Any) -> Any:
        # The schema allows a label to be a bare name string as well as an object.
        if isinstance(value, list):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value

    @property
    def is_pull_request(self) -> bool:
        """GitHub lists pull requests among issues; this says which ones they are."""
        return self.pull_request is not None
