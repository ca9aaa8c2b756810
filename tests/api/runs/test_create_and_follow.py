"""A run over HTTP: created queued, executed inline, followed over SSE, read back with output."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from devbizops.db import Database
from memory.models import AuditLog
from tests.api.conftest import KeyFactory
from tests.api.runs.conftest import translate


def sse_events(text: str) -> list[dict[str, str]]:
    """The events of an SSE body, each as its fields (id, event, data)."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.split("\n") if line and not line.startswith(":")
        )
        if fields:
            events.append(fields)
    return events


def test_created_run_executes_and_its_event_stream_ends_with_success(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    headers = auth_headers("engineer")
    created = api.post("/v1/runs", json=translate(), headers=headers)
    assert created.status_code == 202, created.text
    run = created.json()
    assert created.headers["Location"] == f"/v1/runs/{run['id']}"
    assert run["graph_id"] == "techtranslator" and run["created_by"] == "apikey:engineer-key"

    stream = api.get(f"/v1/runs/{run['id']}/events", headers=headers)
    assert stream.headers["content-type"].startswith("text/event-stream")
    events = sse_events(stream.text)
    assert [int(e["id"]) for e in events] == list(range(1, len(events) + 1))
    assert events[0]["event"] == "run.created" and events[-1]["event"] == "run.succeeded"
    assert json.loads(events[-1]["data"])["type"] == "run.succeeded"
    assert "node.finished" in {e["event"] for e in events}

    done = api.get(f"/v1/runs/{run['id']}", headers=headers).json()
    assert done["status"] == "succeeded" and done["attempts"] == 1
    assert done["output"]["requirements"], done["output"]
    assert done["started_at"] and done["finished_at"]
    with db.transaction() as session:
        actions = session.execute(select(AuditLog.action, AuditLog.run_id)).all()
    assert [(a, str(r)) for a, r in actions] == [("run.create", run["id"])]


def test_wait_returns_the_finished_run_with_its_output(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers("sales")
    for url in ("/v1/runs?wait=true", "/v1/runs/wait"):
        answer = api.post(url, json=translate(), headers=headers)
        assert answer.status_code == 200, answer.text
        assert answer.json()["status"] == "succeeded"
        assert answer.json()["output"]["requirements"]


def test_invalid_input_is_422_with_the_field_paths_and_creates_nothing(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers()
    bad = api.post(
        "/v1/runs",
        json={"graph_id": "roadmap", "input": {"backlog": [{"title": "x"}]}},
        headers=headers,
    )
    assert bad.status_code == 422
    error = bad.json()["error"]
    assert error["code"] == "invalid_input"
    assert ["body", "input", "backlog", "0", "key"] in [
        f["loc"] for f in error["details"]["fields"]
    ]
    unknown = api.post("/v1/runs", json={"graph_id": "nope", "input": {}}, headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["error"]["details"]["fields"][0]["loc"] == ["body", "graph_id"]
    assert api.get("/v1/runs", headers=headers).json()["items"] == []


def test_roles_start_only_their_graphs_and_need_credentials(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    sales = api.post(
        "/v1/runs", json={"graph_id": "roadmap", "input": {}}, headers=auth_headers("sales")
    )
    assert sales.status_code == 403 and sales.json()["error"]["code"] == "forbidden"
    viewer = api.post("/v1/runs", json=translate(), headers=auth_headers("viewer"))
    assert viewer.status_code == 403
    anonymous = api.post("/v1/runs", json=translate())
    assert anonymous.status_code == 401


def test_state_and_history_show_the_checkpoints_of_a_finished_run(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers()
    run = api.post("/v1/runs/wait", json=translate(), headers=headers).json()
    state = api.get(f"/v1/runs/{run['id']}/state", headers=headers).json()
    assert state["next"] == [] and state["interrupts"] == []
    assert state["checkpoint_id"] and state["values"]["requirements"]
    history = api.get(f"/v1/runs/{run['id']}/history", headers=headers).json()
    assert history[0]["checkpoint_id"] == state["checkpoint_id"]
    assert [h["step"] for h in history] == sorted((h["step"] for h in history), reverse=True)
