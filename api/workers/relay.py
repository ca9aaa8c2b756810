"""The outbox relay: re-send runs the broker lost, never got, or whose worker died.

Runs are committed first and sent after; whatever happens in between (Redis down, the API
process killed, a worker killed with its message) leaves a run ``queued`` without a claim or
``running`` without a heartbeat. Every relay (each worker process and each API process) sweeps
for those rows with ``FOR UPDATE SKIP LOCKED``, so concurrent relays split the work instead of
sending twice; a duplicate that slips through anyway is dropped by the worker's claim.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import timedelta

from api.workers.celery_app import BrokerUnavailable
from devbizops.db import Database
from devbizops.errors import DevBizOpsError
from devbizops.logging import get_logger
from memory.repositories.run_dispatch import RunDispatchRepository
from memory.repositories.runs import now

log = get_logger(__name__)

Send = Callable[[uuid.UUID], None]


class Relay:
    """Sweeps the outbox every ``interval`` seconds from a daemon thread."""

    def __init__(self, db: Database, send: Send, stale_seconds: float, batch: int = 100) -> None:
        self.db = db
        self.send = send
        self.stale = timedelta(seconds=stale_seconds)
        # Several sweeps per stale window, so a lost run waits about one window, not two.
        self.interval = min(max(stale_seconds / 3, 0.5), 10.0)
        self.batch = batch
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep(self) -> int:
        """Send every due run once; returns how many were sent."""
        with self.db.transaction() as session:
            repo = RunDispatchRepository(session)
            due = repo.due(now() - self.stale, self.batch)
            sent: list[uuid.UUID] = []
            for run_id in due:
                try:
                    self.send(run_id)
                except BrokerUnavailable as exc:
                    # The rest stay due; the next sweep tries again.
                    log.warning("relay.broker_unavailable", error=exc.message)
                    break
                sent.append(run_id)
            repo.mark_dispatched(sent)
        if sent:
            log.info("relay.sent", runs=[str(r) for r in sent])
        return len(sent)

    def start(self) -> None:
        """Sweep in a daemon thread until ``stop``."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="devbizops-relay", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.sweep()
            except DevBizOpsError as exc:  # PostgreSQL down: keep sweeping, it may come back
                log.warning("relay.sweep_failed", code=exc.code, error=exc.message)
