"""Eval API bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

EvalStatus = Literal["running", "succeeded", "failed"]


class EvalCreate(BaseModel):
    """Which shipped dataset to run (``evals/datasets/<dataset>.jsonl``) and on which provider."""

    dataset: str = Field(pattern=r"^[a-z0-9_]+$", examples=["techtranslator"])
    provider: Literal["offline", "openai"] | None = None
    model: str | None = None
    concurrency: int = Field(default=4, ge=1, le=64)


class EvalOut(BaseModel):
    id: str
    dataset: str
    status: EvalStatus
    provider: str | None = None
    model: str | None = None
    created_at: datetime
    finished_at: datetime | None = None
    summary: dict[str, Any] | None = None
    error: str | None = None
    report_url: str
    html_url: str
