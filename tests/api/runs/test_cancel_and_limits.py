"""Cancel (queued, running, finished), the run timeout and the per-organization run limit."""

from __future__ import annotations

import itertools
from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy import select

from devbizops.db import Database
from memory.models import AuditLog
from tests.api.conftest import KeyFactory
from tests.api.gated_jira import Gate
from tests.api.runs.conftest import ClientFactory, held_in_write, translate, wait_for
from tools.sandbox.servers.jira import JiraSandbox


def test_cancelling_a_running_run_stops_it_at_the_next_node(
    api: TestClient, auth_headers: KeyFactory, jira_site: JiraSandbox, gate: Gate, db: Database
) -> None:
    headers = auth_headers("sales")
    run = held_in_write(api, jira_site, gate, auth_headers())
    answer = api.post(f"/v1/runs/{run['id']}/cancel", headers=headers)
    assert answer.status_code == 202
    assert answer.json()["status"] == "running" and answer.json()["cancel_requested_at"]
    gate.open()
    done = wait_for(api, run["id"], headers, ("cancelled", "succeeded", "failed"))
    assert done["status"] == "cancelled" and done["finished_at"]
    events = api.get(f"/v1/runs/{run['id']}/events", headers=headers).text
    assert "event: run.cancelled" in events and "event: run.succeeded" not in events
    assert '"node":"remember"' not in events.replace(" ", "")  # the step after write never ran
    with db.transaction() as session:
        actions = session.execute(select(AuditLog.action, AuditLog.details)).all()
    assert ("run.cancel", {"status": "running", "immediate": False}) in [tuple(a) for a in actions]


def test_a_queued_run_held_by_the_org_limit_cancels_at_once_and_never_runs(
    app_client: ClientFactory, auth_headers: KeyFactory, jira_site: JiraSandbox, gate: Gate
) -> None:
    api = app_client(org_max_concurrent_runs=1)
    headers = auth_headers()
    held = held_in_write(api, jira_site, gate, headers)
    waiting = api.post("/v1/runs", json=translate(), headers=headers).json()
    answer = api.post(f"/v1/runs/{waiting['id']}/cancel", headers=headers)
    assert answer.status_code == 202 and answer.json()["status"] == "cancelled"
    gate.open()
    assert wait_for(api, held["id"], headers)["status"] == "succeeded"
    after = api.get(f"/v1/runs/{waiting['id']}", headers=headers).json()
    assert after["status"] == "cancelled" and after["attempts"] == 0
    events = api.get(f"/v1/runs/{waiting['id']}/events", headers=headers).text
    assert [line for line in events.splitlines() if line.startswith("event:")] == [
        "event: run.created",
        "event: run.cancelled",
    ]
    again = api.post(f"/v1/runs/{waiting['id']}/cancel", headers=headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_viewers_cannot_cancel(api: TestClient, auth_headers: KeyFactory) -> None:
    run = api.post("/v1/runs/wait", json=translate(), headers=auth_headers()).json()
    answer = api.post(f"/v1/runs/{run['id']}/cancel", headers=auth_headers("viewer"))
    assert answer.status_code == 403


def test_a_run_past_the_timeout_fails_with_run_timeout(
    app_client: ClientFactory, auth_headers: KeyFactory
) -> None:
    api = app_client(run_timeout_seconds=1e-6)
    headers = auth_headers()
    run = api.post("/v1/runs", json=translate(), headers=headers).json()
    done = wait_for(api, run["id"], headers)
    assert done["status"] == "failed"
    assert (
        done["error"]["code"] == "run_timeout" and "run_timeout_seconds" in done["error"]["message"]
    )
    assert done["output"] is None


def test_one_org_never_runs_more_than_its_limit_and_others_are_not_held(
    app_client: ClientFactory, auth_headers: KeyFactory, jira_site: JiraSandbox, gate: Gate
) -> None:
    api = app_client(org_max_concurrent_runs=1)
    acme, globex = auth_headers(org="acme"), auth_headers(org="globex")
    held = held_in_write(api, jira_site, gate, acme)
    later = [api.post("/v1/runs", json=translate(), headers=acme).json()["id"] for _ in range(2)]
    other = api.post("/v1/runs", json=translate(), headers=globex).json()
    # Another org's run finishes while acme's slot is taken; acme's later runs still wait.
    assert wait_for(api, other["id"], globex)["status"] == "succeeded"
    assert [api.get(f"/v1/runs/{r}", headers=acme).json()["status"] for r in later] == [
        "queued",
        "queued",
    ]
    gate.open()
    runs = [wait_for(api, r, acme) for r in (held["id"], *later)]
    assert [r["status"] for r in runs] == ["succeeded"] * 3
    # Each acme run started after the previous one finished, in the order they were created.
    for previous, following in itertools.pairwise(runs):
        started = datetime.fromisoformat(following["started_at"])
        assert started > datetime.fromisoformat(previous["finished_at"])
