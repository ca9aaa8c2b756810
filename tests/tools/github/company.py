"""A small hand-written sandbox company: enough GitHub records to page, filter and sign."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tools.sandbox.model import (
    GhCommit,
    GhDeployment,
    GhDeploymentStatus,
    GhIssue,
    GhPullRequest,
    GhRelease,
    GhRepo,
    GhUser,
    SandboxCompany,
)

ORG = "northwind-analytics"
REPO = "api"
PUBLIC_REPO = "docs"
T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
PR_COUNT = 7
COMMIT_COUNT = 8


def _at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def _sha(n: int) -> str:
    return f"{n:040x}"


def _users() -> list[GhUser]:
    names = [("ada", "Ada Lovelace"), ("grace", "Grace Hopper"), ("linus", "Linus Torvalds")]
    return [
        GhUser(id=1000 + i, login=login, name=name, email=f"{login}@northwind.example")
        for i, (login, name) in enumerate(names)
    ]


def _pull(n: int) -> GhPullRequest:
    merged = n % 3 != 0
    closed = n % 3 != 1
    return GhPullRequest(
        repo=REPO,
        number=n,
        id=5000 + n,
        title=f"DBO-{100 + n}: change number {n}",
        body=f"Implements DBO-{100 + n}.",
        author_login=["ada", "grace", "linus"][n % 3],
        head_branch=f"feature/DBO-{100 + n}-change-{n}",
        state="closed" if closed else "open",
        created_at=_at(n),
        updated_at=_at(n + 0.5 + (n * 5) % PR_COUNT),  # update order is not creation order
        closed_at=_at(n + 1) if closed else None,
        merged_at=_at(n + 1) if closed and merged else None,
        merge_commit_sha=_sha(900 + n) if closed and merged else None,
        first_commit_at=_at(n - 0.2),
        commit_shas=[_sha(n)] if n <= COMMIT_COUNT else [],
        jira_keys=[f"DBO-{100 + n}"],
    )


def small_company() -> SandboxCompany:
    """Two repos (``api`` private, ``docs`` public), 7 PRs, 8 commits, releases, deploys."""
    commits = [
        GhCommit(
            sha=_sha(n),
            repo=REPO,
            author_login=["ada", "grace", "linus"][n % 3],
            message=f"Commit {n}",
            authored_at=_at(n - 0.2),
            committed_at=_at(n - 0.1),
            pr_number=n if n <= PR_COUNT else None,
        )
        for n in range(1, COMMIT_COUNT + 1)
    ]
    statuses = [
        GhDeploymentStatus(id=7001, state="in_progress", created_at=_at(3)),
        GhDeploymentStatus(id=7002, state="success", created_at=_at(3.01), description="done"),
    ]
    deployments = [
        GhDeployment(
            repo=REPO,
            id=600 + i,
            sha=_sha(i + 1),
            ref="v1.0.0",
            environment=env,
            creator_login="ada",
            created_at=_at(3 + i),
            updated_at=_at(3.01 + i),
            statuses=statuses,
        )
        for i, env in enumerate(["staging", "production", "production"])
    ]
    releases = [
        GhRelease(
            repo=REPO,
            id=800 + i,
            tag_name=f"v1.{i}.0",
            name=f"Release 1.{i}",
            body="Notes",
            target_commitish="main",
            created_at=_at(2 + 2 * i),
            published_at=_at(2 + 2 * i),
        )
        for i in range(3)
    ]
    issues = [
        GhIssue(
            repo=REPO,
            number=100 + n,
            id=9000 + n,
            title=f"Bug {n}",
            body="Something is off",
            state="open" if n % 2 else "closed",
            labels=["bug"] if n % 2 else ["bug", "customer"],
            author_login="grace",
            created_at=_at(n),
            updated_at=_at(n + 2),
            closed_at=None if n % 2 else _at(n + 2),
        )
        for n in range(1, 4)
    ]
    repos = [
        GhRepo(
            id=300 + i,
            name=name,
            description=f"The {name}",
            private=name == REPO,
            created_at=_at(-30 + i),
            updated_at=_at(10 + i),
            pushed_at=_at(9 + i),
            language="Python",
        )
        for i, name in enumerate([REPO, PUBLIC_REPO])
    ]
    return SandboxCompany(
        seed=1,
        size=1,
        name="Northwind Analytics",
        github_org=ORG,
        jira_project_key="DBO",
        jira_project_name="DevBizOps",
        start=_at(-30),
        end=_at(30),
        gh_users=_users(),
        repos=repos,
        commits=commits,
        pull_requests=[_pull(n) for n in range(1, PR_COUNT + 1)],
        releases=releases,
        deployments=deployments,
        gh_issues=issues,
        jira_users=[],
        sprints=[],
        versions=[],
        jira_issues=[],
        pipelines=[],
        companies=[],
        deals=[],
        notes=[],
    )
