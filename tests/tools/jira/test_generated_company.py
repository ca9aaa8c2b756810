"""A generated company round-trips through the loopback Jira and the client without loss."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.tools.jira.openapi_contract import assert_response_conforms
from tools.jira import JiraClient
from tools.sandbox.generator import generate
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.jira import DEFAULT_API_TOKEN, DEFAULT_EMAIL, serve
from tools.sandbox.servers.loopback import LoopbackServer


@pytest.fixture(scope="module")
def generated() -> SandboxCompany:
    return generate(seed=7, size=1)


@pytest.fixture(scope="module")
def server(generated: SandboxCompany) -> Iterator[LoopbackServer]:
    with serve(generated) as running:
        yield running


def test_every_generated_issue_is_read_back_with_its_status_history(
    generated: SandboxCompany, server: LoopbackServer
) -> None:
    with JiraClient(server.base_url, email=DEFAULT_EMAIL, api_token=DEFAULT_API_TOKEN) as client:
        read = {i.key: i for i in client.search(f"project = {generated.jira_project_key}")}
    assert len(read) == len(generated.jira_issues)
    for record in generated.jira_issues:
        issue = read[record.key]
        assert (issue.status, issue.issue_type, issue.story_points) == (
            record.status,
            record.issue_type,
            record.story_points,
        )
        assert issue.epic_key == record.epic_key
        assert [(t.from_status, t.to_status, t.at) for t in issue.transitions] == [
            (c.from_status, c.to_status, c.at.replace(microsecond=c.at.microsecond // 1000 * 1000))
            for c in record.changelog
        ]


def test_generated_pages_conform_to_the_vendor_openapi_description(
    generated: SandboxCompany, server: LoopbackServer
) -> None:
    params: dict[str, str | int] = {
        "jql": f"project = {generated.jira_project_key}",
        "fields": "*all",
        "expand": "changelog",
        "maxResults": 100,
    }
    with httpx.Client(auth=(DEFAULT_EMAIL, DEFAULT_API_TOKEN), timeout=10) as http:
        page = http.get(f"{server.base_url}/rest/api/3/search/jql", params=params)
        assert_response_conforms(page)
        issue = http.get(f"{server.base_url}/rest/api/3/issue/DBO-1?expand=changelog")
        assert_response_conforms(issue)
    assert len(page.json()["issues"]) == 100
