"""Runs and their append-only event log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text, cast, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Run, RunEvent


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

    def mark(self, run_id: uuid.UUID, status: str, **values: Any) -> None:
        """Set a run's status (and timestamps/output/error given as keywords)."""
        if status == "running":
            values.setdefault("started_at", now())
        if status in ("succeeded", "failed", "cancelled"):
            values.setdefault("finished_at", now())
        self.session.execute(update(Run).where(Run.id == run_id).values(status=status, **values))

    def add_event(self, run_id: uuid.UUID, type_: str, payload: dict[str, Any]) -> int:
        """Append an event with the next sequence number; returns that number."""
        # Lock the run row so concurrent writers of one run get distinct, gapless seq numbers.
        self.session.execute(select(Run.id).where(Run.id == run_id).with_for_update())
        seq = self.session.execute(
            select(func.coalesce(func.max(RunEvent.seq), 0) + 1).where(RunEvent.run_id == run_id)
        ).scalar_one()
        self.session.add(RunEvent(run_id=run_id, seq=seq, type=type_, payload=payload))
        self.session.flush()
        return int(seq)

    def events(self, run_id: uuid.UUID, after: int = 0) -> Sequence[RunEvent]:
        """The run's events after sequence number ``after``, in order."""
        stmt = (
            select(RunEvent)
            .where(RunEvent.run_id == run_id, RunEvent.seq > after)
            .order_by(RunEvent.seq)
        )
        return self.session.execute(stmt).scalars().all()
