"""Syncing the sandbox company reproduces its ground truth, idempotently and despite faults."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import column, func, select

from devbizops.connectors import ConnectorView
from devbizops.db import Database
from devbizops.sync import Target, run_sync
from memory.models import Base
from memory.repositories import correlation
from memory.repositories.orgs import OrgRepository
from memory.source_models import (
    Commit,
    Company,
    CrmNote,
    Deal,
    DealStageChange,
    Deployment,
    DeploymentStatus,
    Event,
    GitHubIssue,
    JiraIssue,
    JiraTransition,
    PullRequest,
    Release,
)
from tests.support.postgres import database_from
from tools.crm.errors import CrmAuthError
from tools.sandbox import truth
from tools.sandbox.model import SandboxCompany
from tools.sandbox.serve import RunningSandbox, run_sandbox
from tools.sandbox.servers import github, hubspot, jira

ORG = "sandbox-org"


@pytest.fixture(scope="module")
def _running(company: SandboxCompany) -> Iterator[RunningSandbox]:
    with run_sandbox(company) as running:
        yield running


@pytest.fixture
def sandbox(_running: RunningSandbox) -> Iterator[RunningSandbox]:
    """The module's sandbox with full budgets and no faults queued, whatever the last test did."""
    _reset(_running)
    yield _running
    _reset(_running)


def _reset(running: RunningSandbox) -> None:
    github.sandbox_of(running.servers["github"].app).reset()
    jira.sandbox_of(running.servers["jira"].app).reset()
    hubspot.fault_plan(running.servers["crm"].app).clear()


def _targets(running: RunningSandbox, **secrets: dict[str, str]) -> list[Target]:
    return [
        Target(
            ConnectorView(f"sandbox-{source}", source, ep.base_url, ep.settings),
            secrets.get(source, ep.secrets),
        )
        for source, ep in running.endpoints.items()
    ]


def _sync(db: Database, targets: list[Target], *, full: bool = False) -> dict[str, Any]:
    return run_sync(db, ORG, targets, full=full, progress=lambda what, n: None)


TABLES: dict[str, type[Base]] = {
    "pull_requests": PullRequest,
    "commits": Commit,
    "releases": Release,
    "deployments": Deployment,
    "deployment_statuses": DeploymentStatus,
    "gh_issues": GitHubIssue,
    "jira_issues": JiraIssue,
    "jira_transitions": JiraTransition,
    "companies": Company,
    "deals": Deal,
    "deal_stage_changes": DealStageChange,
    "notes": CrmNote,
}


