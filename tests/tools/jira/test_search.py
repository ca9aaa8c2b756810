"""Reading Jira: token-paged search, incremental JQL, fields and status history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.tools.jira.company import company as make_company
from tests.tools.jira.conftest import MakeClient
from tools.jira import JiraClient, JiraNotFound, jql
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.jira import DEFAULT_API_TOKEN, DEFAULT_EMAIL, JiraSandbox, serve


def test_search_across_many_pages_returns_each_issue_once() -> None:
    big = make_company(issue_count=53)
    with (
        serve(big) as server,
        JiraClient(server.base_url, email=DEFAULT_EMAIL, api_token=DEFAULT_API_TOKEN) as client,
    ):
        keys = [i.key for i in client.search("project = DBO ORDER BY key ASC", page_size=10)]
        assert client.stats.requests == 6  # 53 issues at 10 a page
    assert keys == [f"DBO-{n}" for n in range(1, 54)]


def test_incremental_query_returns_only_issues_updated_since_oldest_first(
    client: JiraClient, company: SandboxCompany
) -> None:
    since = datetime(2025, 1, 8, 17, 8, 30, tzinfo=UTC)
    found = list(client.search(jql.updated_since("DBO", since), page_size=2))
    # JQL has minute precision: an issue updated at 17:08:00 is read again, never missed.
    floor = since.replace(second=0)
    expected = sorted(
        (i for i in company.jira_issues if i.updated >= floor), key=lambda i: i.updated
    )
    assert [i.key for i in found] == [i.key for i in expected]
    assert found[0].key == "DBO-8"


def test_changelog_status_transitions_are_parsed_with_timestamps(client: JiraClient) -> None:
    issue = client.get_issue("DBO-5")  # two moves: fits in the embedded changelog
    moves = [(t.from_status, t.to_status, t.at) for t in issue.transitions]
    assert moves == [
        ("To Do", "In Progress", datetime(2025, 1, 7, 14, 5, tzinfo=UTC)),
        ("In Progress", "In Review", datetime(2025, 1, 8, 14, 5, tzinfo=UTC)),
    ]
    assert issue.transitions[0].author_account_id == "5b10a2844c20165700ede21a"


def test_truncated_embedded_changelog_is_completed_from_the_changelog_endpoint(
    client: JiraClient,
) -> None:
    # The sandbox embeds two histories; DBO-6 has three, so the client pages /changelog.
    issue = next(iter(client.search("key = DBO-6")))
    assert [t.to_status for t in issue.transitions] == ["In Progress", "In Review", "Done"]
    assert issue.resolved == issue.transitions[-1].at
    assert client.stats.requests == 2


def test_issue_fields_are_parsed_from_jira_wire_format(client: JiraClient) -> None:
    issue = client.get_issue("DBO-6")
    assert (issue.status, issue.status_category, issue.issue_type) == ("Done", "done", "Story")
    assert (issue.priority, issue.story_points, issue.epic_key) == ("High", 6.0, "DBO-1")
    assert [s.name for s in issue.sprints] == ["DBO Sprint 1", "DBO Sprint 2"]
    assert issue.sprints[0].completed is not None
    assert [(v.name, v.released) for v in issue.fix_versions] == [("2025.01", True)]
    assert issue.description == "Line one of 6.\nLine two.\n\nSecond paragraph of 6."
    assert issue.reporter is not None and issue.reporter.display_name == "Ada Park"
    assert issue.assignee is None
    assert issue.created == datetime(2025, 1, 6, 15, 0, tzinfo=UTC)


def test_custom_field_ids_are_configurable(company: SandboxCompany) -> None:
    with (
        serve(company, story_points_field="customfield_11111") as server,
        JiraClient(
            server.base_url,
            email=DEFAULT_EMAIL,
            api_token=DEFAULT_API_TOKEN,
            story_points_field="customfield_11111",
        ) as client,
    ):
        assert client.get_issue("DBO-6").story_points == 6.0


def test_search_without_changelog_leaves_transitions_empty(client: JiraClient) -> None:
    issues = list(client.search("key in (DBO-5, DBO-6)", expand_changelog=False))
    assert {i.key for i in issues} == {"DBO-5", "DBO-6"}
    assert all(i.transitions == () for i in issues)


def test_missing_issue_raises_jira_not_found_with_jiras_message(
    make_client: MakeClient, sandbox: JiraSandbox
) -> None:
    client = make_client()
    with pytest.raises(JiraNotFound, match="Issue does not exist"):
        client.get_issue("DBO-999")
    assert client.stats.retries == 0


def test_narrowed_fields_still_yield_complete_issue_identity(client: JiraClient) -> None:
    (issue,) = client.search("key = DBO-6", fields=["labels"], expand_changelog=False)
    assert (issue.key, issue.status, issue.story_points) == ("DBO-6", "Done", 6.0)
    assert issue.description == ""  # not requested, so not sent
