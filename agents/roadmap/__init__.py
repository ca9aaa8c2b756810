"""Roadmap agent: RICE-score call requirements and backlog items, rank them, explain the order."""

from __future__ import annotations

from agents.roadmap.ranking import rank
from agents.roadmap.rationale import rationale_task, write_rationale
from agents.roadmap.schemas import (
    BacklogItem,
    RiceScore,
    RiceWeights,
    Roadmap,
    RoadmapInput,
    RoadmapItem,
    RoadmapRequirement,
)
from tools.llm.base import LanguageModel

__all__ = [
    "BacklogItem",
    "RiceScore",
    "RiceWeights",
    "Roadmap",
    "RoadmapInput",
    "RoadmapItem",
    "RoadmapRequirement",
    "build_roadmap",
    "rationale_task",
    "write_rationale",
]


def build_roadmap(data: RoadmapInput, llm: LanguageModel) -> Roadmap:
    """Rank the input with RICE in code and ask ``llm`` only for the wording of the rationale."""
    items = rank(data)
    rationale = llm.write(rationale_task(items))
    return Roadmap(method=data.method, items=items, rationale=rationale)
