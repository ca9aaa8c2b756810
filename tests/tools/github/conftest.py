"""Fixtures: the small company, a fresh GitHub loopback server per test, clients that get closed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.tools.github.company import small_company
from tools.github import GitHubClient, RetryPolicy
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.github import DEFAULT_TOKEN, GitHubSandbox, sandbox_of, serve
from tools.sandbox.servers.loopback import LoopbackServer

# Fast enough for tests, same shape as production: backoff doubles, waits stay bounded.
FAST = RetryPolicy(
    attempts=4,
    backoff_base=0.01,
    backoff_cap=0.05,
    max_retry_after=2.0,
    max_rate_limit_wait=2.0,
    reset_margin=0.05,
    secondary_min_wait=0.05,
)
MakeClient = Callable[..., GitHubClient]


@pytest.fixture(scope="session")
def company() -> SandboxCompany:
    return small_company()


@pytest.fixture(scope="session")
def _github_running(company: SandboxCompany) -> Iterator[LoopbackServer]:
    with serve(company, rate_limit=100) as server:
        yield server


@pytest.fixture
def github_server(_github_running: LoopbackServer) -> Iterator[LoopbackServer]:
    """The session's GitHub sandbox with full budgets and no faults, whatever ran before."""
    sandbox_of(_github_running.app).reset()
    yield _github_running
    sandbox_of(_github_running.app).reset()


@pytest.fixture
def sandbox(github_server: LoopbackServer) -> GitHubSandbox:
    return sandbox_of(github_server.app)


@pytest.fixture
def github_http(github_server: LoopbackServer) -> Iterator[httpx.Client]:
    """A plain httpx client on the server, authenticated like GitHubClient."""
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}", "X-GitHub-Api-Version": "2022-11-28"}
    with httpx.Client(base_url=github_server.base_url, headers=headers, timeout=5) as client:
        yield client


@pytest.fixture
def make_client(github_server: LoopbackServer) -> Iterator[MakeClient]:
    """Build clients on the loopback server (fast retry policy); all closed after the test."""
    built: list[GitHubClient] = []

    def make(token: str = DEFAULT_TOKEN, **kwargs: Any) -> GitHubClient:
        kwargs.setdefault("retry", FAST)
        client = GitHubClient(token, base_url=github_server.base_url, **kwargs)
        built.append(client)
        return client

    yield make
    for client in built:
        client.close()
