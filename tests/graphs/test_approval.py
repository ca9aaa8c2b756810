"""Jira write-back with approval: interrupt, approve some/all or reject, idempotent creation."""

from __future__ import annotations

from typing import Any

import pytest

from api.runs.service import RunService
from devbizops.connectors import ConnectorView
from devbizops.db import Database
from devbizops.settings import Settings
from devbizops.sync import Target, run_sync
from tests.conftest import read_sample
from tests.graphs.conftest import ServiceFactory, add_jira_connector
from tools.jira import JiraClient
from tools.llm import LanguageModel
from tools.sandbox.servers import jira
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer

ORG = "test-org"
CONNECTOR = "jira-sandbox"
ACME = read_sample("acme_logistics_discovery.txt")


@pytest.fixture
def jira_connector(
    settings: Settings, db: Database, jira_site: JiraSandbox, jira_server: LoopbackServer
) -> ConnectorView:
    return add_jira_connector(settings, db, ORG, CONNECTOR, jira_server, jira_site)


def created_issues(site: JiraSandbox) -> list[tuple[str, str]]:
    """(key, summary) of every issue clients created on the site, in creation order."""
    keys = [e.issue_key for e in site.store.events if e.kind == "jira:issue_created"]
    return [(k, site.store.get(k).summary) for k in keys]  # type: ignore[union-attr]


def write_back_input(site: JiraSandbox, account: str = "Acme Logistics") -> dict[str, Any]:
    return {
        "transcript": ACME,
        "account": account,
        "write_back": {"jira_connector": CONNECTOR, "project": site.store.project_key},
    }


def sync_jira(db: Database, view: ConnectorView) -> None:
    secrets = {"api_token": jira.DEFAULT_API_TOKEN}
    run_sync(db, ORG, [Target(view, secrets)], full=True, progress=lambda *_: None)


def interrupted_run(runs: RunService, data: dict[str, Any], graph: str = "techtranslator") -> Any:
    run = runs.execute(runs.create(ORG, graph, data).id)
    assert run.status == "interrupted", run.error
    return run


def test_run_with_write_back_stops_with_the_proposed_issues_and_writes_nothing(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
) -> None:
    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site))
        [request] = runs.pending(run.id)
        events = runs.events(run.id)
    stopped = [e for e in events if e.type == "run.interrupted"]
    assert len(stopped) == 1 and stopped[0].payload["interrupts"] == [request]
    assert request["kind"] == "jira_write_back" and request["project"] == "DBO"
    proposed = request["proposed"]
    assert [p["position"] for p in proposed] == list(range(1, len(proposed) + 1))
    assert len(proposed) >= 3
    for item in proposed:
        assert item["description"].lower().startswith("as a")
        assert "Acceptance criteria:" in item["description"]
        assert item["description_adf"]["type"] == "doc"
        assert "account-acme-logistics" in item["labels"]
    assert created_issues(jira_site) == []


def test_approving_some_creates_exactly_those_issues_once_even_if_resume_is_retried(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
) -> None:
    decision = {"action": "approve", "positions": [1, 3], "edits": {"3": "Edited by reviewer"}}
    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site))
        proposed = runs.pending(run.id)[0]["proposed"]
        done = runs.resume(run.id, decision)
        again = runs.resume(run.id, decision)
    assert done.status == "succeeded", done.error
    assert again.status == "succeeded" and again.output == done.output
    expected = [proposed[0]["title"], "Edited by reviewer"]
    assert [summary for _, summary in created_issues(jira_site)] == expected
    assert done.output is not None
    created = done.output["created"]
    assert [c["position"] for c in created] == [1, 3]
    assert [c["issue_key"] for c in created] == [k for k, _ in created_issues(jira_site)]


def test_resume_after_a_crash_following_the_create_creates_no_duplicate_issue(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
    jira_server: LoopbackServer,
) -> None:
    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site))
        proposed = runs.pending(run.id)[0]["proposed"]
        # A worker created issue 1 and died before its checkpoint: the issue exists in Jira.
        with JiraClient(
            jira_server.base_url, email=jira.DEFAULT_EMAIL, api_token=jira.DEFAULT_API_TOKEN
        ) as client:
            first = client.create_issue(
                "DBO",
                summary=proposed[0]["title"],
                description=proposed[0]["description"],
                labels=proposed[0]["labels"],
                idempotency_key=f"{run.id}:1",
            )
        # And the next create commits but its answer is lost (a 500 after the write).
        jira_site.after_write.server_error(times=1, path_prefix="/rest/api/3/issue")
        done = runs.resume(run.id, {"action": "approve"})
    assert done.status == "succeeded", done.error
    issues = created_issues(jira_site)
    assert [s for _, s in issues] == [p["title"] for p in proposed]
    assert done.output is not None
    created = done.output["created"]
    assert created[0]["issue_key"] == first.key and created[0]["created"] is False
    assert [c["issue_key"] for c in created] == [k for k, _ in issues]


