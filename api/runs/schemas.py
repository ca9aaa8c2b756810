"""What a run looks like to callers (CLI and HTTP API) and what the runs endpoints accept."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class RunEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    type: str
    payload: dict[str, Any]
    created_at: datetime


class RunOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    graph_id: str
    status: str
    input: dict[str, Any]
    output: dict[str, Any] | None
    error: dict[str, Any] | None
    idempotency_key: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    created_by: str | None = None
    attempts: int = 0
    cancel_requested_at: datetime | None = None
    # Internal: lets the executor build the LangGraph config without another query.
    org_id: uuid.UUID | None = Field(default=None, exclude=True)

    @property
    def seconds(self) -> float | None:
        """Wall time from start to finish, when finished."""
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class RunCreate(BaseModel):
    """``POST /v1/runs``: which graph, on what input (checked against the graph's request)."""

    model_config = ConfigDict(extra="forbid")

    graph_id: str = Field(description="techtranslator | roadmap | dashboard | pipeline")
    input: dict[str, Any] = Field(default_factory=dict, description="the graph's request")


class RunPage(BaseModel):
    items: list[RunOut]
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page; null at end")


class RunStateOut(BaseModel):
    """The run's latest LangGraph checkpoint."""

    values: dict[str, Any]
    next: list[str]
    interrupts: list[dict[str, Any]]
    checkpoint_id: str | None
    created_at: str | None


class CheckpointOut(BaseModel):
    checkpoint_id: str
    parent_id: str | None
    step: int | None
    source: str | None
    next: list[str]
    created_at: str | None
