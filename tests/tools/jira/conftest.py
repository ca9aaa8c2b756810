"""Fixtures: a loopback Jira site per test and clients pointed at it (closed afterwards)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.tools.jira.company import company as small_company
from tools.jira import JiraClient
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.jira import (
    DEFAULT_API_TOKEN,
    DEFAULT_EMAIL,
    JiraSandbox,
    sandbox_of,
    serve,
)
from tools.sandbox.servers.loopback import LoopbackServer

MakeClient = Callable[..., JiraClient]
# Small enough that issues with three status changes need the /changelog endpoint.
EMBEDDED_CHANGELOG = 2


@pytest.fixture(scope="session")
def company() -> SandboxCompany:
    return small_company(issue_count=12)


@pytest.fixture(scope="session")
def _jira_server(company: SandboxCompany) -> Iterator[LoopbackServer]:
    with serve(company, embedded_changelog=EMBEDDED_CHANGELOG) as server:
        yield server


@pytest.fixture
def jira_server(_jira_server: LoopbackServer) -> LoopbackServer:
    """The session's loopback Jira, back to the company's records with no faults queued."""
    sandbox_of(_jira_server.app).reset()
    return _jira_server


@pytest.fixture
def sandbox(jira_server: LoopbackServer) -> JiraSandbox:
    return sandbox_of(jira_server.app)


@pytest.fixture
def make_client(jira_server: LoopbackServer) -> Iterator[MakeClient]:
    """Clients with test-sized backoff; every one is closed after the test."""
    made: list[JiraClient] = []

    def make(**overrides: Any) -> JiraClient:
        options: dict[str, Any] = {
            "email": DEFAULT_EMAIL,
            "api_token": DEFAULT_API_TOKEN,
            "max_attempts": 4,
            "backoff_base": 0.01,
            "backoff_cap": 0.05,
            "max_retry_after": 2.0,
            "timeout": 5.0,
        }
        options.update(overrides)
        client = JiraClient(jira_server.base_url, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> JiraClient:
    return make_client()
