"""Between-node checks of a running run: cancel requests, timeout, executor shutdown, heartbeat.

The guard holds one connection of its own while the run executes. It LISTENs for cancel
notifications (``RunRepository.request_cancel`` sends them at commit), so the check between two
nodes normally reads its socket and touches the database only to renew the heartbeat every
``heartbeat_seconds`` — a short graph pays almost nothing for being cancellable.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from devbizops.db import Database
from memory.repositories.runs import beat, cancels_received, listen_for_cancels


class RunStopped(Exception):
    """Raised between nodes to stop a run; ``status`` is what the run becomes."""

    status = "failed"
    event = "run.failed"


class RunCancelled(RunStopped):
    status = "cancelled"
    event = "run.cancelled"


class RunTimedOut(RunStopped):
    status = "failed"
    event = "run.failed"


class RunDetached(RunStopped):
    """The executor is shutting down: the run goes back to the queue and resumes elsewhere."""

    status = "queued"
    event = "run.requeued"


class GuardConnections:
    """A small pool of connections that LISTEN for cancel requests, shared by a service's runs.

    Opening a connection per run would cost more than a short graph; pooled connections keep
    their LISTEN, and notifications left over from earlier runs are drained at checkout.
    """

    def __init__(self, db: Database, max_size: int = 32) -> None:
        self._db = db
        self._max_size = max_size
        self._pool: ConnectionPool[psycopg.Connection[Any]] | None = None
        self._lock = threading.Lock()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        with self._lock:
            if self._pool is None:
                self._pool = ConnectionPool(
                    self._db.url,
                    kwargs={"autocommit": True, "prepare_threshold": None},
                    min_size=1,
                    max_size=self._max_size,
                    configure=listen_for_cancels,
                    check=ConnectionPool.check_connection,  # survive a database restart
                    open=True,
                    name="devbizops-run-guards",
                )
            pool = self._pool
        with pool.connection() as conn:
            cancels_received(conn)  # drop notices meant for runs this connection guarded before
            yield conn

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None


class RunGuard:
    """The ``check`` the executor calls between nodes of one run (use as a context manager)."""

    def __init__(
        self,
        connections: GuardConnections,
        run_id: uuid.UUID,
        timeout: float | None,
        stopping: Callable[[], bool] | None = None,
        heartbeat_seconds: float = 5.0,
    ) -> None:
        self._connections = connections
        self._checkout: AbstractContextManager[psycopg.Connection[Any]] | None = None
        self.run_id = run_id
        self.timeout = timeout
        self.stopping = stopping
        self.heartbeat_seconds = heartbeat_seconds
        self._conn: psycopg.Connection[Any] | None = None
        self._started: datetime | None = None
        self._last_beat = 0.0

    def __enter__(self) -> RunGuard:
        self._checkout = self._connections.connection()
        self._conn = self._checkout.__enter__()
        self._beat()  # a cancel requested before the run started counts too
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._checkout is not None:
            self._conn = None
            self._checkout.__exit__(*exc)
            self._checkout = None

    def __call__(self) -> None:
        if self._conn is None:
            raise RuntimeError("RunGuard is used outside its `with` block")
        notified = str(self.run_id) in cancels_received(self._conn)
        if notified or time.monotonic() - self._last_beat >= self.heartbeat_seconds:
            self._beat()
        if self.timeout is not None and self._started is not None:
            elapsed = (datetime.now(UTC) - self._started).total_seconds()
            if elapsed > self.timeout:
                raise RunTimedOut(
                    f"the run took longer than {self.timeout:g} seconds (run_timeout_seconds)"
                )
        if self.stopping is not None and self.stopping():
            raise RunDetached("the executor is shutting down; the run will resume from here")

    def _beat(self) -> None:
        assert self._conn is not None
        run = beat(self._conn, self.run_id)
        self._last_beat = time.monotonic()
        if run is None:
            raise RunCancelled("the run was deleted")
        if run.cancel_requested_at is not None:
            raise RunCancelled("cancelled on request")
        self._started = run.started_at
