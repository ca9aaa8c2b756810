"""Ground-truth aggregates give exact, hand-checked numbers on a tiny hand-built company."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

import pytest

from tools.sandbox import truth
from tools.sandbox.generator import generate
from tools.sandbox.model import (
    CrmCompany,
    CrmDeal,
    CrmNote,
    CrmStageChange,
    DealKind,
    GhCommit,
    GhDeployment,
    GhDeploymentStatus,
    GhPullRequest,
    JiraIssue,
    JiraStatusChange,
    SandboxCompany,
)

START = datetime(2025, 5, 1, tzinfo=UTC)
END = datetime(2026, 10, 31, 23, 59, 59, tzinfo=UTC)
SHA = {n: f"{n:040x}" for n in range(1, 5)}
WORKFLOW = ["In Progress", "In Review", "Done"]


def at(month: int, day: int, hour: int = 12, minute: int = 0, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def deal(
    deal_id: str,
    company: str,
    kind: DealKind,
    amount: float,
    closed: datetime | None,
    stage: str = "closedwon",
    requests: tuple[str, ...] = (),
) -> CrmDeal:
    created = START + timedelta(days=2)
    history = [CrmStageChange(stage_id="appointmentscheduled", at=created)]
    history += [CrmStageChange(stage_id=stage, at=closed)] if closed else []
    return CrmDeal(
        id=deal_id,
        name=f"deal {deal_id}",
        company_id=company,
        kind=kind,
        amount=amount,
        stage_id=history[-1].stage_id,
        create_date=created,
        close_date=closed,
        updated_at=closed or created,
        stage_history=history,
        requested_issue_keys=list(requests),
    )


def deploy(
    n: int,
    sha: int,
    created: datetime,
    outcome: Literal["success", "failure", "error"],
    minutes: int,
    *,
    environment: Literal["production", "staging"] = "production",
    restored_by: int | None = None,
    rollback_of: int | None = None,
) -> GhDeployment:
    finished = created + timedelta(minutes=minutes)
    statuses = [
        GhDeploymentStatus(id=10 * n, state="queued", created_at=created),
        GhDeploymentStatus(id=10 * n + 1, state=outcome, created_at=finished),
    ]
    return GhDeployment(
        repo="api",
        id=n,
        sha=SHA[sha],
        ref="main",
        environment=environment,
        creator_login="dev",
        created_at=created,
        updated_at=finished,
        statuses=statuses,
        restored_by=restored_by,
        rollback_of=rollback_of,
    )


def commit(n: int, when: datetime, pr: int) -> GhCommit:
    return GhCommit(
        sha=SHA[n],
        repo="api",
        author_login="dev",
        message=f"change {n}",
        authored_at=when,
        committed_at=when,
        pr_number=pr,
    )


def pull(number: int, key: str, merged: datetime | None, merge_sha: int | None) -> GhPullRequest:
    opened = at(5, 20)
    return GhPullRequest(
        repo="api",
        number=number,
        id=number,
        title=f"{key}: work",
        body="",
        author_login="dev",
        head_branch=f"feature/{key}-work",
        state="closed" if merged else "open",
        created_at=opened,
        updated_at=merged or opened,
        closed_at=merged,
        merged_at=merged,
        merge_commit_sha=SHA[merge_sha] if merge_sha else None,
        first_commit_at=opened,
        jira_keys=[key],
    )


def issue(n: int, issue_type: str, steps: int) -> JiraIssue:
    changes = [
        JiraStatusChange(
            id=f"{n}{i}",
            at=at(5, 10 + i),
            author_account_id="a",
            from_status=(["To Do", *WORKFLOW])[i],
            to_status=WORKFLOW[i],
        )
        for i in range(steps)
    ]
    return JiraIssue.model_validate(
        {
            "id": str(10000 + n),
            "key": f"DBO-{n}",
            "issue_type": issue_type,
            "summary": "s",
            "description": "",
            "status": changes[-1].to_status if changes else "To Do",
            "priority": "Medium",
            "reporter_account_id": "a",
            "created": at(5, 9),
            "updated": at(5, 20),
            "resolved": at(5, 12) if steps == 3 else None,
            "changelog": changes,
        }
    )


@pytest.fixture
def tiny() -> SandboxCompany:
    """Four customers, ten deals, seven deployments, four PRs and five issues."""
    companies = [
        CrmCompany(
            id=cid,
            name=cid,
            domain=f"{cid}.com",
            industry="RETAIL",
            employees=50,
            country="Germany",
            created_at=START,
            updated_at=START,
        )
        for cid in ("A", "B", "C", "D")
    ]
    deals = [
        deal("1", "A", "new", 12_000, at(6, 10), requests=("DBO-1", "DBO-3")),
        deal("2", "A", "expansion", 3_000, at(8, 5)),
        deal("3", "A", "contraction", 2_000, at(9, 20)),
        deal("4", "B", "new", 20_000, at(7, 31, 23, 59), requests=("DBO-2",)),
        deal("5", "B", "churn", 20_000, at(10, 15)),
        deal("6", "C", "new", 50_000, at(6, 1), stage="closedlost", requests=("DBO-99",)),
        deal("7", "C", "new", 8_000, None, requests=("DBO-1",)),
        deal("8", "A", "renewal", 500, at(6, 10, year=2026)),
        deal("9", "D", "new", 1_000, at(6, 15)),
        deal("10", "D", "churn", 1_500, at(7, 1)),  # more than D ever paid: floored at zero
    ]
    deployments = [
        deploy(1, 1, at(6, 2, 10), "success", 5),
        deploy(2, 1, at(6, 3, 10), "failure", 10, restored_by=3),
        deploy(3, 1, at(6, 3, 11), "success", 40, rollback_of=2),  # restored 1.5 h after
        deploy(4, 2, at(7, 1, 10), "failure", 5, restored_by=5),
        deploy(5, 2, at(7, 1, 12), "success", 35),  # restored 2.5 h after
        deploy(6, 3, at(7, 21, 9), "success", 5, environment="staging"),
        deploy(7, 3, at(8, 1, 10), "error", 2),  # never restored
    ]
    return SandboxCompany(
        seed=0,
        size=1,
        name="Tiny",
        github_org="tiny",
        jira_project_key="DBO",
        jira_project_name="Tiny",
        start=START,
        end=END,
        gh_users=[],
        repos=[],
        commits=[
            commit(1, at(6, 1), 1),
            commit(2, at(6, 30), 2),
            commit(3, at(7, 20), 3),
            commit(4, at(7, 25), 4),
        ],
        pull_requests=[
            pull(1, "DBO-1", at(6, 1), 1),
            pull(2, "DBO-2", at(6, 30), 2),
            pull(3, "DBO-3", at(7, 20), 3),
            pull(4, "DBO-4", None, None),
        ],
        releases=[],
        deployments=deployments,
        gh_issues=[],
        jira_users=[],
        sprints=[],
        versions=[],
        jira_issues=[
            issue(1, "Story", 3),
            issue(2, "Bug", 3),
            issue(3, "Story", 3),
            issue(4, "Task", 1),
            issue(5, "Epic", 0),
        ],
        pipelines=[],
        companies=companies,
        deals=deals,
        notes=[
            CrmNote(
                id=str(n), body="<p>hi</p>", timestamp=at(6, 1), company_id="A", updated_at=at(6, 1)
            )
            for n in (1, 2)
        ],
    )


def test_arr_sums_won_deals_closed_by_then_with_signs_and_a_floor_per_company(
    tiny: SandboxCompany,
) -> None:
    assert truth.arr_at(tiny, at(6, 9)) == 0.0
    assert truth.arr_at(tiny, at(6, 10)) == 12_000.0  # closed at exactly that moment counts
    assert truth.arr_at(tiny, at(7, 31, 23, 58)) == 12_000.0  # D churned more than it paid: 0
    assert truth.arr_at(tiny, at(7, 31, 23, 59)) == 32_000.0


def test_arr_by_month_end_covers_every_month_of_the_window(tiny: SandboxCompany) -> None:
    arr = truth.arr_by_month_end(tiny)
    assert list(arr)[:7] == [f"2025-{m:02d}" for m in range(5, 12)]
    assert list(arr)[-1] == "2026-10" and len(arr) == 18
    assert {k: arr[k] for k in list(arr)[:7]} == {
        "2025-05": 0.0,
        "2025-06": 13_000.0,  # A 12,000 + D 1,000
        "2025-07": 32_000.0,  # A 12,000 + B 20,000 (closed 23:59 on the 31st) + D floored to 0
        "2025-08": 35_000.0,  # A expanded by 3,000
        "2025-09": 33_000.0,  # A contracted by 2,000
        "2025-10": 13_000.0,  # B churned
        "2025-11": 13_000.0,
    }
    assert arr["2026-05"] == 13_000.0 and arr["2026-06"] == 13_500.0  # renewal uplift of 500


def test_deploy_metrics_count_outcomes_by_last_status(tiny: SandboxCompany) -> None:
    assert truth.deploy_count(tiny) == 6
    assert truth.deploy_count(tiny, "staging") == 1
    assert truth.failed_deploys(tiny) == 3  # two failures and one error
    assert truth.change_failure_rate(tiny) == 0.5
    assert truth.mean_time_to_restore_hours(tiny) == 2.0  # (1.5 h + 2.5 h) / 2; unrestored left out


def test_deploy_windows_are_half_open(tiny: SandboxCompany) -> None:
    since, until = at(7, 1, 10), at(8, 1, 10)  # the deploy created at 08-01 10:00 is excluded
    assert truth.deploy_count(tiny, since=since, until=until) == 2
    assert truth.failed_deploys(tiny, since=since, until=until) == 1
    assert truth.change_failure_rate(tiny, since=since, until=until) == 0.5
    assert truth.mean_time_to_restore_hours(tiny, since=since, until=until) == 2.5
    assert truth.change_failure_rate(tiny, since=at(9, 1)) == 0.0
    assert truth.mean_time_to_restore_hours(tiny, since=at(9, 1)) is None


def test_counts_of_prs_issues_and_deals(tiny: SandboxCompany) -> None:
    assert truth.prs_merged(tiny) == 3
    assert truth.prs_merged(tiny, since=at(6, 15)) == 2
    assert truth.prs_merged(tiny, until=at(6, 30)) == 1  # merged at exactly `until`: excluded
    assert truth.jira_issues_by_type(tiny) == {"Story": 2, "Bug": 1, "Task": 1, "Epic": 1}
    assert truth.jira_issues_by_status(tiny) == {"Done": 3, "In Progress": 1, "To Do": 1}
    assert truth.deals_won(tiny) == 8
    assert truth.deals_won(tiny, kind="new") == 3
    assert truth.deals_lost(tiny) == 1


def test_chain_needs_a_request_a_merged_pr_and_a_good_deploy_of_a_later_commit(
    tiny: SandboxCompany,
) -> None:
    # DBO-3's PR merged 07-20 but its only deploy errored; DBO-99 does not exist.
    assert truth.shipped_requests(tiny) == {("1", "DBO-1"), ("4", "DBO-2"), ("7", "DBO-1")}
    assert truth.linked_chains(tiny) == 3


def test_event_count_by_kind(tiny: SandboxCompany) -> None:
    assert truth.event_count(tiny) == {
        "pull_requests": 4,
        "commits": 4,
        "releases": 0,
        "deployments": 7,
        "deployment_statuses": 14,
        "gh_issues": 0,
        "jira_issues": 5,
        "jira_transitions": 10,
        "companies": 4,
        "deals": 10,
        "deal_stage_changes": 19,
        "notes": 2,
    }
    assert truth.total_events(tiny) == 79


def test_truth_on_a_generated_company_agrees_with_its_records() -> None:
    company = generate(seed=7, size=1)
    arr = truth.arr_by_month_end(company)
    assert len(arr) == 18 and arr["2026-10"] == truth.arr_at(company, company.end) > 0
    assert all(value >= 0 for value in arr.values())
    deploys = truth.deploy_count(company) + truth.deploy_count(company, "staging")
    assert deploys == len(company.deployments)
    assert 0 < (truth.mean_time_to_restore_hours(company) or 0) < 24
    assert sum(truth.jira_issues_by_type(company).values()) == len(company.jira_issues)
    assert truth.deals_won(company) + truth.deals_lost(company) <= len(company.deals)
