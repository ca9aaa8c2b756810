"""One delivery of a run in a worker: claim it, keep its heartbeat, execute or resume it.

Every delivery goes through ``claim``, so the task is idempotent: a run that already finished,
waits for a person, or runs on a live worker is left alone; a run whose worker died (stale
heartbeat) is taken over and resumes from its last LangGraph checkpoint (thread id = run id).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from api.runs.service import RunService
from devbizops.db import Database
from devbizops.errors import DevBizOpsError
from devbizops.logging import get_logger
from devbizops.settings import Settings
from memory.repositories.run_dispatch import Claim, RunDispatchRepository
from memory.repositories.runs import RunRepository, now

log = get_logger(__name__)


class RunDelivery:
    """Handles ``execute_run`` messages for one worker process."""

    def __init__(self, settings: Settings, db: Database, runs: RunService) -> None:
        self.db = db
        self.runs = runs
        self.limit = settings.org_max_concurrent_runs
        self.stale_seconds = settings.dispatch_stale_seconds

    def handle(self, run_id: uuid.UUID) -> Claim:
        """Claim and execute the run; the claim's outcome says what happened."""
        with self.db.transaction() as session:
            repo = RunDispatchRepository(session)
            claim = repo.claim(run_id, self.limit, now() - timedelta(seconds=self.stale_seconds))
            if claim is Claim.BUSY:
                # The retry is this run's live message: keep the relay from sending another.
                repo.mark_dispatched([run_id])
        log.info("worker.delivery", run_id=str(run_id), claim=claim.value)
        if claim is Claim.EXECUTE:
            with self._heartbeat(run_id):
                try:
                    run = self.runs.execute(run_id)
                except DevBizOpsError as exc:  # cancelled since the claim, or PostgreSQL away:
                    # the run stays as it is; a running one is re-sent once its heartbeat stops.
                    log.warning("worker.not_executed", run_id=str(run_id), error=exc.message)
                except Exception as exc:  # a bug outside the graph: fail the run, don't loop on it
                    log.exception("worker.execute_failed", run_id=str(run_id))
                    self.runs.abandon(run_id, exc)
                else:
                    log.info("worker.executed", run_id=str(run_id), status=run.status)
        return claim

    @contextmanager
    def _heartbeat(self, run_id: uuid.UUID) -> Iterator[None]:
        """Refresh ``heartbeat_at`` from a thread while the body runs."""
        stop = threading.Event()
        interval = self.stale_seconds / 3  # a few beats per window: one slow beat is no death

        def beat() -> None:
            while not stop.wait(interval):
                try:
                    with self.db.transaction() as session:
                        run = RunRepository(session).heartbeat(run_id)
                    if run is None or run.status != "running":
                        return  # finished, requeued or cancelled: nothing left to keep alive
                except DevBizOpsError as exc:
                    log.warning("worker.heartbeat_failed", run_id=str(run_id), error=exc.message)

        thread = threading.Thread(target=beat, name=f"heartbeat-{run_id}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
