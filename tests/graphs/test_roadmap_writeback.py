"""Roadmap write-back with approval: propose ranks and target versions, write approved, once."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from agents.roadmap.writeback import quarter_version
from api.runs.service import RunService
from devbizops.connectors import ConnectorView
from devbizops.db import Database
from devbizops.errors import InvalidInput
from devbizops.settings import Settings
from graphs.approval import check_decision
from tests.graphs.conftest import ServiceFactory, add_jira_connector
from tests.tools.jira.openapi_contract import assert_request_conforms
from tools.jira import adf
from tools.llm import LanguageModel
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer

ORG = "test-org"
CONNECTOR = "jira-roadmap"
START = date(2026, 11, 2)
MISSING = "DBO-99999"


@pytest.fixture
def connector(
    settings: Settings, db: Database, jira_site: JiraSandbox, jira_server: LoopbackServer
) -> ConnectorView:
    return add_jira_connector(settings, db, ORG, CONNECTOR, jira_server, jira_site)


def backlog_keys(company: SandboxCompany) -> list[str]:
    """Two open stories and one done one (it has a fix version to show as current)."""
    stories = [i for i in company.jira_issues if i.issue_type == "Story"]
    open_ = [i.key for i in stories if i.status == "To Do"][:2]
    done = next(i.key for i in stories if i.status == "Done" and i.fix_version_ids)
    return [*open_, done]


def roadmap_input(company: SandboxCompany, **extra: Any) -> dict[str, Any]:
    """Three Jira stories, one key Jira does not know, and one requirement not yet in Jira."""
    points = [5, 8, 13, 21]
    backlog = [
        {"key": key, "title": f"Backlog item {key}", "story_points": points[n]}
        for n, key in enumerate([*backlog_keys(company), MISSING])
    ]
    requirement = {
        "key": "REQ-1",
        "title": "Audit log export",
        "category": "security_compliance",
        "priority": "must",
        "evidence": [{"quote": "we need the audit log"}],
        "acceptance_criteria": ["exports CSV"],
        "account": "Acme Logistics",
    }
    throughput = [
        {"week": date.fromordinal(START.toordinal() - 7 * w).isoformat(), "points": 6, "items": 2}
        for w in range(1, 9)
    ]
    return {
        "requirements": [requirement],
        "backlog": backlog,
        "start": START.isoformat(),
        "throughput": throughput,
        "write_back": {"connector": CONNECTOR},
        **extra,
    }


def comments_by_us(site: JiraSandbox) -> dict[str, list[str]]:
    """Issue key → text of every comment clients added, for issues that have any."""
    out: dict[str, list[str]] = {}
    for issue in site.store.company.jira_issues:
        texts = [adf.to_text(c.body) for c in site.store.comments(issue.key)]
        if texts:
            out[issue.key] = texts
    return out


def interrupted(runs: RunService, data: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    run = runs.execute(runs.create(ORG, "roadmap", data).id)
    assert run.status == "interrupted", run.error
    [request] = runs.pending(run.id)
    return run, request


def test_write_back_stops_with_rank_and_target_version_per_jira_issue_and_writes_nothing(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    company: SandboxCompany,
    jira_site: JiraSandbox,
    connector: ConnectorView,
) -> None:
    with run_service(offline_llm) as runs:
        run, request = interrupted(runs, roadmap_input(company))
        events = runs.events(run.id)
    keys = backlog_keys(company)
    assert request["kind"] == "roadmap.writeback" and request["connector"] == CONNECTOR
    changes = request["changes"]
    assert sorted(c["key"] for c in changes) == sorted(keys)
    assert [c["position"] for c in changes] == [1, 2, 3]
    assert [c["rank"] for c in changes] == sorted(c["rank"] for c in changes)
    for change in changes:
        assert change["target_version"] == quarter_version(date.fromisoformat(change["p85_date"]))
        assert change["target_version"] in request["versions"]
        stored = jira_site.store.get(change["key"])
        assert stored is not None
        names = [jira_site.store.version(v).name for v in stored.fix_version_ids]  # type: ignore[union-attr]
        assert change["current"] == {
            "summary": stored.summary,
            "status": stored.status,
            "fix_versions": names,
        }
    assert request["versions"][0] == "2026-Q4" and len(request["versions"]) >= 4
    reasons = {s["key"]: s["reason"] for s in request["skipped"]}
    assert reasons["REQ-1"].startswith("requirement not in Jira yet")
    assert reasons[MISSING] == f"{MISSING} was not found on the Jira site"
    skipped = [e.payload["key"] for e in events if e.type == "roadmap.item_skipped"]
    assert sorted(skipped) == sorted(reasons)
    assert comments_by_us(jira_site) == {}


def test_approving_some_writes_exactly_those_issues_once_even_when_resume_is_repeated(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    company: SandboxCompany,
    jira_site: JiraSandbox,
    jira_server: LoopbackServer,
    connector: ConnectorView,
) -> None:
    with run_service(offline_llm) as runs:
        run, request = interrupted(runs, roadmap_input(company))
        first, _, third = request["changes"]
        later = request["versions"][-1]
        decision = {"action": "approve", "positions": [1, 3], "edits": {"3": later}}
        # The first comment commits but its answer is lost: the client finds it, adds none.
        jira_site.after_write.server_error(times=1, path_prefix="/rest/api/3/issue/")
        done = runs.resume(run.id, decision)
        again = runs.resume(run.id, decision)
        events = runs.events(run.id)
    assert done.status == "succeeded", done.error
    assert again.status == "succeeded" and again.output == done.output
    written = comments_by_us(jira_site)
    assert sorted(written) == sorted([first["key"], third["key"]])
    assert all(len(texts) == 1 for texts in written.values())
    total = len(done.output["roadmap"]["items"]) if done.output else 0
    assert f"rank {first['rank']} of {total} by RICE" in written[first["key"]][0]
    assert f"Target version: {first['target_version']}" in written[first["key"]][0]
    assert f"Target version: {later} (P85" in written[third["key"]][0]
    assert done.output is not None
    assert [(w["key"], w["target_version"]) for w in done.output["written"]] == [
        (first["key"], first["target_version"]),
        (third["key"], later),
    ]
    recorded = [e.payload["key"] for e in events if e.type == "jira.roadmap_written"]
    assert recorded == [first["key"], third["key"]]
    journal = jira_site.journal.entries()
    assert journal, "the run service's client talked to the site"
    for entry in journal:
        assert_request_conforms(entry.as_httpx(jira_server.base_url))


def test_retrying_after_jira_failed_mid_write_adds_no_second_comment(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    company: SandboxCompany,
    jira_site: JiraSandbox,
    connector: ConnectorView,
) -> None:
    decision = {"action": "approve"}
    with run_service(offline_llm) as runs:
        run, request = interrupted(runs, roadmap_input(company))
        keys = [c["key"] for c in request["changes"]]
        # The first issue gets its comment; Jira then fails every attempt on the second.
        jira_site.faults.server_error(
            status=503, times=5, path_prefix=f"/rest/api/3/issue/{keys[1]}/comment"
        )
        failed = runs.resume(run.id, decision)
        assert failed.status == "failed"
        assert sorted(comments_by_us(jira_site)) == [keys[0]]
        done = runs.resume(run.id, decision)
    assert done.status == "succeeded", done.error
    written = comments_by_us(jira_site)
    assert sorted(written) == sorted(keys) and all(len(t) == 1 for t in written.values())
    assert done.output is not None
    assert [(w["key"], w["created"]) for w in done.output["written"]] == [
        (keys[0], False),
        (keys[1], True),
        (keys[2], True),
    ]


def test_rejecting_writes_nothing(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    company: SandboxCompany,
    jira_site: JiraSandbox,
    connector: ConnectorView,
) -> None:
    with run_service(offline_llm) as runs:
        run, _ = interrupted(runs, roadmap_input(company))
        done = runs.resume(run.id, {"action": "reject"})
    assert done.status == "succeeded", done.error
    assert done.output is not None and done.output["written"] == []
    assert done.output["decision"]["action"] == "reject"
    assert comments_by_us(jira_site) == {}
    assert [e.method for e in jira_site.journal.entries() if e.method != "GET"] == []


INVALID: list[tuple[dict[str, Any], str]] = [
    ({"action": "approve", "positions": [9]}, "no proposed change at position 9; positions are 1"),
    ({"action": "approve", "edits": {"1": "1999-Q1"}}, "'1999-Q1' for position 1 is not offered"),
    ({"action": "approve", "positions": [2], "edits": {"1": "2027-Q1"}}, "1 .* is not approved"),
    ({"action": "reject", "positions": [1]}, "a rejection takes no positions or edits"),
    ({"action": "maybe"}, "invalid decision: action"),
]


@pytest.mark.parametrize(("decision", "message"), INVALID)
def test_invalid_decision_is_refused_before_anything_is_written(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    company: SandboxCompany,
    jira_site: JiraSandbox,
    connector: ConnectorView,
    decision: dict[str, Any],
    message: str,
) -> None:
    with run_service(offline_llm) as runs:
        run, request = interrupted(runs, roadmap_input(company))
        with pytest.raises(InvalidInput, match=message):
            check_decision(request, decision)
        assert runs.pending(run.id) == [request]
    assert comments_by_us(jira_site) == {}


def test_roadmap_without_jira_issues_finishes_without_asking(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    company: SandboxCompany,
    jira_site: JiraSandbox,
    connector: ConnectorView,
) -> None:
    data = roadmap_input(company)
    data["backlog"] = [b for b in data["backlog"] if b["key"] == MISSING]
    with run_service(offline_llm) as runs:
        run = runs.execute(runs.create(ORG, "roadmap", data).id)
    assert run.status == "succeeded", run.error
    assert run.output is not None and run.output["proposal"] == []
    assert {s["key"] for s in run.output["skipped"]} == {"REQ-1", MISSING}
    assert comments_by_us(jira_site) == {}


def test_roadmap_without_write_back_has_no_approval_step(
    run_service: ServiceFactory, offline_llm: LanguageModel, company: SandboxCompany
) -> None:
    data = roadmap_input(company)
    del data["write_back"]
    with run_service(offline_llm) as runs:
        run = runs.execute(runs.create(ORG, "roadmap", data).id)
    assert run.status == "succeeded", run.error
    assert run.output is not None and set(run.output) == {"roadmap"}
