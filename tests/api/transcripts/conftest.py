"""Waiting for a run the API dispatched to the app's executor."""

from __future__ import annotations

import time
import uuid

from devbizops.db import Database
from memory.models import TERMINAL_STATUSES
from memory.repositories.runs import RunRepository


def finished(db: Database, run_id: str, limit_seconds: float = 120) -> str:
    """The run's terminal status once the executor is done with it (fails after the limit)."""
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        with db.transaction() as session:
            run = RunRepository(session).get(uuid.UUID(run_id))
            assert run is not None
            if run.status in TERMINAL_STATUSES:
                return run.status
        time.sleep(0.1)
    raise AssertionError(f"run {run_id} did not finish within {limit_seconds}s")
