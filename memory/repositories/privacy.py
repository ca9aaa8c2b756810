"""SQL of privacy requests: find the rows of an org that may hold a person's data, and
pseudonymise the places that name people by their actor string."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, cast, or_, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from memory.models import AuditLog, Requirement, Run, RunEvent, Transcript
from memory.service_models import ApiKey
from memory.source_models import CrmNote


def _mentions(column: Any, needles: Sequence[str]) -> ColumnElement[bool]:
    """Case-insensitive containment of any needle (LIKE wildcards in needles are escaped)."""
    text = cast(column, String)
    return or_(*(text.icontains(n, autoescape=True) for n in needles))


class PrivacyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def transcripts(self, org_id: uuid.UUID, needles: Sequence[str]) -> Sequence[Transcript]:
        """The org's transcripts whose text contains any needle (email or name), oldest first."""
        stmt = select(Transcript).where(
            Transcript.org_id == org_id, _mentions(Transcript.content, needles)
        )
        return self.session.execute(stmt.order_by(Transcript.created_at)).scalars().all()

    def requirements(self, org_id: uuid.UUID, needles: Sequence[str]) -> Sequence[Requirement]:
        stmt = select(Requirement).where(
            Requirement.org_id == org_id, _mentions(Requirement.evidence, needles)
        )
        return self.session.execute(stmt.order_by(Requirement.created_at)).scalars().all()

    def runs(self, org_id: uuid.UUID, needles: Sequence[str]) -> Sequence[Run]:
        """Runs whose input, output or error mention the person (transcripts travel in input)."""
        stmt = select(Run).where(
            Run.org_id == org_id,
            or_(
                _mentions(Run.input, needles),
                _mentions(Run.output, needles),
                _mentions(Run.error, needles),
            ),
        )
        return self.session.execute(stmt).scalars().all()

    def run_events(self, org_id: uuid.UUID, needles: Sequence[str]) -> Sequence[RunEvent]:
        stmt = (
            select(RunEvent)
            .join(Run, Run.id == RunEvent.run_id)
            .where(Run.org_id == org_id, _mentions(RunEvent.payload, needles))
        )
        return self.session.execute(stmt).scalars().all()

    def delete_checkpoints(self, run_ids: Sequence[uuid.UUID]) -> int:
        """Drop LangGraph's checkpoints of these runs (thread id = run id): they are opaque
        serialised state that cannot be scrubbed in place. Returns how many threads had any."""
        if not run_ids or self.session.scalar(text("SELECT to_regclass('checkpoints')")) is None:
            return 0
        ids = [str(r) for r in run_ids]
        had = self.session.execute(
            text("SELECT count(DISTINCT thread_id) FROM checkpoints WHERE thread_id = ANY(:ids)"),
            {"ids": ids},
        ).scalar_one()
        for table in ("checkpoint_writes", "checkpoint_blobs", "checkpoints"):
            self.session.execute(
                text(f"DELETE FROM {table} WHERE thread_id = ANY(:ids)"),
                {"ids": ids},
            )
        return int(had)

    def crm_notes(self, org_id: uuid.UUID, email: str) -> Sequence[CrmNote]:
        stmt = select(CrmNote).where(
            CrmNote.org_id == org_id, CrmNote.body.icontains(email, autoescape=True)
        )
        return self.session.execute(stmt).scalars().all()

    def audit_by(self, org_id: uuid.UUID, actor: str) -> Sequence[AuditLog]:
        stmt = select(AuditLog).where(AuditLog.org_id == org_id, AuditLog.actor == actor)
        return self.session.execute(stmt.order_by(AuditLog.id)).scalars().all()

    def rename_actor(self, org_id: uuid.UUID, actor: str, alias: str) -> int:
        """Replace ``actor`` where the org's audit log, runs and keys name who did something."""
        changed = 0
        for column_owner, column, org_column in (
            (AuditLog, AuditLog.actor, AuditLog.org_id),
            (Run, Run.created_by, Run.org_id),
            (ApiKey, ApiKey.created_by, ApiKey.org_id),
        ):
            result = self.session.execute(
                update(column_owner)
                .where(org_column == org_id, column == actor)
                .values({column.key: alias})
            )
            changed += int(getattr(result, "rowcount", 0))
        return changed
