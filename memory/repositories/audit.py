"""The audit log: one row per state-changing request and per external write."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from memory.models import AuditLog


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        org_id: uuid.UUID | None,
        actor: str,
        action: str,
        *,
        target: str | None = None,
        run_id: uuid.UUID | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Add a row in the caller's transaction: it commits or rolls back with the change."""
        self.session.add(
            AuditLog(
                org_id=org_id,
                actor=actor,
                action=action,
                target=target,
                run_id=run_id,
                details=details or {},
            )
        )

    def list(
        self,
        org_id: uuid.UUID,
        *,
        limit: int = 50,
        before_id: int | None = None,
        action: str | None = None,
        since: datetime | None = None,
    ) -> Sequence[AuditLog]:
        """The org's rows, newest first; ``before_id`` pages backwards."""
        stmt = select(AuditLog).where(AuditLog.org_id == org_id)
        if before_id is not None:
            stmt = stmt.where(AuditLog.id < before_id)
        if action is not None:
            stmt = stmt.where(AuditLog.action == action)
        if since is not None:
            stmt = stmt.where(AuditLog.created_at >= since)
        return self.session.execute(stmt.order_by(AuditLog.id.desc()).limit(limit)).scalars().all()
