"""GET /v1/runs/{id}/events over a real HTTP connection: resume after Last-Event-ID, follow live."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.runs.service import RunService
from tests.api.conftest import KeyFactory
from tests.api.gated_jira import Gate
from tests.api.runs.conftest import translate, wait_for, write_back
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer


@pytest.fixture
def served(api_app: FastAPI, api: TestClient) -> Iterator[str]:
    """The started app (lifespan run by ``api``) also served by uvicorn on a loopback port."""
    with LoopbackServer(api_app, name="api") as server:
        yield server.base_url


def read(lines: Iterator[str]) -> Iterator[tuple[int, str, dict[str, object]]]:
    """(id, event, data) of each SSE event read off a live response, as it arrives."""
    fields: dict[str, str] = {}
    for line in lines:
        if line == "" and fields:
            yield int(fields["id"]), fields["event"], json.loads(fields["data"])
            fields = {}
        elif line and not line.startswith(":"):
            name, _, value = line.partition(": ")
            fields[name] = value


def test_last_event_id_resumes_exactly_after_that_event(
    served: str, api: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers()
    run = api.post("/v1/runs/wait", json=translate(), headers=headers).json()
    url = f"{served}/v1/runs/{run['id']}/events"
    with httpx.stream("GET", url, headers=headers, timeout=30) as response:
        everything = list(read(response.iter_lines()))
    seqs = [seq for seq, _, _ in everything]
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) > 6
    cut = seqs[4]
    for extra_headers, params in (({"Last-Event-ID": str(cut)}, {}), ({}, {"after": cut})):
        with httpx.stream(
            "GET", url, headers={**headers, **extra_headers}, params=params, timeout=30
        ) as response:
            assert response.status_code == 200
            rest = list(read(response.iter_lines()))
        assert rest == everything[cut:]


def test_a_live_stream_delivers_events_as_the_run_goes_and_closes_when_it_ends(
    served: str,
    api: TestClient,
    auth_headers: KeyFactory,
    jira_site: JiraSandbox,
    gate: Gate,
) -> None:
    headers = auth_headers()
    run = api.post("/v1/runs", json=write_back(jira_site), headers=headers).json()
    assert wait_for(api, run["id"], headers)["status"] == "interrupted"
    gate.close()
    api.post(f"/v1/runs/{run['id']}/resume", json={"action": "approve"}, headers=headers)
    runs: RunService = api.app.state.runs  # type: ignore[attr-defined]
    [decided] = [e.seq for e in runs.events(uuid.UUID(run["id"])) if e.type == "run.decision"]
    assert gate.entered.wait(60)
    url = f"{served}/v1/runs/{run['id']}/events"
    after = {**headers, "Last-Event-ID": str(decided)}
    with httpx.stream("GET", url, headers=after, timeout=30) as response:
        events = read(response.iter_lines())
        received = [next(events)]
        while received[-1][2].get("payload") != {"node": "write"}:
            received.append(next(events))  # up to the write step, which is held at Jira
        gate.open()
        received.extend(events)  # the rest arrives live; the stream ends with the run
    assert [seq for seq, _, _ in received] == list(range(decided + 1, decided + 1 + len(received)))
    assert received[-1][1] == "run.succeeded"
    assert "jira.issue_created" in [kind for _, kind, _ in received]


def test_a_bad_last_event_id_is_422(api: TestClient, auth_headers: KeyFactory) -> None:
    headers = auth_headers()
    run = api.post("/v1/runs/wait", json=translate(), headers=headers).json()
    answer = api.get(f"/v1/runs/{run['id']}/events", headers={**headers, "Last-Event-ID": "seven"})
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_input"
