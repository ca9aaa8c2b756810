"""The audit log as the API shows it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class AuditEntry(BaseModel):
    id: int
    actor: str
    action: str
    target: str | None
    run_id: uuid.UUID | None
    details: dict[str, Any]
    created_at: datetime


class AuditPage(BaseModel):
    items: list[AuditEntry]
    next_before_id: int | None = Field(
        description="pass as before_id for the next (older) page; null on the last page"
    )
