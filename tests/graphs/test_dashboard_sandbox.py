"""On a synced sandbox company the dashboard reproduces the sandbox's ground truth."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from agents.dashboard.metrics import compute_metrics
from agents.dashboard.period import resolve_period
from agents.dashboard.schemas import DashboardMetrics, DashboardSnapshot
from devbizops.db import Database
from devbizops.sync import run_sync, sandbox_targets
from memory.repositories.orgs import OrgRepository
from memory.store import SqlGraphStore
from tests.graphs.conftest import ServiceFactory
from tools.llm import LanguageModel
from tools.sandbox import truth
from tools.sandbox.model import SandboxCompany
from tools.sandbox.serve import RunningSandbox

ORG = "test-org"


@pytest.fixture
def synced(db: Database, sandbox: RunningSandbox) -> Database:
    targets = sandbox_targets(sandbox.endpoints)
    run_sync(db, ORG, targets, full=False, progress=lambda what, n: None)
    return db


def dashboard(db: Database, start: date | None, end: date | None) -> DashboardMetrics:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
    snapshot = SqlGraphStore(db.transaction).dashboard_snapshot(org_id, start, end)
    return compute_metrics(DashboardSnapshot.model_validate(snapshot))


def months(company: SandboxCompany) -> list[tuple[date, date]]:
    """(first day, last day) of every whole month of the sandbox."""
    out = []
    for key in sorted(truth.arr_by_month_end(company)):
        year, month = map(int, key.split("-"))
        first = date(year, month, 1)
        nxt = date(year + month // 12, month % 12 + 1, 1)
        out.append((first, date.fromordinal(nxt.toordinal() - 1)))
    return out


def test_synced_sandbox_metrics_match_ground_truth(
    synced: Database, company: SandboxCompany
) -> None:
    arr = truth.arr_by_month_end(company)
    whole = months(company)
    for (first, last), previous in zip(whole[1::4], whole[0::4], strict=False):
        saas = dashboard(synced, first, last).saas
        assert saas is not None
        assert saas.arr_end == pytest.approx(arr[last.isoformat()[:7]])
        assert saas.arr_start == pytest.approx(arr[previous[1].isoformat()[:7]])
        bridge = saas.arr_start + saas.new_arr + saas.expansion_arr
        assert bridge - saas.contraction_arr - saas.churned_arr == pytest.approx(saas.arr_end)

    start, end = company.start.date(), company.end.date()
    period = resolve_period(start, end, None, company.end)
    since, until = period.start, period.until
    m = dashboard(synced, start, end)
    assert m.dora is not None and m.flow is not None and m.correlation is not None
    assert m.dora.deploys == truth.deploy_count(company, since=since, until=until) > 0
    assert m.dora.failed_deploys == truth.failed_deploys(company, since=since, until=until) > 0
    assert m.dora.change_failure_rate == round(
        truth.change_failure_rate(company, since=since, until=until), 4
    )
    mttr = truth.mean_time_to_restore_hours(company, since=since, until=until)
    assert mttr is not None and m.dora.time_to_restore_hours == round(mttr, 2)
    assert m.flow.prs_merged == truth.prs_merged(company, since=since, until=until)
    assert m.correlation.requests_shipped == truth.linked_chains(company) > 0
    assert m.saas is not None and m.saas.arr_end == pytest.approx(arr[max(arr)])


def test_default_period_is_the_90_days_ending_on_the_newest_synced_event(
    synced: Database, company: SandboxCompany
) -> None:
    m = dashboard(synced, None, None)

    assert m.period_end is not None and m.period_start is not None
    assert m.period_end.date() == company.end.date()
    assert (m.period_end.date() - m.period_start.date()).days == 89
    period = resolve_period(m.period_start.date(), m.period_end.date(), None, company.end)
    since, until = period.start, period.until
    assert m.dora is not None and m.dora.deploys == truth.deploy_count(
        company, since=since, until=until
    )


def test_dashboard_run_on_synced_sandbox_renders_every_chart_and_a_checked_update(
    synced: Database,
    company: SandboxCompany,
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
) -> None:
    period = {
        "period_start": company.start.date().isoformat(),
        "period_end": str(company.end.date()),
    }
    with run_service(offline_llm) as service:
        run = service.create(ORG, "dashboard", period)
        done = service.execute(run.id)

    assert done.status == "succeeded", done.error
    out = done.output or {}
    assert set(out["charts"]) == {
        "arr_movements",
        "pipeline_by_stage",
        "dora_trend",
        "request_lead_time",
    }
    for files in out["charts"].values():
        assert ElementTree.parse(files["svg"]).getroot().tag.endswith("svg")
        png = Path(files["png"]).read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
    update = out["investor_update"]
    saas = out["metrics"]["saas"]
    assert f"${saas['arr_end']:,.0f}" in update
    assert out["narrative"] in update and "## Customer requests shipped" in update
