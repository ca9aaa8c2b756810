"""Roadmap graph state."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from pydantic import BaseModel, Field

from agents.roadmap.schemas import BacklogItem, RiceWeights


class RoadmapRequest(BaseModel):
    """Input of graph ``roadmap``.

    ``requirements`` are TechTranslator requirements (optionally with ``key`` and ``account``);
    when omitted, every requirement stored for the organization is ranked.
    """

    requirements: list[dict[str, Any]] | None = None
    backlog: list[BacklogItem] = Field(default_factory=list)
    method: Literal["rice"] = "rice"
    weights: RiceWeights | None = None


class RoadmapInputState(TypedDict, total=False):
    requirements: list[dict[str, Any]] | None
    backlog: list[dict[str, Any]]
    method: str
    weights: dict[str, Any] | None


class RoadmapOutput(TypedDict, total=False):
    roadmap: dict[str, Any]


class RoadmapState(RoadmapInputState, RoadmapOutput, total=False):
    candidates: list[dict[str, Any]]
    stored: int
