"""Wake requests that wait on a run (``?wait=true``, SSE streams) as soon as it changes.

Every batch of run events (and every status change comes with one) sends ``NOTIFY
devbizops_run_changed, '<run id>'`` at commit (``memory/repositories/event_log.py``), from
whichever process executes the run: the API's inline executor or a Celery worker. One thread
per API process LISTENs and sets the asyncio events of the requests watching that run. Watchers
still re-read the database every ``FALLBACK_SECONDS``, so a notification lost to a reconnect
only delays them.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from devbizops.db import Database
from devbizops.logging import get_logger
from memory.repositories.event_log import CHANGED_CHANNEL

log = get_logger(__name__)
FALLBACK_SECONDS = 1.0


class RunWatcher:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._watchers: dict[uuid.UUID, set[tuple[asyncio.AbstractEventLoop, asyncio.Event]]]
        self._watchers = defaultdict(set)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._listen, name="run-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @asynccontextmanager
    async def watch(self, run_id: uuid.UUID) -> AsyncIterator[asyncio.Event]:
        """An event set whenever the run changes, registered for the ``async with`` block.

        Register first, then read the run: a change between the read and the wait still wakes.
        """
        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._watchers[run_id].add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                waiting = self._watchers.get(run_id)
                if waiting is not None:
                    waiting.discard(entry)
                    if not waiting:
                        del self._watchers[run_id]

    @staticmethod
    async def changed(event: asyncio.Event, timeout: float = FALLBACK_SECONDS) -> None:
        """Wait until ``event`` is set or ``timeout`` passed, then clear it."""
        with suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
        event.clear()

    def _wake(self, payload: str) -> None:
        try:
            run_id = uuid.UUID(payload)
        except ValueError:
            return
        with self._lock:
            entries = list(self._watchers.get(run_id, ()))
        for loop, event in entries:
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                with self._db.connect() as conn:
                    conn.execute(f"LISTEN {CHANGED_CHANNEL}")
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5):
                            self._wake(note.payload)
            except Exception as exc:  # the database restarted or is away: retry shortly
                log.warning("run_watcher.reconnect", error=str(exc))
                self._stop.wait(1.0)
