"""Roadmap graph state."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from pydantic import BaseModel, Field

from agents.roadmap.delivery import WeekThroughput
from agents.roadmap.forecast import DEFAULT_SEED, DEFAULT_TRIALS
from agents.roadmap.schemas import BacklogItem, Method, RiceWeights, WsjfWeights


class RoadmapWriteBack(BaseModel):
    """Where approved ranks and target versions are written (only after a person approves)."""

    connector: str = Field(min_length=1, description="name of a stored Jira connector")


class RoadmapRequest(BaseModel):
    """Input of graph ``roadmap``.

    ``requirements`` are TechTranslator requirements (optionally with ``key`` and ``account``);
    when omitted, every requirement stored for the organization is ranked. ``method`` picks the
    score that orders the roadmap (both are computed and kept). Weights left out come from the
    org's stored weights, else the defaults. The forecast starts on ``start`` (default: today,
    UTC) and draws from the ``history_weeks`` whole ISO weeks before it of synced Jira work, unless
    ``throughput`` gives the weekly history explicitly. With ``write_back`` the run stops after
    storing the roadmap and proposes each Jira issue's new rank and target version for approval.
    """

    requirements: list[dict[str, Any]] | None = None
    backlog: list[BacklogItem] = Field(default_factory=list)
    method: Method = "rice"
    weights: RiceWeights | None = None
    wsjf_weights: WsjfWeights | None = None
    start: date | None = None
    history_weeks: int = Field(default=12, ge=1, le=104)
    throughput: list[WeekThroughput] | None = None
    trials: int = Field(default=DEFAULT_TRIALS, ge=10_000, le=200_000)
    seed: int = DEFAULT_SEED
    write_back: RoadmapWriteBack | None = Field(
        default=None, description="propose ranks and target versions for Jira, write approved"
    )


class RoadmapInputState(TypedDict, total=False):
    requirements: list[dict[str, Any]] | None
    backlog: list[dict[str, Any]]
    method: str
    weights: dict[str, Any] | None
    wsjf_weights: dict[str, Any] | None
    start: str | None
    history_weeks: int
    throughput: list[dict[str, Any]] | None
    trials: int
    seed: int
    write_back: dict[str, Any] | None


class RoadmapOutput(TypedDict, total=False):
    roadmap: dict[str, Any]
    # Only with write_back: what was proposed, skipped, offered, decided and written.
    proposal: list[dict[str, Any]]
    skipped: list[dict[str, Any]]
    versions: list[str]
    decision: dict[str, Any]
    written: list[dict[str, Any]]


class RoadmapState(RoadmapInputState, RoadmapOutput, total=False):
    candidates: list[dict[str, Any]]
    forecast_start: str
    history: list[dict[str, Any]]
    ranked: list[dict[str, Any]]
    stored: int
