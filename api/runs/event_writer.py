"""Run events written off the executing thread, in batches, flushed before status changes.

A run's node events used to cost one transaction each, which made a short run several times
slower than the graph itself. The executor now hands events to this writer; a background thread
appends whatever has queued up per run in one transaction. ``flush`` waits until everything
emitted so far is stored — the run service calls it before it records a status change, so a
finished, failed or interrupted run always has its complete event log, and watchers (SSE) see
events within one batch interval. Checkpoints, not events, are what runs resume from.
"""

from __future__ import annotations

import queue
import threading
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from devbizops.db import Database
from devbizops.logging import get_logger
from memory.repositories.event_log import PendingEvent, append_events

log = get_logger(__name__)
_STOP = object()


class EventWriter:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def emit(self, run_id: uuid.UUID, type_: str, payload: dict[str, Any]) -> None:
        """Queue an event; it is stored by the background thread shortly after."""
        self._ensure_thread()
        self._queue.put((run_id, (type_, payload, datetime.now(UTC))))

    def flush(self) -> None:
        """Block until every event emitted before this call is stored (or failed loudly)."""
        if self._thread is None:
            return
        done = threading.Event()
        self._queue.put(done)
        done.wait()

    def close(self) -> None:
        """Store what is queued and stop the thread."""
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join()
            self._thread = None

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._loop, name="run-event-writer", daemon=True
                )
                self._thread.start()

    def _loop(self) -> None:
        while True:
            items = [self._queue.get()]
            while not self._queue.empty():  # take everything that queued up meanwhile
                items.append(self._queue.get_nowait())
            batch: dict[uuid.UUID, list[PendingEvent]] = defaultdict(list)
            waiters: list[threading.Event] = []
            stop = False
            for item in items:
                if item is _STOP:
                    stop = True
                elif isinstance(item, threading.Event):
                    waiters.append(item)
                else:
                    batch[item[0]].append(item[1])
            self._store(batch)
            for waiter in waiters:
                waiter.set()
            if stop:
                return

    def _store(self, batch: dict[uuid.UUID, list[PendingEvent]]) -> None:
        for run_id, events in batch.items():
            try:
                with self._db.engine.begin() as conn:
                    append_events(conn, run_id, events)
            except Exception as exc:  # a lost progress event must not kill the writer
                log.error("run_events.write_failed", run_id=str(run_id), error=str(exc))
