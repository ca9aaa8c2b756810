"""Transcript uploads, stored transcripts and the requirements extracted from them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from agents.techtranslator.schemas import Category, Priority

# PostgreSQL text and JSONB cannot hold NUL characters: refuse them at the edge (422, not 500).
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, Field(pattern=NO_NUL)]
Speakers = list[Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]]


class TranscriptUpload(BaseModel):
    """The JSON form of ``POST /v1/transcripts`` (multipart sends the same fields + ``file``)."""

    model_config = ConfigDict(extra="forbid")

    content: Text = Field(min_length=1, description="the call, in any supported format")
    format: Text | None = Field(
        default=None, max_length=20, description="text|vtt|srt|gong|slack; detected when unset"
    )
    account: Text | None = Field(default=None, max_length=200, description="customer account")
    customer_speakers: Speakers = Field(
        default_factory=list, max_length=100, description="speakers known to be the customer"
    )
    internal_speakers: Speakers = Field(
        default_factory=list, max_length=100, description="speakers known to be our team"
    )
    write_back: dict[Text, Text] | None = Field(
        default=None,
        description='propose Jira issues for approval: {"jira_connector": NAME, "project": KEY}',
    )


class TranscriptAccepted(BaseModel):
    transcript_id: uuid.UUID
    run_id: uuid.UUID
    format: str = Field(description="the format given or detected")
    status: str = Field(description="the run's status; poll GET /v1/runs/{run_id}")


class TranscriptSummary(BaseModel):
    id: uuid.UUID
    run_id: uuid.UUID | None
    account: str | None
    format: str
    sha256: str
    size_bytes: int
    requirements: int = Field(description="requirements extracted from it so far")
    created_at: datetime


class TranscriptOut(TranscriptSummary):
    content: str


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last")


class TranscriptPage(Page):
    items: list[TranscriptSummary]


class RequirementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    run_id: uuid.UUID
    transcript_id: uuid.UUID | None
    position: int
    key: str
    title: str
    user_story: str
    acceptance_criteria: list[Any]
    category: Category | str
    priority: Priority | str
    account: str | None
    evidence_count: int
    created_at: datetime


class RequirementDetail(RequirementOut):
    evidence: list[dict[str, Any]] = Field(
        description="verbatim customer quotes: speaker, quote, timestamp"
    )


class RequirementPage(Page):
    items: list[RequirementOut]
