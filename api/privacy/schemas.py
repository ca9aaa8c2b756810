"""What a privacy export returns and what an erasure reports."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class EraseIn(BaseModel):
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")


class MembershipOut(BaseModel):
    org: str
    role: str
    joined_at: datetime


class UserRecord(BaseModel):
    id: uuid.UUID
    email: str
    name: str
    has_password: bool
    created_at: datetime
    memberships: list[MembershipOut]


class TranscriptLine(BaseModel):
    transcript_id: uuid.UUID
    account: str | None
    format: str
    line: int
    speaker: str
    role: str | None
    text: str
    timestamp: str | None


class EvidenceOut(BaseModel):
    requirement_id: uuid.UUID
    key: str
    title: str
    quotes: list[dict[str, Any]]


class CrmNoteOut(BaseModel):
    id: str
    body: str
    timestamp: datetime


class AuditActionOut(BaseModel):
    id: int
    action: str
    target: str | None
    created_at: datetime


class PrivacyExport(BaseModel):
    email: str
    names: list[str] = Field(description="names this person goes by in the org's data")
    found: bool
    user: UserRecord | None
    transcript_lines: list[TranscriptLine]
    evidence: list[EvidenceOut]
    crm_notes: list[CrmNoteOut]
    audit: list[AuditActionOut]


class PrivacyErasure(BaseModel):
    pseudonym: str
    changed: bool = Field(description="false when there was nothing (left) to erase")
    counts: dict[str, int]
    message: str
