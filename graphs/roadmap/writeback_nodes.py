"""Roadmap write-back nodes: propose → approve (interrupt) → write; partial updates only."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from langchain_core.runnables import RunnableConfig
from langgraph.types import interrupt

from agents.roadmap.jira_write import write_changes
from agents.roadmap.schemas import RoadmapItem
from agents.roadmap.writeback import (
    KIND,
    ProposedChange,
    RoadmapDecision,
    decision_for,
    jira_candidates,
    offered_versions,
    propose,
)
from graphs.context import emit, run_ids
from graphs.roadmap.state import RoadmapState
from graphs.writeback_tools import tools_of
from tools.jira import JiraIssue, JiraNotFound, JiraSource


def route_after_store(state: RoadmapState) -> Literal["propose", "__end__"]:
    """Write-back only when the request asks for it."""
    return "propose" if state.get("write_back") else "__end__"


def _lookup(jira: JiraSource, key: str) -> JiraIssue | None:
    try:
        return jira.get_issue(key, expand_changelog=False)
    except JiraNotFound:
        return None


def propose_changes(state: RoadmapState, config: RunnableConfig) -> dict[str, Any]:
    """Each ranked Jira issue's new rank and target version, with what Jira holds today."""
    org_id, _ = run_ids(config)
    items = [RoadmapItem.model_validate(i) for i in state["roadmap"]["items"]]
    connector = str((state.get("write_back") or {})["connector"])
    with tools_of(config).jira(org_id, connector) as jira:
        issues = {key: _lookup(jira, key) for key in jira_candidates(items)}
    changes, skipped = propose(items, issues)
    for item in skipped:
        emit("roadmap.item_skipped", **item.model_dump(mode="json"))
    return {
        "proposal": [c.model_dump(mode="json") for c in changes],
        "skipped": [s.model_dump(mode="json") for s in skipped],
        "versions": offered_versions(date.fromisoformat(state["forecast_start"]), items),
    }


def route_after_propose(state: RoadmapState) -> Literal["approve", "__end__"]:
    """Nothing to approve when no roadmap item is a Jira issue."""
    return "approve" if state.get("proposal") else "__end__"


def approve(state: RoadmapState) -> dict[str, Any]:
    """Stop for a person's decision; the run resumes with it (approve all/some, or reject)."""
    request = {
        "kind": KIND,
        "connector": (state.get("write_back") or {}).get("connector"),
        "method": state["roadmap"]["method"],
        "versions": state.get("versions", []),
        "changes": state.get("proposal", []),
        "skipped": state.get("skipped", []),
    }
    decision = decision_for(request, interrupt(request))
    return {"decision": decision.model_dump(mode="json"), "written": []}


def route_after_approve(state: RoadmapState) -> Literal["write", "__end__"]:
    """Write only when the decision approves some change."""
    return "write" if _selected(state) else "__end__"


def write(state: RoadmapState, config: RunnableConfig) -> dict[str, Any]:
    """Comment each approved change on its issue; keyed per (run, step, issue), so once."""
    org_id, run_id = run_ids(config)
    connector = str((state.get("write_back") or {})["connector"])
    roadmap = state["roadmap"]
    with tools_of(config).jira(org_id, connector) as jira:
        written = write_changes(
            jira,
            _selected(state),
            method=roadmap["method"],
            total=len(roadmap["items"]),
            run_id=str(run_id),
        )
    for record in written:
        emit("jira.roadmap_written", **record.model_dump(mode="json"))
    return {"written": [w.model_dump(mode="json") for w in written]}


def _selected(state: RoadmapState) -> list[ProposedChange]:
    decision = RoadmapDecision.model_validate(state["decision"])
    return decision.selected([ProposedChange.model_validate(c) for c in state.get("proposal", [])])
