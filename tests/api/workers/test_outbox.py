"""Redis down when a run is created: it waits in the outbox and runs once Redis is back."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.workers.dispatch import CeleryDispatcher
from devbizops.container import Container
from devbizops.settings import Settings
from tests.api.conftest import KeyFactory
from tests.api.workers.conftest import WorkerFactory, run_row, wait_status, worker_env
from tests.api.workers.processes import start_redis, wait_for
from tests.conftest import read_sample
from tests.support.waiting import free_port

ACME = read_sample("acme_logistics_discovery.txt")


def sent(container: Container, run_id: uuid.UUID) -> bool:
    return run_row(container.db, run_id).dispatched_at is not None


@pytest.fixture
def redis_down(
    celery_settings: Settings, tmp_path: Path
) -> Iterator[tuple[Settings, Callable[[], None]]]:
    """Settings whose Redis (a private redis-server) was started and stopped, and a function
    that starts it again on the same port; every server is stopped after the test."""
    port = free_port()
    servers = [start_redis(port, tmp_path / "redis-0.log")]
    servers[0].stop()

    def back() -> None:
        servers.append(start_redis(port, tmp_path / f"redis-{len(servers)}.log"))

    yield celery_settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{port}/0"}), back
    for server in servers:
        server.stop()


def test_run_dispatched_while_redis_is_down_runs_once_redis_is_back(
    redis_down: tuple[Settings, Callable[[], None]],  # first: Redis outlives the worker
    container: Container,
    workers: WorkerFactory,
) -> None:
    settings, redis_back = redis_down
    dispatcher = CeleryDispatcher(settings, container.db)
    run = container.runs.create("test-org", "techtranslator", {"transcript": ACME})
    dispatcher.dispatch(run.id)  # logs and returns
    dispatcher.stop()
    stored = run_row(container.db, run.id)
    assert (stored.status, stored.dispatched_at) == ("queued", None)

    redis_back()
    worker = workers(env=worker_env(settings))  # the worker's relay finds the run in the outbox
    done = wait_status(container.db, run.id, "succeeded", "failed", workers=[worker])
    assert done.status == "succeeded", done.error
    assert done.dispatched_at is not None and done.attempts == 1


def test_post_answers_202_while_redis_is_down_and_the_api_relay_sends_the_run_later(
    redis_down: tuple[Settings, Callable[[], None]],
    container: Container,
    workers: WorkerFactory,
    auth_headers: KeyFactory,
) -> None:
    settings, redis_back = redis_down
    body = {"graph_id": "techtranslator", "input": {"transcript": ACME}}
    with TestClient(create_app(settings)) as api:
        answer = api.post("/v1/runs", json=body, headers=auth_headers("engineer"))
        assert answer.status_code == 202, answer.text
        run_id = uuid.UUID(answer.json()["id"])
        assert answer.json()["status"] == "queued"
        assert run_row(container.db, run_id).dispatched_at is None

        redis_back()  # no worker yet: only the API process's relay can hand the run over
        wait_for("the API relay to send the run", lambda: sent(container, run_id))
        worker = workers(env=worker_env(settings))
        done = wait_status(container.db, run_id, "succeeded", "failed", workers=[worker])
    assert done.status == "succeeded", done.error
