"""Runs handed to Celery complete in a real worker process, once however often they arrive."""

from __future__ import annotations

from api.workers.dispatch import CeleryDispatcher
from devbizops.container import Container
from devbizops.settings import Settings
from tests.api.workers.conftest import (
    WorkerFactory,
    node_starts,
    run_row,
    transcripts_frozen,
    wait_status,
    worker_env,
)
from tests.api.workers.processes import wait_for
from tests.conftest import read_sample

ACME = read_sample("acme_logistics_discovery.txt")


def test_dispatched_run_completes_in_a_worker(
    container: Container, dispatcher: CeleryDispatcher, workers: WorkerFactory
) -> None:
    run = container.runs.create("test-org", "techtranslator", {"transcript": ACME})
    dispatcher.dispatch(run.id)
    assert run_row(container.db, run.id).dispatched_at is not None
    worker = workers()
    done = wait_status(container.db, run.id, "succeeded", "failed", workers=[worker])
    assert done.status == "succeeded", done.error
    assert done.attempts == 1
    assert done.output is not None and len(done.output["requirements"]) >= 3
    types = [e.type for e in container.runs.events(run.id)]
    assert types[0] == "run.created" and types[-1] == "run.succeeded"


def test_the_same_run_delivered_twice_executes_once(
    container: Container, dispatcher: CeleryDispatcher, workers: WorkerFactory
) -> None:
    run = container.runs.create("test-org", "techtranslator", {"transcript": ACME})
    # Two messages for one run (a relay and the API both sending), two pool processes to race.
    for _ in range(2):
        dispatcher.send(run.id)
    worker = workers("--concurrency", "2")
    done = wait_status(container.db, run.id, "succeeded", "failed", workers=[worker])
    assert done.status == "succeeded", done.error
    events = [(e.type, e.payload) for e in container.runs.events(run.id)]
    assert [t for t, _ in events].count("run.started") == 1
    assert set(node_starts(events).values()) == {1}
    assert done.attempts == 1


def test_a_run_over_the_org_limit_waits_queued_until_a_slot_frees(
    container: Container,
    dispatcher: CeleryDispatcher,
    workers: WorkerFactory,
    celery_settings: Settings,
    database_url: str,
) -> None:
    db = container.db
    first, second = (
        container.runs.create("test-org", "techtranslator", {"transcript": ACME}) for _ in range(2)
    )
    env = {**worker_env(celery_settings), "DEVBIZOPS_ORG_MAX_CONCURRENT_RUNS": "1"}
    with transcripts_frozen(database_url):  # the first run holds the org's only slot
        worker = workers("--concurrency", "2", env=env)
        dispatcher.dispatch(first.id)
        wait_for("the first run to run", lambda: run_row(db, first.id).status == "running")
        dispatcher.dispatch(second.id)
        sent = run_row(db, second.id).dispatched_at
        # A refused claim re-schedules the message and stamps dispatched_at again.
        wait_for("a retry of the second run", lambda: run_row(db, second.id).dispatched_at != sent)
        assert run_row(db, second.id).status == "queued"
    done = [wait_status(db, r.id, "succeeded", "failed", workers=[worker]) for r in (first, second)]
    assert [r.status for r in done] == ["succeeded", "succeeded"]
    assert done[1].attempts == 1
    assert done[0].finished_at is not None and done[1].started_at is not None
    assert done[1].started_at >= done[0].finished_at  # never both at once
