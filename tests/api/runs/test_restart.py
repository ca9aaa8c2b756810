"""The inline executor takes over, on start, the runs a previous API process left behind."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from api.app import create_app
from api.runs.inline import InlineDispatcher
from api.runs.schemas import RunOut
from api.runs.service import RunService
from devbizops.container import Container
from devbizops.db import Database
from devbizops.settings import Settings
from memory.models import Run
from memory.repositories.runs import RunRepository, now
from tests.api.conftest import KeyFactory
from tests.api.runs.conftest import (
    ACME,
    ClientFactory,
    Gate,
    created_issues,
    held_in_write,
    translate,
    wait_for,
)
from tools.sandbox.servers.jira import JiraSandbox


def test_queued_and_abandoned_runs_are_executed_after_a_restart(
    container: Container, app_client: ClientFactory, auth_headers: KeyFactory
) -> None:
    runs: RunService = container.runs
    # Committed but never handed to an executor (the process died before dispatch).
    never = runs.create("acme", "techtranslator", {"transcript": ACME})
    # Claimed by an executor that stopped beating long ago (the process died mid-run).
    lost = runs.create("acme", "techtranslator", {"transcript": ACME, "account": "Lost"})
    with container.db.transaction() as session:
        assert RunRepository(session).claim(lost.id, limit=4)
        old = now() - timedelta(hours=1)
        session.execute(update(Run).where(Run.id == lost.id).values(heartbeat_at=old))

    api = app_client()
    headers = auth_headers()
    finished = [wait_for(api, str(run.id), headers) for run in (never, lost)]
    assert [r["status"] for r in finished] == ["succeeded", "succeeded"]
    assert [r["attempts"] for r in finished] == [1, 2]


def test_a_run_in_progress_at_shutdown_resumes_in_the_next_process_without_redoing_writes(
    settings: Settings,
    db: Database,
    app_client: ClientFactory,
    auth_headers: KeyFactory,
    jira_site: JiraSandbox,
    gate: Gate,
) -> None:
    headers = auth_headers()
    first = TestClient(create_app(settings)).__enter__()
    held = held_in_write(first, jira_site, gate, headers)
    dispatcher: InlineDispatcher = first.app.state.dispatcher  # type: ignore[attr-defined]
    stopping = threading.Thread(target=first.__exit__, args=(None, None, None))
    stopping.start()
    while not dispatcher.stopping:
        time.sleep(0.01)
    gate.open()  # the write step finishes; the run then sees the shutdown and requeues
    stopping.join(60)
    assert not stopping.is_alive()
    with db.transaction() as session:
        row = RunRepository(session).get(uuid.UUID(held["id"]))
        assert row is not None and (row.status, row.dispatched_at) == ("queued", None)

    second = app_client()
    done = wait_for(second, held["id"], headers)
    assert done["status"] == "succeeded"
    assert done["attempts"] == 3  # first run, after the approval, after the restart
    assert len(created_issues(jira_site)) == len(done["output"]["created"]) > 0
    events = second.get(f"/v1/runs/{held['id']}/events", headers=headers).text
    kinds = [line.removeprefix("event: ") for line in events.splitlines() if line[:6] == "event:"]
    after = kinds[kinds.index("run.requeued") :]
    assert after[:2] == ["run.requeued", "run.resumed"] and "run.started" not in after
    assert after[-1] == "run.succeeded"


def test_finish_hooks_hear_every_stopped_run_and_a_failing_hook_changes_nothing(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    runs: RunService = api.app.state.runs  # type: ignore[attr-defined]
    heard: list[tuple[str, str]] = []

    def broken(run: RunOut) -> None:
        raise RuntimeError("the Slack helper is down")

    runs.hooks.extend([broken, lambda run: heard.append((str(run.id), run.status))])
    run = api.post("/v1/runs/wait", json=translate(), headers=auth_headers()).json()
    assert run["status"] == "succeeded"
    deadline = time.monotonic() + 30  # hooks run right after the commit the client saw
    while not heard and time.monotonic() < deadline:
        time.sleep(0.01)
    assert heard == [(run["id"], "succeeded")]
