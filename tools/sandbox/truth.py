"""Ground truth computed only from a SandboxCompany's records: what a synced store must match.

Every function reads the records as they are (no generator internals), so the ingestion tests
can compare PostgreSQL aggregates with these numbers exactly. Windows are half-open:
``since <= t < until``, either bound optional. Deployment outcomes are their last status.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from tools.sandbox.model import GhDeployment, SandboxCompany

# Sign of a won deal's amount in ARR. A renewal's amount is its uplift (a price rise, often 0).
DEAL_SIGN = {"new": 1, "expansion": 1, "renewal": 1, "contraction": -1, "churn": -1}
FAILED_STATES = ("failure", "error")


def arr_at(company: SandboxCompany, when: datetime) -> float:
    """ARR at ``when``: per CRM company, signed amounts of won deals closed at or before ``when``,
    floored at 0, summed over companies (new/expansion/renewal add, contraction/churn subtract)."""
    per_company: defaultdict[str, float] = defaultdict(float)
    for deal in company.deals:
        if deal.stage_id == "closedwon" and deal.close_date and deal.close_date <= when:
            per_company[deal.company_id] += DEAL_SIGN[deal.kind] * deal.amount
    return sum(max(arr, 0.0) for arr in per_company.values())


def arr_by_month_end(company: SandboxCompany) -> dict[str, float]:
    """``{"2025-05": ARR, ...}`` for every month from ``start`` to ``end``, at the month's last
    instant (the microsecond before the next month begins)."""
    out: dict[str, float] = {}
    year, month = company.start.year, company.start.month
    while (year, month) <= (company.end.year, company.end.month):
        nxt = (year + 1, 1) if month == 12 else (year, month + 1)
        last_instant = datetime(*nxt, 1, tzinfo=UTC) - timedelta(microseconds=1)
        out[f"{year:04d}-{month:02d}"] = arr_at(company, last_instant)
        year, month = nxt
    return out


def deploy_count(
    company: SandboxCompany,
    environment: str = "production",
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """Deployments to ``environment`` created in the window, whatever their outcome."""
    return len(_deploys(company, environment, since, until))


def failed_deploys(
    company: SandboxCompany,
    environment: str = "production",
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """Deployments to ``environment`` created in the window whose last status is failure/error."""
    return sum(_failed(d) for d in _deploys(company, environment, since, until))


def change_failure_rate(
    company: SandboxCompany,
    environment: str = "production",
    since: datetime | None = None,
    until: datetime | None = None,
) -> float:
    """``failed_deploys / deploy_count`` over the same window (0.0 when nothing was deployed)."""
    total = deploy_count(company, environment, since, until)
    return failed_deploys(company, environment, since, until) / total if total else 0.0


def mean_time_to_restore_hours(
    company: SandboxCompany,
    environment: str = "production",
    since: datetime | None = None,
    until: datetime | None = None,
) -> float | None:
    """Mean hours from a failed deploy's last status to the last status of the deploy named in
    its ``restored_by``, over failed deploys created in the window that were restored (else None).
    """
    by_id = {d.id: d for d in company.deployments}
    hours = [
        (by_id[d.restored_by].statuses[-1].created_at - d.statuses[-1].created_at) / _HOUR
        for d in _deploys(company, environment, since, until)
        if _failed(d) and d.restored_by is not None
    ]
    return sum(hours) / len(hours) if hours else None


def prs_merged(
    company: SandboxCompany, since: datetime | None = None, until: datetime | None = None
) -> int:
    """Pull requests whose ``merged_at`` falls in the window."""
    return sum(
        1 for p in company.pull_requests if p.merged_at and _within(p.merged_at, since, until)
    )


def jira_issues_by_type(company: SandboxCompany) -> dict[str, int]:
    """Jira issue counts by issue type ("Epic", "Story", "Bug", "Task")."""
    return dict(Counter(i.issue_type for i in company.jira_issues))


def jira_issues_by_status(company: SandboxCompany) -> dict[str, int]:
    """Jira issue counts by current status ("To Do", "In Progress", "In Review", "Done")."""
    return dict(Counter(i.status for i in company.jira_issues))


def deals_won(company: SandboxCompany, kind: str | None = None) -> int:
    """Deals in stage ``closedwon`` (of ``kind`` when given)."""
    return sum(1 for d in company.deals if d.stage_id == "closedwon" and kind in (None, d.kind))


def deals_lost(company: SandboxCompany, kind: str | None = None) -> int:
    """Deals in stage ``closedlost`` (of ``kind`` when given)."""
    return sum(1 for d in company.deals if d.stage_id == "closedlost" and kind in (None, d.kind))


def shipped_requests(company: SandboxCompany) -> set[tuple[str, str]]:
    """(deal id, Jira key) pairs of the request→production chain: the deal requests the issue, a
    merged PR names the key in ``jira_keys``, and a successful production deployment of the PR's
    repository runs a commit committed at or after that PR's ``merged_at``."""
    committed = {c.sha: c.committed_at for c in company.commits}
    newest_live: dict[str, datetime] = {}  # repo -> newest commit a good prod deploy ran
    for d in company.deployments:
        at = committed.get(d.sha)
        if d.environment == "production" and d.statuses[-1].state == "success" and at:
            newest_live[d.repo] = max(at, newest_live.get(d.repo, at))
    shipped = {
        key
        for p in company.pull_requests
        if p.merged_at and p.repo in newest_live and newest_live[p.repo] >= p.merged_at
        for key in p.jira_keys
    }
    keys = {i.key for i in company.jira_issues}
    return {
        (deal.id, key)
        for deal in company.deals
        for key in deal.requested_issue_keys
        if key in keys and key in shipped
    }


def linked_chains(company: SandboxCompany) -> int:
    """Number of deal → Jira issue → merged PR → successful production deploy chains (pairs)."""
    return len(shipped_requests(company))


def event_count(company: SandboxCompany) -> dict[str, int]:
    """Records the sync ingests as timeline events, by kind."""
    return {
        "pull_requests": len(company.pull_requests),
        "commits": len(company.commits),
        "releases": len(company.releases),
        "deployments": len(company.deployments),
        "deployment_statuses": sum(len(d.statuses) for d in company.deployments),
        "gh_issues": len(company.gh_issues),
        "jira_issues": len(company.jira_issues),
        "jira_transitions": sum(len(i.changelog) for i in company.jira_issues),
        "companies": len(company.companies),
        "deals": len(company.deals),
        "deal_stage_changes": sum(len(d.stage_history) for d in company.deals),
        "notes": len(company.notes),
    }


def total_events(company: SandboxCompany) -> int:
    """Sum of ``event_count`` over every kind."""
    return sum(event_count(company).values())


_HOUR = timedelta(hours=1)


def _within(t: datetime, since: datetime | None, until: datetime | None) -> bool:
    return (since is None or since <= t) and (until is None or t < until)


def _deploys(
    company: SandboxCompany, environment: str, since: datetime | None, until: datetime | None
) -> list[GhDeployment]:
    return [
        d
        for d in company.deployments
        if d.environment == environment and _within(d.created_at, since, until)
    ]


def _failed(deployment: GhDeployment) -> bool:
    return deployment.statuses[-1].state in FAILED_STATES
