"""The roadmap graph on a synced sandbox: throughput from real Jira data, ARR from the CRM."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from agents.roadmap.schemas import RiceWeights, WsjfWeights
from devbizops.db import Database
from devbizops.sync import run_sync, sandbox_targets
from memory.models import RoadmapItem
from memory.repositories.orgs import OrgRepository
from memory.roadmap_models import RoadmapForecast
from memory.store import SqlGraphStore
from tests.graphs.conftest import ServiceFactory
from tools.llm import LanguageModel
from tools.sandbox.model import SandboxCompany
from tools.sandbox.serve import run_sandbox
from tools.sandbox.truth import DEAL_SIGN

ORG = "test-org"
START = date(2026, 11, 2)  # the Monday after the sandbox's last day
QUARTER_END = "2026-12-31"


@pytest.fixture
def synced(db: Database, company: SandboxCompany) -> SandboxCompany:
    """The test database holding the sandbox's Jira and CRM data, as `devbizops sync` leaves it."""
    with run_sandbox(company) as running:
        targets = sandbox_targets(running.endpoints, ("jira", "crm"))
        run_sync(db, ORG, targets, full=True, progress=lambda what, n: None)
    return company


def _truth_throughput(company: SandboxCompany, weeks: int) -> list[tuple[str, float, int]]:
    """Done non-epic issues per ISO week (by resolution day, UTC), straight from the records."""
    end = START - timedelta(days=START.weekday())
    first = end - timedelta(weeks=weeks)
    points: defaultdict[date, float] = defaultdict(float)
    count: defaultdict[date, int] = defaultdict(int)
    for issue in company.jira_issues:
        if issue.status != "Done" or issue.issue_type == "Epic" or issue.resolved is None:
            continue
        day = issue.resolved.astimezone(UTC).date()
        monday = day - timedelta(days=day.weekday())
        if first <= monday < end:
            points[monday] += issue.story_points or 0
            count[monday] += 1
    mondays = [first + timedelta(weeks=i) for i in range(weeks)]
    return [(m.isoformat(), points[m], count[m]) for m in mondays]


def _truth_arr(company: SandboxCompany, name: str) -> float:
    target = next(c for c in company.companies if c.name == name)
    arr = sum(
        DEAL_SIGN[d.kind] * d.amount
        for d in company.deals
        if d.company_id == target.id and d.stage_id == "closedwon"
    )
    return max(arr, 0.0)


def _requirements(company: SandboxCompany) -> list[dict[str, Any]]:
    customers = [c.name for c in company.companies[:3]]
    base = {"user_story": "As a user I want it", "acceptance_criteria": ["works", "is fast"]}
    return [
        base
        | {
            "key": "REQ-1",
            "title": "SAML single sign-on",
            "category": "security_compliance",
            "priority": "must",
            "evidence": ["q1", "q2"],
            "account": customers[0].upper(),  # call notes spell names their own way
        },
        base
        | {
            "key": "REQ-2",
            "title": "Bulk export to CSV",
            "category": "feature",
            "priority": "should",
            "evidence": ["q3"],
            "account": customers[1],
        },
        base
        | {
            "key": "REQ-3",
            "title": "Slow report page",
            "category": "performance",
            "priority": "could",
            "evidence": ["q4"],
            "account": customers[2].lower(),
        },
    ]


def _run(runs: Any, data: dict[str, Any]) -> dict[str, Any]:
    run = runs.create(ORG, "roadmap", data)
    done = runs.execute(run.id)
    assert done.status == "succeeded", done.error
    return {"run_id": run.id, **done.output["roadmap"]}


def test_synced_sandbox_gives_throughput_arr_and_dated_forecast(
    run_service: ServiceFactory, offline_llm: LanguageModel, db: Database, synced: SandboxCompany
) -> None:
    backlog = [{"key": "DBO-9001", "title": "Audit log export", "story_points": 8}]
    with run_service(offline_llm) as runs:
        roadmap = _run(
            runs,
            {
                "requirements": _requirements(synced),
                "backlog": backlog,
                "start": START.isoformat(),
            },
        )
    summary, items = roadmap["forecast"], roadmap["items"]

    truth = _truth_throughput(synced, 12)
    assert summary["weekly_throughput"] == [p for _, p, _ in truth]
    assert sum(p for _, p, _ in truth) > 0 and summary["unit"] == "points"
    assert (summary["start"], summary["quarter_end"], summary["trials"]) == (
        "2026-11-02",
        QUARTER_END,
        10_000,
    )

    customers = [c.name for c in synced.companies[:3]]
    by_key = {i["key"]: i for i in items}
    for key, name in zip(("REQ-1", "REQ-2", "REQ-3"), customers, strict=True):
        assert by_key[key]["arr_at_stake"] == _truth_arr(synced, name)
    assert any(i["arr_at_stake"] > 0 for i in items)

    forecasts = [i["forecast"] for i in sorted(items, key=lambda i: i["rank"])]
    p50 = [f["p50_date"] for f in forecasts]
    p85 = [f["p85_date"] for f in forecasts]
    assert all(a <= b for a, b in zip(p50, p85, strict=True))
    assert p50 == sorted(p50) and p85 == sorted(p85)
    assert [f["fits_quarter"] for f in forecasts] == [d <= QUARTER_END for d in p85]
    lead = items[0]
    assert (
        f"{lead['key']} is forecast for {lead['forecast']['p50_date']} (P50)"
        in (roadmap["rationale"])
    )

    with db.transaction() as session:
        stored = session.execute(
            select(
                RoadmapForecast.key, RoadmapForecast.p85_date, RoadmapForecast.fits_quarter
            ).where(RoadmapForecast.run_id == roadmap["run_id"])
        ).all()
        methods = session.execute(
            select(RoadmapItem.method, RoadmapItem.score_inputs).where(
                RoadmapItem.run_id == roadmap["run_id"]
            )
        ).all()
    assert {(k, d and d.isoformat(), f) for k, d, f in stored} == {
        (i["key"], i["forecast"]["p85_date"], i["forecast"]["fits_quarter"]) for i in items
    }
    assert {m for m, _ in methods} == {"rice"}
    assert all(set(inputs) == {"method", "rice", "wsjf"} for _, inputs in methods)


