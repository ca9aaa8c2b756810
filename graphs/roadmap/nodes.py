"""Roadmap nodes: gather what to rank, score and order it, store the result."""

from __future__ import annotations

from typing import Any

from langchain_core.runnables import RunnableConfig

from agents.roadmap import build_roadmap
from agents.roadmap.intake import to_roadmap_requirements
from agents.roadmap.schemas import BacklogItem, RiceWeights, RoadmapInput
from graphs.context import run_ids
from graphs.roadmap.state import RoadmapState
from memory.store import GraphStore
from tools.llm import LanguageModel


def gather(state: RoadmapState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """The requirements to rank: the given ones, else every one stored for the org."""
    records = state.get("requirements")
    if records is None:
        org_id, _ = run_ids(config)
        records = store.org_requirements(org_id)
    merged = to_roadmap_requirements(records)
    return {"candidates": [r.model_dump(mode="json") for r in merged]}


def score(state: RoadmapState, *, llm: LanguageModel) -> dict[str, Any]:
    """RICE-score and order requirements and backlog; the rationale cites computed values only."""
    weights = state.get("weights")
    data = RoadmapInput.model_validate(
        {
            "requirements": state.get("candidates", []),
            "backlog": [BacklogItem.model_validate(b) for b in state.get("backlog", [])],
            "weights": RiceWeights.model_validate(weights) if weights else RiceWeights(),
        }
    )
    return {"roadmap": build_roadmap(data, llm).model_dump(mode="json")}


def store(state: RoadmapState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """Persist the ranked items with their score inputs (idempotent per run)."""
    org_id, run_id = run_ids(config)
    stored = store.save_roadmap(org_id, run_id, state["roadmap"]["items"])
    return {"stored": stored}
