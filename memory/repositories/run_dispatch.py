"""The Celery executor's bookkeeping on ``runs``: outbox, claims and worker heartbeats.

A run is handed to Redis only after its row commits (``dispatched_at`` records the hand-over), a
worker claims it before executing (so duplicate deliveries are harmless) and keeps
``heartbeat_at`` fresh while it runs; the relay re-sends what was never picked up and what lost
its worker. Claims, heartbeats and status changes are ``RunRepository``'s (shared with the inline
executor); this adds what only the broker needs. Callers own the transaction.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from memory.models import TERMINAL_STATUSES, Run
from memory.repositories.runs import RunRepository


class Claim(enum.StrEnum):
    """What a worker may do with a delivered run."""

    EXECUTE = "execute"  # claimed (queued → running, or taken over from a dead worker)
    BUSY = "busy"  # the org already runs its maximum: try again later
    ELSEWHERE = "elsewhere"  # another worker runs it and is alive
    WAITING = "waiting"  # interrupted: waits for a person's decision, not for a worker
    DONE = "done"  # finished (or gone): nothing to do


class RunDispatchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def mark_dispatched(self, run_ids: Sequence[uuid.UUID]) -> None:
        """Record that these runs were handed to the broker just now."""
        runs = RunRepository(self.session)
        for run_id in run_ids:
            runs.mark_dispatched(run_id)

    def due(self, stale_before: datetime, limit: int = 100) -> list[uuid.UUID]:
        """Runs to send (again), locked so that concurrent relays skip them.

        Queued runs not handed over (or handed over but never claimed) since ``stale_before``,
        and running runs whose worker stopped beating since then — each at most once per stale
        window, because sending sets ``dispatched_at``.
        """
        handed = func.coalesce(Run.dispatched_at, Run.created_at) < stale_before
        lost = and_(
            Run.status == "running",
            Run.heartbeat_at.is_not(None),  # NULL: not run by a worker (inline), not ours
            Run.heartbeat_at < stale_before,
        )
        stmt = (
            select(Run.id)
            .where(handed, or_(Run.status == "queued", lost))
            .order_by(Run.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(self.session.execute(stmt).scalars())

    def claim(self, run_id: uuid.UUID, limit: int, stale_before: datetime) -> Claim:
        """Decide, atomically, whether this worker executes the run, and claim it if so.

        The run row is locked first, so two deliveries of one run decide one after the other:
        the second sees the first's claim (a fresh heartbeat) and leaves the run alone.
        """
        runs = RunRepository(self.session)
        run = runs.locked(run_id)
        if run is None or run.status in TERMINAL_STATUSES:
            return Claim.DONE
        if run.status == "interrupted":
            return Claim.WAITING
        if run.status == "running":
            if run.heartbeat_at is None or run.heartbeat_at >= stale_before:
                return Claim.ELSEWHERE
            runs.requeue(run_id)  # its worker died: claim it again like any queued run
        return Claim.EXECUTE if runs.claim(run_id, limit) else Claim.BUSY
