"""What the agents and the sync depend on: read access to one GitHub organisation's history.

List methods are lazy iterators that page through ``Link`` headers. With ``skip_if_unchanged``,
a list whose first page answers ``304 Not Modified`` yields nothing (it has not changed since the
ETag store last saw it); without it, unchanged pages are served from the store, same data, free.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Literal, Protocol

from tools.github.delivery_models import Deployment, DeploymentStatus, Release
from tools.github.models import Commit, Issue, PullRequest, Repository
from tools.github.ratelimit import RateLimitStatus

State = Literal["open", "closed", "all"]
PullSort = Literal["created", "updated", "popularity", "long-running"]
Direction = Literal["asc", "desc"]


class GitHubSource(Protocol):
    """Read-only GitHub REST v3 access."""

    def get_repo(self, owner: str, repo: str) -> Repository:
        """One repository (``GET /repos/{owner}/{repo}``)."""
        ...

    def list_org_repos(self, org: str, *, skip_if_unchanged: bool = False) -> Iterator[Repository]:
        """Every repository of ``org`` the token can see."""
        ...

    def list_pull_requests(
        self,
        owner: str,
        repo: str,
        *,
        state: State = "all",
        sort: PullSort = "updated",
        direction: Direction = "desc",
        skip_if_unchanged: bool = False,
    ) -> Iterator[PullRequest]:
        """Pull requests, by default all of them, most recently updated first."""
        ...

    def get_pull_request(self, owner: str, repo: str, number: int) -> PullRequest:
        """One pull request with merge state and diff stats."""
        ...

    def list_commits(
        self,
        owner: str,
        repo: str,
        *,
        since: datetime | None = None,
        sha: str | None = None,
        skip_if_unchanged: bool = False,
    ) -> Iterator[Commit]:
        """Commits newest first from ``sha`` (default branch), optionally since a time."""
        ...

    def list_releases(
        self, owner: str, repo: str, *, skip_if_unchanged: bool = False
    ) -> Iterator[Release]:
        """Releases, newest first."""
        ...

    def list_deployments(
        self,
        owner: str,
        repo: str,
        *,
        environment: str | None = None,
        skip_if_unchanged: bool = False,
    ) -> Iterator[Deployment]:
        """Deployments newest first, optionally of one environment."""
        ...

    def list_deployment_statuses(
        self, owner: str, repo: str, deployment_id: int, *, skip_if_unchanged: bool = False
    ) -> Iterator[DeploymentStatus]:
        """A deployment's statuses, newest first (the first is the outcome)."""
        ...

    def list_issues(
        self,
        owner: str,
        repo: str,
        *,
        state: State = "all",
        since: datetime | None = None,
        skip_if_unchanged: bool = False,
    ) -> Iterator[Issue]:
        """Issues and pull requests (``Issue.is_pull_request``), optionally updated since."""
        ...

    def rate_limit(self) -> RateLimitStatus:
        """The token's budgets; checking costs nothing."""
        ...
