"""Runs, their append-only event log and the executors' bookkeeping (claim, heartbeat, cancel).

All executors (the inline one in the API process, Celery workers) move a run out of ``queued``
only through ``claim``, so the per-organization concurrency limit holds across processes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

import psycopg
from sqlalchemy import Text, cast, func, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Organization, Run, RunEvent
from memory.repositories.event_log import append_events

# Executors LISTEN here while a run executes; ``request_cancel`` notifies with the run id, so a
# running graph learns of a cancel request at its next node without polling the database.
CANCEL_CHANNEL = "devbizops_run_cancel"
BEAT = (
    "UPDATE runs SET heartbeat_at = now() WHERE id = %s RETURNING cancel_requested_at, started_at"
)


class Liveness(NamedTuple):
    cancel_requested_at: datetime | None
    started_at: datetime | None


def beat(conn: psycopg.Connection[Any], run_id: uuid.UUID) -> Liveness | None:
    """Heartbeat in one statement on the executor's own connection; None if the run is gone."""
    row = conn.execute(BEAT, (run_id,)).fetchone()
    if row is None:
        return None
    values = list(row.values()) if isinstance(row, dict) else list(row)
    return Liveness(values[0], values[1])


def listen_for_cancels(conn: psycopg.Connection[Any]) -> None:
    conn.execute(f"LISTEN {CANCEL_CHANNEL}")


def cancels_received(conn: psycopg.Connection[Any]) -> set[str]:
    """Run ids notified since the last call, read from the socket without a round trip."""
    conn.pgconn.consume_input()
    ids: set[str] = set()
    while (note := conn.pgconn.notifies()) is not None:
        ids.add(note.extra.decode())
    return ids


# Where a page of runs ends: (created_at, id) of its last row; newest first.
PageMark = tuple[datetime, uuid.UUID]


def now() -> datetime:
    return datetime.now(UTC)


class RunRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def create(
        self,
        org_id: uuid.UUID,
        graph_id: str,
        data: dict[str, Any],
        idempotency_key: str | None = None,
        created_by: str | None = None,
    ) -> tuple[Run, bool]:
        """Insert a queued run; with a key already used in this org, return that run instead.

        The second value is True when the row was created by this call.
        """
        run_id = uuid.uuid4()
        stmt = insert(Run).values(
            id=run_id,
            org_id=org_id,
            graph_id=graph_id,
            status="queued",
            input=data,
            idempotency_key=idempotency_key,
            created_by=created_by,
        )
        if idempotency_key is not None:
            stmt = stmt.on_conflict_do_nothing(index_elements=["org_id", "idempotency_key"])
        self.session.execute(stmt)
        if idempotency_key is None:
            return self.session.get_one(Run, run_id), True
        run = self.session.execute(
            select(Run).where(Run.org_id == org_id, Run.idempotency_key == idempotency_key)
        ).scalar_one()
        return run, run.id == run_id

    def get(self, run_id: uuid.UUID, org_id: uuid.UUID | None = None) -> Run | None:
        """A run by id, optionally scoped to an org."""
        stmt = select(Run).where(Run.id == run_id)
        if org_id is not None:
            stmt = stmt.where(Run.org_id == org_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def find_by_prefix(self, prefix: str, org_id: uuid.UUID) -> Sequence[Run]:
        """Runs whose id starts with ``prefix`` (the CLI accepts short ids)."""
        stmt = select(Run).where(
            Run.org_id == org_id, cast(Run.id, Text).like(f"{prefix.lower()}%")
        )
        return self.session.execute(stmt.limit(2)).scalars().all()

    def list(
        self,
        org_id: uuid.UUID,
        *,
        limit: int = 20,
        graph_id: str | None = None,
        status: str | None = None,
    ) -> Sequence[Run]:
        """Newest runs first."""
        stmt = select(Run).where(Run.org_id == org_id)
        if graph_id:
            stmt = stmt.where(Run.graph_id == graph_id)
        if status:
            stmt = stmt.where(Run.status == status)
        return (
            self.session.execute(stmt.order_by(Run.created_at.desc()).limit(limit)).scalars().all()
        )

    def page(
        self,
        org_id: uuid.UUID,
        *,
        limit: int,
        after: PageMark | None = None,
        status: str | None = None,
        graph_id: str | None = None,
        created_after: datetime | None = None,
        created_before: datetime | None = None,
    ) -> Sequence[Run]:
        """Up to ``limit`` runs newest first, strictly after the ``after`` mark (keyset paging)."""
        stmt = select(Run).where(Run.org_id == org_id)
        if after is not None:
            stmt = stmt.where(tuple_(Run.created_at, Run.id) < tuple_(*after))
        if status:
            stmt = stmt.where(Run.status == status)
        if graph_id:
            stmt = stmt.where(Run.graph_id == graph_id)
        if created_after is not None:
            stmt = stmt.where(Run.created_at > created_after)
        if created_before is not None:
            stmt = stmt.where(Run.created_at < created_before)
        stmt = stmt.order_by(Run.created_at.desc(), Run.id.desc()).limit(limit)
        return self.session.execute(stmt).scalars().all()

    def locked(self, run_id: uuid.UUID, org_id: uuid.UUID | None = None) -> Run | None:
        """The run with its row locked until the transaction ends (status changes)."""
        stmt = select(Run).where(Run.id == run_id).with_for_update()
        if org_id is not None:
            stmt = stmt.where(Run.org_id == org_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def claim(self, run_id: uuid.UUID, limit: int) -> bool:
        """Move a queued run to ``running`` if its org runs fewer than ``limit`` runs right now.

        The org row is locked first, so concurrent claimers of one org (threads or Celery
        workers) count and update one at a time and never exceed ``limit``. A successful claim
        counts an attempt and starts the heartbeat. False when the org is at its limit or the run
        is no longer queued (cancelled, claimed by someone else): re-read the run to tell apart.
        """
        org_id = self.session.execute(
            select(Run.org_id).where(Run.id == run_id)
        ).scalar_one_or_none()
        if org_id is None:
            return False
        # FOR NO KEY UPDATE: serialises claimers of the org without conflicting with the
        # key-share locks that inserts into org-scoped tables take (FOR UPDATE would make a
        # long transaction writing requirements block every claim of that org).
        self.session.execute(
            select(Organization.id).where(Organization.id == org_id).with_for_update(key_share=True)
        )
        running = self.session.execute(
            select(func.count()).where(Run.org_id == org_id, Run.status == "running")
        ).scalar_one()
        if running >= limit:
            return False
        stamp = now()
        claimed = self.session.execute(
            update(Run)
            .where(Run.id == run_id, Run.status == "queued")
            .values(
                status="running", attempts=Run.attempts + 1, heartbeat_at=stamp, started_at=stamp
            )
        )
        return bool(claimed.rowcount)  # type: ignore[attr-defined]

    def heartbeat(self, run_id: uuid.UUID) -> Run | None:
        """Record that the run's executor is alive; returns the run (to see a cancel request)."""
        self.session.execute(update(Run).where(Run.id == run_id).values(heartbeat_at=now()))
        return self.get(run_id)

    def request_cancel(self, run_id: uuid.UUID) -> None:
        """Ask the run's executor to stop it at the next node boundary."""
        self.session.execute(update(Run).where(Run.id == run_id).values(cancel_requested_at=now()))
        # Delivered at commit to the executor running it (whichever process that is).
        self.session.execute(
            text("SELECT pg_notify(:channel, :run_id)"),
            {"channel": CANCEL_CHANNEL, "run_id": str(run_id)},
        )

    def mark_dispatched(self, run_id: uuid.UUID) -> None:
        """The run was handed to an executor (the outbox column)."""
        self.session.execute(update(Run).where(Run.id == run_id).values(dispatched_at=now()))

    def requeue(self, run_id: uuid.UUID) -> None:
        """Back to ``queued`` and not yet dispatched: the next executor resumes its checkpoint."""
        self.session.execute(
            update(Run).where(Run.id == run_id).values(status="queued", dispatched_at=None)
        )

    def orphans(self, stale: timedelta) -> Sequence[uuid.UUID]:
        """Runs an executor should (re)take, oldest first.

        Queued runs never dispatched or dispatched longer than ``stale`` ago, and running runs
        whose heartbeat is older than ``stale`` (their executor died); the latter go back to
        ``queued`` here so ``claim`` can take them again.
        """
        cutoff = now() - stale
        dead = or_(Run.heartbeat_at.is_(None), Run.heartbeat_at < cutoff)
        self.session.execute(
            update(Run)
            .where(Run.status == "running", dead)
            .values(status="queued", dispatched_at=None)
        )
        stmt = select(Run.id).where(
            Run.status == "queued", or_(Run.dispatched_at.is_(None), Run.dispatched_at < cutoff)
        )
        return self.session.execute(stmt.order_by(Run.created_at, Run.id)).scalars().all()

    def mark(self, run_id: uuid.UUID, status: str, **values: Any) -> None:
        """Set a run's status (and timestamps/output/error given as keywords)."""
        if status == "running":
            values.setdefault("started_at", now())
        if status in ("succeeded", "failed", "cancelled"):
            values.setdefault("finished_at", now())
        self.session.execute(update(Run).where(Run.id == run_id).values(status=status, **values))

    def add_event(self, run_id: uuid.UUID, type_: str, payload: dict[str, Any]) -> int:
        """Append an event with the next sequence number; returns that number."""
        # Same statements as the batched writer: the run row is locked, so concurrent writers
        # of one run get distinct, gapless seq numbers.
        seqs = append_events(self.session.connection(), run_id, [(type_, payload, now())])
        if not seqs:
            raise LookupError(f"no run {run_id} to add a {type_} event to")
        return seqs[0]

    def events(self, run_id: uuid.UUID, after: int = 0) -> Sequence[RunEvent]:
        """The run's events after sequence number ``after``, in order."""
        stmt = (
            select(RunEvent)
            .where(RunEvent.run_id == run_id, RunEvent.seq > after)
            .order_by(RunEvent.seq)
        )
        return self.session.execute(stmt).scalars().all()
