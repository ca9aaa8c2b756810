"""Runs over HTTP: apps with chosen executor settings, a held Jira site, polling helpers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from devbizops.settings import Settings
from memory.models import STOPPED_STATUSES
from tests.api.gated_jira import CONNECTOR, Gate
from tests.conftest import read_sample
from tools.sandbox.servers.jira import JiraSandbox

ACME = read_sample("acme_logistics_discovery.txt")
ClientFactory = Callable[..., TestClient]


def translate(transcript: str = ACME, **extra: Any) -> dict[str, Any]:
    """A ``POST /v1/runs`` body for TechTranslator."""
    return {"graph_id": "techtranslator", "input": {"transcript": transcript, **extra}}


def wait_for(
    client: TestClient,
    run_id: str,
    headers: dict[str, str],
    statuses: tuple[str, ...] = STOPPED_STATUSES,
) -> dict[str, Any]:
    """Poll ``GET /v1/runs/{id}`` until the run reaches one of ``statuses`` (60 s at most)."""
    deadline = time.monotonic() + 60
    while True:
        run: dict[str, Any] = client.get(f"/v1/runs/{run_id}", headers=headers).json()
        if run["status"] in statuses:
            return run
        assert time.monotonic() < deadline, f"run stayed {run['status']}"
        time.sleep(0.05)


@pytest.fixture
def app_client(settings: Settings) -> Iterator[ClientFactory]:
    """``app_client(org_max_concurrent_runs=1)``: a started app on settings with those changes."""
    stack: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        client = TestClient(create_app(settings.model_copy(update=changes)))
        stack.append(client.__enter__())
        return client

    yield make
    for client in reversed(stack):
        client.__exit__(None, None, None)


def write_back(site: JiraSandbox) -> dict[str, Any]:
    """A TechTranslator body that proposes Jira issues and waits for approval."""
    return translate(
        account="Acme Logistics",
        write_back={"jira_connector": CONNECTOR, "project": site.store.project_key},
    )


def created_issues(site: JiraSandbox) -> list[str]:
    """Summaries of the issues clients created on the site, in order."""
    keys = [e.issue_key for e in site.store.events if e.kind == "jira:issue_created"]
    return [site.store.get(k).summary for k in keys]  # type: ignore[union-attr]


def held_in_write(
    api: TestClient, site: JiraSandbox, gate: Gate, headers: dict[str, str]
) -> dict[str, Any]:
    """A run executing its Jira write step, held there until the gate opens."""
    run = api.post("/v1/runs", json=write_back(site), headers=headers).json()
    assert wait_for(api, run["id"], headers)["status"] == "interrupted"
    gate.close()
    resumed = api.post(f"/v1/runs/{run['id']}/resume", json={"action": "approve"}, headers=headers)
    assert resumed.status_code == 202
    assert gate.entered.wait(60), "the run never reached Jira"
    held: dict[str, Any] = api.get(f"/v1/runs/{run['id']}", headers=headers).json()
    assert held["status"] == "running"
    return held
