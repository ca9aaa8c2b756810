"""The inline executor: runs execute on a small thread pool inside the API process.

One scheduler thread takes dispatched runs in order and claims each (queued → running) only while
its organization runs fewer than ``org_max_concurrent_runs``; the others stay queued, in order.
The claim is the repository's, so the limit also counts runs executing in other processes.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Literal

from api.runs.service import RunService
from devbizops.db import Database
from devbizops.logging import get_logger
from devbizops.settings import Settings
from memory.repositories.runs import RunRepository

log = get_logger(__name__)
WORKERS = 8  # runs executing at once in this process, all organizations together
POLL_SECONDS = 0.5  # re-try waiting runs: a slot may free up in another process
Outcome = Literal["claimed", "wait", "gone"]


class InlineDispatcher:
    """``Dispatcher`` that executes ``RunService.execute`` in worker threads."""

    def __init__(
        self, settings: Settings, db: Database, runs: RunService, *, workers: int = WORKERS
    ) -> None:
        self.db = db
        self.runs = runs
        self.limit = settings.org_max_concurrent_runs
        self.stale = timedelta(seconds=settings.dispatch_stale_seconds)
        self.workers = workers
        self._lock = threading.Lock()
        self._waiting: list[uuid.UUID] = []  # dispatch order
        self._known: set[uuid.UUID] = set()  # waiting or executing here
        self._unmarked: list[uuid.UUID] = []  # dispatched_at still to be written
        self._active = 0
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="devbizops-run")
        self._thread: threading.Thread | None = None

    @property
    def stopping(self) -> bool:
        """Whether ``stop`` was called (runs in progress requeue at their next node)."""
        return self._stopping.is_set()

    def dispatch(self, run_id: uuid.UUID) -> None:
        """Queue the run here; the scheduler thread claims it when its org has room."""
        with self._lock:
            if run_id not in self._known:
                self._known.add(run_id)
                self._waiting.append(run_id)
                self._unmarked.append(run_id)
        self._wake.set()

    def start(self) -> None:
        """Start the scheduler; its first act is taking over runs a previous process left."""
        self._thread = threading.Thread(target=self._loop, name="devbizops-dispatch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Take no new runs; running ones requeue themselves at their next node boundary."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
        self._pool.shutdown(wait=True)

    def _loop(self) -> None:
        try:
            self._adopt_orphans()
        except Exception:  # the database may be briefly away; new dispatches still work
            log.exception("dispatch.adopt_failed")
        while not self._stopping.is_set():
            self._wake.wait(POLL_SECONDS)
            self._wake.clear()  # anything dispatched from here on wakes the next round
            try:
                self._round()
            except Exception:
                log.exception("dispatch.round_failed")

    def _adopt_orphans(self) -> None:
        with self.db.transaction() as session:
            orphans = RunRepository(session).orphans(self.stale)
        for run_id in orphans:
            self.dispatch(run_id)
        if orphans:
            log.info("dispatch.adopted", runs=len(orphans))

    def _round(self) -> None:
        """Mark new runs dispatched, then claim waiting runs in order while there is room."""
        with self._lock:
            unmarked, self._unmarked = self._unmarked, []
            waiting = list(self._waiting)
        if unmarked:
            with self.db.transaction() as session:
                for run_id in unmarked:
                    RunRepository(session).mark_dispatched(run_id)
        full: set[uuid.UUID] = set()  # orgs at their limit: their later runs keep their place
        for run_id in waiting:
            if self._stopping.is_set() or self._active >= self.workers:
                return
            outcome, org_id = self._claim(run_id, full)
            if outcome == "wait":
                if org_id is not None:
                    full.add(org_id)
                continue
            with self._lock:
                self._waiting.remove(run_id)
                if outcome == "gone":
                    self._known.discard(run_id)
                    continue
                self._active += 1
            self._pool.submit(self._execute, run_id)

    def _claim(self, run_id: uuid.UUID, full: set[uuid.UUID]) -> tuple[Outcome, uuid.UUID | None]:
        with self.db.transaction() as session:
            runs = RunRepository(session)
            run = runs.get(run_id)
            if run is None or run.status != "queued":
                return "gone", None  # cancelled, or claimed by another process
            if run.org_id in full or not runs.claim(run_id, self.limit):
                return "wait", run.org_id
            return "claimed", run.org_id

    def _execute(self, run_id: uuid.UUID) -> None:
        try:
            self.runs.execute(run_id, stopping=self._stopping.is_set)
        except Exception as exc:
            log.exception("run.execute_failed", run_id=str(run_id))
            try:
                self.runs.abandon(run_id, exc)
            except Exception:
                log.exception("run.abandon_failed", run_id=str(run_id))
        finally:
            with self._lock:
                self._active -= 1
                self._known.discard(run_id)
            self._wake.set()