def test_rejecting_writes_nothing_and_is_not_proposed_again_for_the_account(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
) -> None:
    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site))
        titles = [p["title"] for p in runs.pending(run.id)[0]["proposed"]]
        rejected = runs.resume(run.id, {"action": "reject"})
        assert rejected.status == "succeeded" and rejected.output is not None
        assert rejected.output["created"] == []
        assert created_issues(jira_site) == []

        # The same call again for the same account: nothing left to propose, no stop.
        repeat = runs.execute(runs.create(ORG, "techtranslator", write_back_input(jira_site)).id)
        assert repeat.status == "succeeded" and repeat.output is not None
        assert [s["title"] for s in repeat.output["suppressed"]] == titles
        assert "proposal" in repeat.output and repeat.output["proposal"] == []
        kinds = [e.type for e in runs.events(repeat.id)]
        assert kinds.count("requirement.suppressed") == len(titles)

        # Another account has not rejected anything: it is asked.
        other = interrupted_run(runs, write_back_input(jira_site, account="Harbor Retail"))
        assert [p["title"] for p in runs.pending(other.id)[0]["proposed"]] == titles
    assert created_issues(jira_site) == []


def test_requirement_already_in_jira_is_marked_duplicate_instead_of_proposed(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    db: Database,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
    jira_server: LoopbackServer,
) -> None:
    with run_service(offline_llm) as runs:
        first = interrupted_run(runs, write_back_input(jira_site))
        target = runs.pending(first.id)[0]["proposed"][1]
    # Someone already filed it in Jira (in other words); the sync brings it in.
    with JiraClient(
        jira_server.base_url, email=jira.DEFAULT_EMAIL, api_token=jira.DEFAULT_API_TOKEN
    ) as client:
        existing = client.create_issue(
            "DBO",
            summary=target["title"] + "s",
            description="filed by support",
            idempotency_key="x1",
        )
    sync_jira(db, jira_connector)
    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site))
        request = runs.pending(run.id)[0]
        kinds = [e.type for e in runs.events(run.id)]
    marked = [d for d in request["duplicates"] if d["duplicate_of"]["key"] == existing.key]
    assert [d["title"] for d in marked] == [target["title"]]
    assert target["title"] not in [p["title"] for p in request["proposed"]]
    assert "requirement.duplicate" in kinds


def test_invalid_decision_is_refused_and_the_run_keeps_waiting(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
) -> None:
    from devbizops.errors import InvalidInput

    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site))
        with pytest.raises(InvalidInput, match="no proposed issue at position 99"):
            runs.resume(run.id, {"action": "approve", "positions": [99]})
        assert runs.find(ORG, str(run.id)).status == "interrupted"
        assert runs.pending(run.id)
    assert created_issues(jira_site) == []


def test_pipeline_stops_inside_techtranslator_and_continues_after_approval(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
) -> None:
    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site), graph="pipeline")
        assert runs.pending(run.id)[0]["kind"] == "jira_write_back"
        done = runs.resume(run.id, {"action": "approve", "positions": [2]})
        started = [e.payload["node"] for e in runs.events(run.id) if e.type == "node.started"]
    assert done.status == "succeeded", done.error
    assert done.output is not None and len(done.output["created"]) == 1
    assert done.output["metrics"]["requirements_total"] > 0
    assert started.count("techtranslator/parse") == 1
    assert "techtranslator/write" in started and "dashboard/report" in started
    assert len(created_issues(jira_site)) == 1


def test_run_without_write_back_has_no_approval_step(container: Any) -> None:
    run = container.runs.execute(
        container.runs.create(ORG, "techtranslator", {"transcript": ACME}).id
    )
    assert run.status == "succeeded"
    assert set(run.output) == {"requirements", "dropped", "detected_format"}


def test_retrying_the_decision_after_jira_was_down_creates_each_issue_once(
    run_service: ServiceFactory,
    offline_llm: LanguageModel,
    jira_site: JiraSandbox,
    jira_connector: ConnectorView,
) -> None:
    decision = {"action": "approve", "positions": [1]}
    with run_service(offline_llm) as runs:
        run = interrupted_run(runs, write_back_input(jira_site))
        jira_site.faults.server_error(status=503, times=5, path_prefix="/rest/api/3/search")
        failed = runs.resume(run.id, decision)
        assert failed.status == "failed" and created_issues(jira_site) == []
        done = runs.resume(run.id, decision)
        again = runs.resume(run.id, decision)
    assert done.status == "succeeded", done.error
    assert again.status == "succeeded"
    assert len(created_issues(jira_site)) == 1