def _row_counts(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
        return {
            kind: session.execute(
                select(func.count()).select_from(model).where(column("org_id") == org_id)
            ).scalar_one()
            for kind, model in TABLES.items()
        }


def _event_count(db: Database) -> int:
    with db.transaction() as session:
        return session.execute(select(func.count()).select_from(Event)).scalar_one()


@pytest.fixture(scope="module")
def first(pg_template: str, _running: RunningSandbox) -> Iterator[tuple[Database, dict[str, Any]]]:
    """A database of its own with one complete sync of the sandbox, and that sync's report.

    Shared by the read-only checks and the re-sync checks, which must change nothing in it.
    """
    _reset(_running)
    with pytest.MonkeyPatch.context() as mp, database_from(pg_template) as url:
        mp.setenv("NO_PROXY", "127.0.0.1,localhost")
        database = Database(url=url, embedded=False)
        try:
            yield database, _sync(database, _targets(_running))
        finally:
            database.dispose()


def test_first_sync_stores_exactly_the_generated_company(
    first: tuple[Database, dict[str, Any]], company: SandboxCompany
) -> None:
    db, report = first
    assert _row_counts(db) == truth.event_count(company)
    # Every record is one event, plus a "merged" event for each merged PR.
    expected_events = truth.total_events(company) + truth.prs_merged(company)
    assert _event_count(db) == expected_events
    assert sum(s["events"] for s in report["sources"].values()) == expected_events
    assert {s: c["inserted"] for s, c in report["sources"].items()} == {
        "github": sum(truth.event_count(company)[k] for k in GITHUB_RECORDS),
        "jira": len(company.jira_issues),
        "crm": len(company.companies) + len(company.deals) + len(company.notes),
    }


def test_deployments_table_gives_true_deploy_and_failure_counts(
    first: tuple[Database, dict[str, Any]], company: SandboxCompany
) -> None:
    db, _ = first
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
        prod = select(func.count()).where(
            Deployment.org_id == org_id, Deployment.environment == "production"
        )
        failed = prod.where(Deployment.state.in_(truth.FAILED_STATES))
        counts = session.execute(prod).scalar_one(), session.execute(failed).scalar_one()
    assert counts == (truth.deploy_count(company), truth.failed_deploys(company))
    assert 0 < counts[1] < counts[0]


def test_arr_at_month_ends_matches_truth(
    first: tuple[Database, dict[str, Any]], company: SandboxCompany
) -> None:
    db, _ = first
    expected = truth.arr_by_month_end(company)
    months = [*sorted(expected)[::3], max(expected)]
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
        found = {m: correlation.arr_at(session, org_id, _month_end(m)) for m in months}
    assert found == pytest.approx({m: expected[m] for m in months})
    assert found[max(expected)] > 0


def test_request_to_production_finds_exactly_the_true_chains(
    first: tuple[Database, dict[str, Any]], company: SandboxCompany
) -> None:
    db, _ = first
    with db.transaction() as session:
        shipped = correlation.request_to_production(session, OrgRepository(session).ensure(ORG))
    assert len(shipped) == truth.linked_chains(company) > 0
    assert {(s.deal_id, s.jira_key) for s in shipped} == truth.shipped_requests(company)
    assert {(s.deal_id, s.jira_key): s.deployment_id for s in shipped} == _first_deploys(company)
    assert all(s.lead_time is not None and s.lead_time > timedelta(0) for s in shipped)


def _first_deploys(company: SandboxCompany) -> dict[tuple[str, str], int]:
    """Per shipped request, the earliest good production deploy (by its final status) that ran a
    commit committed at or after the merge of a PR naming the key — computed from the records."""
    committed = {c.sha: c.committed_at for c in company.commits}
    live = [
        d
        for d in company.deployments
        if d.environment == "production"
        and d.statuses[-1].state == "success"
        and d.sha in committed
    ]
    out: dict[tuple[str, str], int] = {}
    for deal_id, key in truth.shipped_requests(company):
        candidates = [
            (d.statuses[-1].created_at, d.id)
            for p in company.pull_requests
            if p.merged_at and key in p.jira_keys
            for d in live
            if d.repo == p.repo and committed[d.sha] >= p.merged_at
        ]
        out[(deal_id, key)] = min(candidates)[1]
    return out


def test_second_sync_inserts_and_updates_nothing(
    first: tuple[Database, dict[str, Any]], sandbox: RunningSandbox
) -> None:
    db, _ = first
    before = _row_counts(db), _event_count(db)

    again = _sync(db, _targets(sandbox))

    changed = {s: (c["inserted"], c["updated"], c["events"]) for s, c in again["sources"].items()}
    assert changed == {"github": (0, 0, 0), "jira": (0, 0, 0), "crm": (0, 0, 0)}
    assert (_row_counts(db), _event_count(db)) == before


def test_full_sync_rereads_everything_but_inserts_nothing(
    first: tuple[Database, dict[str, Any]], sandbox: RunningSandbox, company: SandboxCompany
) -> None:
    db, report = first

    full = _sync(db, _targets(sandbox), full=True)

    for source, counts in full["sources"].items():
        assert counts["inserted"] == counts["updated"] == counts["events"] == 0, source
        assert counts["fetched"] == report["sources"][source]["fetched"] > 0, source
    assert _row_counts(db) == truth.event_count(company)


def test_sync_through_429_and_5xx_burst_loses_nothing(
    db: Database, sandbox: RunningSandbox, company: SandboxCompany
) -> None:
    servers = sandbox.servers
    github.sandbox_of(servers["github"].app).faults.rate_limit(retry_after=1, path_prefix="/repos")
    jira.sandbox_of(servers["jira"].app).faults.server_error(status=503, times=2)
    hubspot.fault_plan(servers["crm"].app).server_error(status=502, times=2)
    hubspot.fault_plan(servers["crm"].app).rate_limit(retry_after=1)

    _sync(db, _targets(sandbox))

    assert _row_counts(db) == truth.event_count(company)
    assert _event_count(db) == truth.total_events(company) + truth.prs_merged(company)
    injected = [
        github.sandbox_of(servers["github"].app).faults.injected,
        jira.sandbox_of(servers["jira"].app).faults.injected,
        hubspot.fault_plan(servers["crm"].app).injected,
    ]
    assert injected == [1, 2, 3]


def test_wrong_crm_token_raises_crm_auth_error_and_writes_no_crm_rows(
    db: Database, sandbox: RunningSandbox, company: SandboxCompany
) -> None:
    targets = _targets(sandbox, crm={"token": "pat-na1-wrong"})
    jira_and_crm = [t for t in targets if t.view.source != "github"]

    with pytest.raises(CrmAuthError):
        _sync(db, jira_and_crm)

    counts = _row_counts(db)
    assert counts["jira_issues"] == len(company.jira_issues)
    assert counts["companies"] == counts["deals"] == counts["notes"] == 0
    with db.transaction() as session:
        crm_events = select(func.count()).where(Event.source == "crm")
        assert session.execute(crm_events).scalar_one() == 0


GITHUB_RECORDS = ("pull_requests", "commits", "releases", "deployments", "gh_issues")


def _month_end(month: str) -> datetime:
    year, mon = map(int, month.split("-"))
    return datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=UTC) - timedelta(microseconds=1)
