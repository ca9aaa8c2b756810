"""Approval over HTTP: a write-back run waits, /resume answers, the executor creates the issues."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from devbizops.db import Database
from memory.models import AuditLog
from tests.api.conftest import KeyFactory
from tests.api.runs.conftest import created_issues, wait_for, write_back
from tools.sandbox.servers.jira import JiraSandbox


def interrupted(api: TestClient, site: JiraSandbox, headers: dict[str, str]) -> dict[str, Any]:
    run = api.post("/v1/runs", json=write_back(site), headers=headers).json()
    stopped = wait_for(api, run["id"], headers)
    assert stopped["status"] == "interrupted", stopped["error"]
    return stopped


def test_resume_with_a_decision_creates_exactly_the_approved_issues(
    api: TestClient, auth_headers: KeyFactory, jira_site: JiraSandbox, db: Database
) -> None:
    headers = auth_headers("engineer")
    run = interrupted(api, jira_site, headers)
    state = api.get(f"/v1/runs/{run['id']}/state", headers=headers).json()
    [request] = [i["value"] for i in state["interrupts"]]
    assert request["kind"] == "jira_write_back" and state["next"] == ["approve"]
    assert created_issues(jira_site) == []

    decision = {"action": "approve", "positions": [1, 3], "edits": {"3": "Edited by reviewer"}}
    answer = api.post(f"/v1/runs/{run['id']}/resume", json=decision, headers=headers)
    assert answer.status_code == 202, answer.text
    assert answer.json()["status"] in ("queued", "running", "succeeded")
    done = wait_for(api, run["id"], headers)
    assert done["status"] == "succeeded", done["error"]
    expected = [request["proposed"][0]["title"], "Edited by reviewer"]
    assert created_issues(jira_site) == expected
    assert [c["position"] for c in done["output"]["created"]] == [1, 3]

    again = api.post(f"/v1/runs/{run['id']}/resume", json=decision, headers=headers)
    assert again.status_code == 202 and again.json()["status"] == "succeeded"
    other = api.post(f"/v1/runs/{run['id']}/resume", json={"action": "reject"}, headers=headers)
    assert other.status_code == 409
    assert created_issues(jira_site) == expected
    with db.transaction() as session:
        rows = session.execute(select(AuditLog).order_by(AuditLog.id)).scalars().all()
    assert [r.action for r in rows] == ["run.create", "run.approve"]
    assert rows[1].actor == "apikey:engineer-key"
    assert rows[1].details == {"action": "approve", "positions": [1, 3], "edited": [3]}


def test_a_decision_the_proposal_cannot_take_is_422_and_the_run_keeps_waiting(
    api: TestClient, auth_headers: KeyFactory, jira_site: JiraSandbox
) -> None:
    headers = auth_headers()
    run = interrupted(api, jira_site, headers)
    for decision in ({"action": "approve", "positions": [99]}, {"action": "maybe"}):
        answer = api.post(f"/v1/runs/{run['id']}/resume", json=decision, headers=headers)
        assert answer.status_code == 422, decision
        assert answer.json()["error"]["code"] == "invalid_input"
    assert api.get(f"/v1/runs/{run['id']}", headers=headers).json()["status"] == "interrupted"
    assert created_issues(jira_site) == []


def test_only_roles_that_approve_may_resume(
    api: TestClient, auth_headers: KeyFactory, jira_site: JiraSandbox
) -> None:
    run = interrupted(api, jira_site, auth_headers())
    answer = api.post(
        f"/v1/runs/{run['id']}/resume", json={"action": "reject"}, headers=auth_headers("sales")
    )
    assert answer.status_code == 403
    assert created_issues(jira_site) == []


def test_a_run_that_waits_for_no_decision_refuses_one(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers()
    body = {"graph_id": "techtranslator", "input": {"transcript": "Ann (Acme): We need SSO.\n"}}
    run = api.post("/v1/runs/wait", json=body, headers=headers).json()
    answer = api.post(f"/v1/runs/{run['id']}/resume", json={"action": "reject"}, headers=headers)
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "conflict"
