"""``GitHubClient``: the real GitHub REST v3 client (sync httpx) behind ``GitHubSource``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from types import TracebackType
from typing import TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel

from devbizops.errors import InvalidInput
from tools.github.conditional import ConditionalFetcher
from tools.github.delivery_models import Deployment, DeploymentStatus, Release
from tools.github.etags import EtagStore
from tools.github.models import Commit, Issue, PullRequest, Repository
from tools.github.paging import iterate_pages
from tools.github.policy import ClientStats, RetryPolicy
from tools.github.protocol import Direction, PullSort, State
from tools.github.ratelimit import RateLimitHeaders, RateLimitStatus
from tools.github.transport import GitHubTransport

API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
ModelT = TypeVar("ModelT", bound=BaseModel)
Params = dict[str, str | int]


class GitHubClient:
    """Token-authenticated GitHub client; pass a loopback ``base_url`` in tests."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = API_URL,
        etags: EtagStore | None = None,
        retry: RetryPolicy | None = None,
        per_page: int = 100,
        timeout: float = 30.0,
        http: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        user_agent: str = "devbizops-github",
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._base = httpx.URL(base_url.rstrip("/"))
        self._per_page = max(1, min(per_page, 100))
        # Close only what we opened: a caller's client stays theirs.
        self._owns_http = http is None
        self._http = http or httpx.Client(timeout=timeout, transport=transport)
        headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": API_VERSION,
            "User-Agent": user_agent,
        }
        self._transport = GitHubTransport(
            self._http, headers, retry or RetryPolicy(), sleep=sleep, clock=clock
        )
        self._fetcher = ConditionalFetcher(self._transport, etags)

    @property
    def base_url(self) -> str:
        """The API root requests go to (the ETag store keys start with it)."""
        return str(self._base)

    @property
    def stats(self) -> ClientStats:
        """Requests, retries, waits and 304s so far (this client only)."""
        return self._transport.stats

    @property
    def last_rate_limit(self) -> RateLimitHeaders | None:
        """The ``X-RateLimit-*`` headers of the latest response."""
        return self._transport.last_rate_limit

    def get_repo(self, owner: str, repo: str) -> Repository:
        """``GET /repos/{owner}/{repo}``."""
        return self._one(Repository, _path("repos", owner, repo))

    def list_org_repos(self, org: str, *, skip_if_unchanged: bool = False) -> Iterator[Repository]:
        """``GET /orgs/{org}/repos``, every page."""
        return self._list(Repository, _path("orgs", org, "repos"), {}, skip_if_unchanged)

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
        """``GET /repos/{owner}/{repo}/pulls``, every page."""
        params: Params = {"state": state, "sort": sort, "direction": direction}
        path = _path("repos", owner, repo, "pulls")
        return self._list(PullRequest, path, params, skip_if_unchanged)

    def get_pull_request(self, owner: str, repo: str, number: int) -> PullRequest:
        """``GET /repos/{owner}/{repo}/pulls/{number}`` (adds merged, commits, additions...)."""
        return self._one(PullRequest, _path("repos", owner, repo, "pulls", str(number)))

    def list_commits(
        self,
        owner: str,
        repo: str,
        *,
        since: datetime | None = None,
        sha: str | None = None,
        skip_if_unchanged: bool = False,
    ) -> Iterator[Commit]:
        """``GET /repos/{owner}/{repo}/commits``, newest first, from ``sha`` (default branch)."""
        params: Params = {}
        if sha is not None:
            params["sha"] = sha
        if since is not None:
            params["since"] = _timestamp(since, "since")
        path = _path("repos", owner, repo, "commits")
        return self._list(Commit, path, params, skip_if_unchanged)

    def list_releases(
        self, owner: str, repo: str, *, skip_if_unchanged: bool = False
    ) -> Iterator[Release]:
        """``GET /repos/{owner}/{repo}/releases``, newest first."""
        path = _path("repos", owner, repo, "releases")
        return self._list(Release, path, {}, skip_if_unchanged)

    def list_deployments(
        self,
        owner: str,
        repo: str,
        *,
        environment: str | None = None,
        skip_if_unchanged: bool = False,
    ) -> Iterator[Deployment]:
        """``GET /repos/{owner}/{repo}/deployments``, newest first."""
        params: Params = {} if environment is None else {"environment": environment}
        path = _path("repos", owner, repo, "deployments")
        return self._list(Deployment, path, params, skip_if_unchanged)

    def list_deployment_statuses(
        self, owner: str, repo: str, deployment_id: int, *, skip_if_unchanged: bool = False
    ) -> Iterator[DeploymentStatus]:
        """``GET .../deployments/{id}/statuses``, newest first."""
        path = _path("repos", owner, repo, "deployments", str(deployment_id), "statuses")
        return self._list(DeploymentStatus, path, {}, skip_if_unchanged)

    def list_issues(
        self,
        owner: str,
        repo: str,
        *,
        state: State = "all",
        since: datetime | None = None,
        skip_if_unchanged: bool = False,
    ) -> Iterator[Issue]:
        """``GET /repos/{owner}/{repo}/issues``; pull requests come too (``is_pull_request``)."""
        params: Params = {"state": state}
        if since is not None:
            params["since"] = _timestamp(since, "since")
        path = _path("repos", owner, repo, "issues")
        return self._list(Issue, path, params, skip_if_unchanged)

    def rate_limit(self) -> RateLimitStatus:
        """``GET /rate_limit`` (free, never cached)."""
        page = self._fetcher.fetch(self._url("/rate_limit", {}), conditional=False)
        return RateLimitStatus.model_validate(page.data)

    def close(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(
        self, exc: type[BaseException] | None, val: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _one(self, model: type[ModelT], path: str) -> ModelT:
        return model.model_validate(self._fetcher.fetch(self._url(path, {})).data)

    def _list(
        self, model: type[ModelT], path: str, params: Params, skip_if_unchanged: bool
    ) -> Iterator[ModelT]:
        url = self._url(path, {**params, "per_page": self._per_page})
        items = iterate_pages(self._fetcher.fetch, url, skip_if_unchanged=skip_if_unchanged)
        for item in items:
            yield model.model_validate(item)

    def _url(self, path: str, params: Params) -> str:
        return str(httpx.URL(f"{self._base}{path}", params=params))


def _path(*segments: str) -> str:
    return "/" + "/".join(quote(segment, safe="") for segment in segments)


def _timestamp(value: datetime, name: str) -> str:
    if value.tzinfo is None:
        raise InvalidInput(f"{name} must be timezone-aware, got {value.isoformat()}")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