def test_throughput_window_follows_the_history_weeks(db: Database, synced: SandboxCompany) -> None:
    store = SqlGraphStore(db.transaction)
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
    weeks = store.weekly_throughput(org_id, START, 20)
    assert [(w["week"], w["points"], w["items"]) for w in weeks] == _truth_throughput(synced, 20)


def test_without_synced_work_every_item_is_unfit_and_the_rationale_says_why(
    run_service: ServiceFactory, offline_llm: LanguageModel
) -> None:
    backlog = [{"key": "PROJ-1", "title": "Fix crash", "category": "bug", "story_points": 3}]
    with run_service(offline_llm) as runs:
        roadmap = _run(runs, {"requirements": [], "backlog": backlog, "start": "2026-11-02"})
    assert roadmap["forecast"]["status"] == "no_throughput"
    assert [i["forecast"]["fits_quarter"] for i in roadmap["items"]] == [False]
    assert "no completion date can be forecast" in roadmap["rationale"]


BACKLOG = [
    {
        "key": "PROJ-1",
        "title": "Bulk export",
        "category": "feature",
        "priority": "must",
        "story_points": 13,
        "accounts": ["A", "B", "C", "D", "E"],
        "arr_at_stake": 500_000,
    },
    {
        "key": "PROJ-2",
        "title": "Token leak in logs",
        "category": "bug",
        "priority": "must",
        "story_points": 2,
    },
]
THROUGHPUT = [{"week": "2026-10-26", "points": 10, "items": 3}]


def test_method_switch_reorders_and_is_stored_with_its_score(
    run_service: ServiceFactory, offline_llm: LanguageModel, db: Database
) -> None:
    common = {
        "requirements": [],
        "backlog": BACKLOG,
        "throughput": THROUGHPUT,
        "start": "2026-11-02",
    }
    with run_service(offline_llm) as runs:
        rice = _run(runs, common)
        wsjf = _run(runs, common | {"method": "wsjf"})
    assert [i["key"] for i in rice["items"]] == ["PROJ-1", "PROJ-2"]
    assert [i["key"] for i in wsjf["items"]] == ["PROJ-2", "PROJ-1"]
    assert wsjf["method"] == "wsjf" and "by WSJF" in wsjf["rationale"]
    with db.transaction() as session:
        rows = session.execute(
            select(RoadmapItem.key, RoadmapItem.method, RoadmapItem.score)
            .where(RoadmapItem.run_id == wsjf["run_id"])
            .order_by(RoadmapItem.rank)
        ).all()
    assert [tuple(r) for r in rows] == [
        (i["key"], "wsjf", i["wsjf"]["score"]) for i in wsjf["items"]
    ]


def test_storing_a_run_roadmap_twice_adds_nothing(
    run_service: ServiceFactory, offline_llm: LanguageModel, db: Database
) -> None:
    common = {"requirements": [], "backlog": BACKLOG, "throughput": THROUGHPUT}
    with run_service(offline_llm) as runs:
        roadmap = _run(runs, common | {"start": "2026-11-02"})
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
    summary = roadmap["forecast"]
    SqlGraphStore(db.transaction).save_ranked_roadmap(
        org_id, roadmap["run_id"], "rice", roadmap["items"], summary["quarter_end"], summary["unit"]
    )
    with db.transaction() as session:
        forecast_keys = session.execute(
            select(RoadmapForecast.key).where(RoadmapForecast.run_id == roadmap["run_id"])
        ).scalars()
        assert sorted(forecast_keys) == ["PROJ-1", "PROJ-2"]
        item_keys = session.execute(
            select(RoadmapItem.key).where(RoadmapItem.run_id == roadmap["run_id"])
        ).scalars()
        assert sorted(item_keys) == ["PROJ-1", "PROJ-2"]


def test_org_weights_stored_in_postgres_drive_the_ranking(
    run_service: ServiceFactory, offline_llm: LanguageModel, db: Database
) -> None:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(ORG)
    store = SqlGraphStore(db.transaction)
    # An org that prices ARR so cheaply that money dominates: the big deal comes first again.
    wsjf = WsjfWeights(arr_per_value_point=1_000).model_dump(mode="json")
    store.save_scoring_weights(org_id, RiceWeights().model_dump(mode="json"), wsjf)
    assert store.scoring_weights(org_id) == {
        "rice": RiceWeights().model_dump(mode="json"),
        "wsjf": wsjf,
    }

    common = {
        "requirements": [],
        "backlog": BACKLOG,
        "throughput": THROUGHPUT,
        "start": "2026-11-02",
    }
    with run_service(offline_llm) as runs:
        stored = _run(runs, common | {"method": "wsjf"})
        overridden = _run(runs, common | {"method": "wsjf", "wsjf_weights": {}})
    assert [i["key"] for i in stored["items"]] == ["PROJ-1", "PROJ-2"]
    assert stored["items"][0]["wsjf"]["inputs"]["arr_per_value_point"] == 1_000
    # Weights in the request win over the org's.
    assert [i["key"] for i in overridden["items"]] == ["PROJ-2", "PROJ-1"]
