"""Agent Protocol threads: create, find (org-scoped), link to their latest run."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.agent_protocol_models import AgentThread, AgentThreadRun
from memory.models import Run


class ThreadRepository:
    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def create(
        self,
        thread_id: uuid.UUID,
        metadata: dict[str, Any],
        created_by: str,
        graph_id: str | None = None,
    ) -> tuple[AgentThread, bool]:
        """Insert the thread unless its id exists; the flag says whether this call created it.

        The existing row is returned only when it belongs to this org; another org's thread
        with the same id is reported as a conflict by the caller (``None`` row, not created).
        """
        stmt = (
            insert(AgentThread)
            .values(
                id=thread_id,
                org_id=self.org_id,
                graph_id=graph_id,
                metadata_=metadata,
                created_by=created_by,
            )
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(AgentThread.id)
        )
        created = self.session.execute(stmt).scalar_one_or_none() is not None
        row = self.session.execute(
            select(AgentThread).where(AgentThread.id == thread_id)
        ).scalar_one()
        return row, created

    def get(self, thread_id: uuid.UUID, *, lock: bool = False) -> AgentThread | None:
        """The org's thread (``lock`` serialises run creation on one thread)."""
        stmt = select(AgentThread).where(
            AgentThread.id == thread_id, AgentThread.org_id == self.org_id
        )
        if lock:
            stmt = stmt.with_for_update()
        return self.session.execute(stmt).scalar_one_or_none()

    def with_run(self, thread_id: uuid.UUID) -> tuple[AgentThread, Run | None] | None:
        """The org's thread and its latest run (None when the thread is not the org's)."""
        stmt = (
            select(AgentThread, Run)
            .outerjoin(Run, Run.id == AgentThread.run_id)
            .where(AgentThread.id == thread_id, AgentThread.org_id == self.org_id)
        )
        found = self.session.execute(stmt).one_or_none()
        return None if found is None else (found[0], found[1])

    def run(self, thread_id: uuid.UUID, run_id: uuid.UUID) -> tuple[Run, dict[str, Any]] | None:
        """One of the thread's runs and its protocol metadata, when the thread is the org's."""
        stmt = (
            select(Run, AgentThreadRun.metadata_)
            .join(AgentThreadRun, AgentThreadRun.run_id == Run.id)
            .join(AgentThread, AgentThread.id == AgentThreadRun.thread_id)
            .where(
                Run.id == run_id,
                AgentThread.id == thread_id,
                AgentThread.org_id == self.org_id,
                Run.org_id == self.org_id,
            )
        )
        found = self.session.execute(stmt).one_or_none()
        return None if found is None else (found[0], dict(found[1]))

    def runs(self, thread_id: uuid.UUID, *, limit: int = 10, offset: int = 0) -> Sequence[Run]:
        """The thread's runs, newest first."""
        stmt = (
            select(Run)
            .join(AgentThreadRun, AgentThreadRun.run_id == Run.id)
            .join(AgentThread, AgentThread.id == AgentThreadRun.thread_id)
            .where(AgentThread.id == thread_id, AgentThread.org_id == self.org_id)
            .order_by(Run.created_at.desc(), Run.id)
            .limit(limit)
            .offset(offset)
        )
        return self.session.execute(stmt).scalars().all()

    def link(
        self,
        thread_id: uuid.UUID,
        run_id: uuid.UUID,
        graph_id: str,
        metadata: dict[str, Any] | None = None,
    ) -> bool:
        """Make ``run_id`` the thread's latest run (binding the thread to the run's graph).

        False when the run was linked before (nothing changes then).
        """
        added = self.session.execute(
            insert(AgentThreadRun)
            .values(run_id=run_id, thread_id=thread_id, metadata_=metadata or {})
            .on_conflict_do_nothing(index_elements=["run_id"])
            .returning(AgentThreadRun.run_id)
        ).scalar_one_or_none()
        if added is None:
            return False  # the same request again: the run is linked already
        self.session.execute(
            update(AgentThread)
            .where(AgentThread.id == thread_id, AgentThread.org_id == self.org_id)
            .values(
                run_id=run_id,
                graph_id=func.coalesce(AgentThread.graph_id, graph_id),
                updated_at=func.now(),
            )
        )
        return True

    def search(self, *, limit: int = 10, offset: int = 0) -> Sequence[AgentThread]:
        """The org's threads, newest first."""
        stmt = (
            select(AgentThread)
            .where(AgentThread.org_id == self.org_id)
            .order_by(AgentThread.created_at.desc(), AgentThread.id)
            .limit(limit)
            .offset(offset)
        )
        return self.session.execute(stmt).scalars().all()
