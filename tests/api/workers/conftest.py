"""Celery executor fixtures: a private Redis database, worker subprocesses, the dispatcher."""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import redis

from api.workers.dispatch import CeleryDispatcher
from devbizops.db import Database
from devbizops.settings import Settings
from memory.models import Run
from tests.api.workers.processes import Group, start_worker, wait_for

# Redis databases 14 and 15 belong to these tests (one per xdist worker, flushed per test).
REDIS_DB_BASE = 14
STALE_SECONDS = 3.0  # short stale window so a dead worker's run is re-sent soon

WorkerFactory = Callable[..., Group]


@pytest.fixture
def redis_url(worker_id: str) -> Iterator[str]:
    index = 0 if worker_id == "master" else int(worker_id.removeprefix("gw")) % 2
    url = f"redis://127.0.0.1:6379/{REDIS_DB_BASE + index}"
    client = redis.Redis.from_url(url)
    client.flushdb()  # messages left by an earlier test's killed worker
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def celery_settings(settings: Settings, redis_url: str) -> Settings:
    return settings.model_copy(
        update={"redis_url": redis_url, "executor": "celery", "dispatch_stale_seconds": 3.0}
    )


def worker_env(settings: Settings) -> dict[str, str]:
    """The environment of a worker on the test's database, data dir and Redis."""
    return {
        **os.environ,  # DATABASE_URL, DEVBIZOPS_DATA_DIR, ... as the settings fixture set them
        "DATABASE_URL": str(settings.database_url),
        "DEVBIZOPS_DATA_DIR": str(settings.data_dir),
        "DEVBIZOPS_LLM_PROVIDER": "offline",
        "REDIS_URL": settings.redis_url,
        "DEVBIZOPS_EXECUTOR": "celery",
        "DEVBIZOPS_DISPATCH_STALE_SECONDS": str(settings.dispatch_stale_seconds),
        "DEVBIZOPS_LOG_LEVEL": "INFO",
    }


@pytest.fixture
def workers(celery_settings: Settings, tmp_path: Path) -> Iterator[WorkerFactory]:
    """``workers(*args, env=...)`` starts a worker; every one is stopped after the test."""
    started: list[Group] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Group:
        log = tmp_path / f"worker-{len(started)}.log"
        group = start_worker(env or worker_env(celery_settings), log, *args)
        started.append(group)
        return group

    yield start
    for group in started:
        group.stop()


@pytest.fixture
def dispatcher(celery_settings: Settings, db: Database) -> Iterator[CeleryDispatcher]:
    celery = CeleryDispatcher(celery_settings, db)
    yield celery
    celery.stop()


def run_row(db: Database, run_id: uuid.UUID) -> Run:
    with db.transaction() as session:
        return session.get_one(Run, run_id)


def wait_status(db: Database, run_id: uuid.UUID, *statuses: str, workers: list[Group]) -> Run:
    """Wait until the run reaches one of ``statuses``; the workers' logs explain a timeout."""
    try:
        wait_for(f"run {run_id} to be {statuses}", lambda: run_row(db, run_id).status in statuses)
    except AssertionError as exc:
        logs = "\n".join(w.output()[-4000:] for w in workers)
        raise AssertionError(f"{exc}; run is {run_row(db, run_id).status}\n{logs}") from exc
    return run_row(db, run_id)


def node_starts(events: list[tuple[str, dict[str, object]]]) -> Counter[str]:
    """How many times each node started, from (type, payload) run events."""
    return Counter(str(p["node"]) for t, p in events if t == "node.started")


@contextmanager
def transcripts_frozen(database_url: str) -> Iterator[None]:
    """Hold a lock that makes any write to ``transcripts`` wait: runs stall in ``store``.

    The insert waits for the table lock before it checks (and key-share locks) its org row, so
    the stalled run blocks nobody else's claims.
    """
    with psycopg.connect(database_url) as conn:
        conn.execute("LOCK TABLE transcripts IN SHARE MODE")
        yield
        conn.rollback()
