"""A small hand-written sandbox company: just enough Jira to test the adapter and the server."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tools.sandbox.model import (
    JiraIssue,
    JiraSprint,
    JiraStatusChange,
    JiraUser,
    JiraVersion,
    SandboxCompany,
)

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
PROJECT = "DBO"
USERS = [
    JiraUser(account_id="5b10a2844c20165700ede21a", display_name="Ada Park", email="ada@nw.test"),
    JiraUser(account_id="5b10a2844c20165700ede21b", display_name="Bo Chen", email="bo@nw.test"),
]
SPRINTS = [
    JiraSprint(id=1, name="DBO Sprint 1", state="closed", start=START, end=START + timedelta(14)),
    JiraSprint(
        id=2,
        name="DBO Sprint 2",
        state="active",
        start=START + timedelta(14),
        end=START + timedelta(28),
    ),
]
VERSIONS = [
    JiraVersion(id="10100", name="2025.01", released=True, release_date=date(2025, 1, 31)),
    JiraVersion(id="10101", name="2025.02", released=False),
]
FLOW = ["To Do", "In Progress", "In Review", "Done"]


def issue(
    n: int, *, steps: int = 0, epic: str | None = None, labels: list[str] | None = None
) -> JiraIssue:
    """Issue ``DBO-n`` created ``n`` hours after START and moved ``steps`` times along FLOW."""
    created = START + timedelta(hours=n)
    changes = [
        JiraStatusChange(
            id=str(20000 + n * 10 + s),
            at=created + timedelta(days=s + 1, minutes=n),
            author_account_id=USERS[s % 2].account_id,
            from_status=FLOW[s],
            to_status=FLOW[s + 1],
        )
        for s in range(steps)
    ]
    updated = changes[-1].at if changes else created + timedelta(minutes=30)
    status = FLOW[steps]
    return JiraIssue(
        id=str(10000 + n),
        key=f"{PROJECT}-{n}",
        issue_type="Epic" if n == 1 else ("Bug" if n % 5 == 0 else "Story"),
        summary=f"Issue number {n}",
        description=f"Line one of {n}.\nLine two.\n\nSecond paragraph of {n}.",
        status=status,
        priority="High" if n % 3 == 0 else "Medium",
        labels=labels if labels is not None else (["customer-ask"] if n % 4 == 0 else []),
        story_points=float(n % 8) or None,
        epic_key=epic,
        sprint_ids=[1, 2] if n % 2 == 0 else [2],
        fix_version_ids=["10100"] if status == "Done" else [],
        assignee_account_id=USERS[n % 2].account_id if n % 3 else None,
        reporter_account_id=USERS[0].account_id,
        created=created,
        updated=updated,
        resolved=changes[-1].at if status == "Done" else None,
        changelog=changes,
    )


def company(issue_count: int = 12) -> SandboxCompany:
    """Issues DBO-1 (an epic) to DBO-``issue_count``; every third one went all the way to Done."""
    issues = [issue(1)] + [
        issue(n, steps=3 if n % 3 == 0 else n % 3, epic="DBO-1" if n % 2 == 0 else None)
        for n in range(2, issue_count + 1)
    ]
    return SandboxCompany(
        seed=7,
        size=issue_count,
        name="Northwind Test",
        github_org="northwind-test",
        jira_project_key=PROJECT,
        jira_project_name="DevBizOps",
        start=START,
        end=START + timedelta(days=60),
        gh_users=[],
        repos=[],
        commits=[],
        pull_requests=[],
        releases=[],
        deployments=[],
        gh_issues=[],
        jira_users=USERS,
        sprints=SPRINTS,
        versions=VERSIONS,
        jira_issues=issues,
        pipelines=[],
        companies=[],
        deals=[],
        notes=[],
    )
