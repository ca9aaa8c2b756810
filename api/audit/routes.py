"""The audit log of the organization."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit.schemas import AuditEntry, AuditPage
from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import DatabaseDep, require
from memory.repositories.audit import AuditRepository

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("")
def list_audit(
    principal: Annotated[Principal, require(Permission.AUDIT_READ)],
    db: DatabaseDep,
    action: Annotated[str | None, Query(max_length=80)] = None,
    since: Annotated[datetime | None, Query(description="ISO 8601, with time zone")] = None,
    before_id: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="rows older than this id")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> AuditPage:
    """Newest first; page backwards with ``before_id=next_before_id``."""
    with db.transaction() as session:
        rows = AuditRepository(session).list(
            principal.org_id, limit=limit + 1, before_id=before_id, action=action, since=since
        )
        items = [AuditEntry.model_validate(row, from_attributes=True) for row in rows[:limit]]
    more = len(rows) > limit
    return AuditPage(items=items, next_before_id=items[-1].id if more and items else None)
