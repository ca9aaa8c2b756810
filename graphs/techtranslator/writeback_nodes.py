"""Write-back nodes: enrich → approve (interrupt) → write → remember; partial updates only."""

from __future__ import annotations

from typing import Any, Literal

from langchain_core.runnables import RunnableConfig
from langgraph.types import interrupt

from agents.approval import parse_decision
from agents.techtranslator.enrich import AccountFacts, ProposedIssue, matches_for, propose
from agents.techtranslator.writeback import KIND, Decision, create_issues
from graphs.context import emit, run_ids
from graphs.techtranslator.state import TranslatorState
from graphs.writeback_tools import tools_of
from memory.store import GraphStore


def requirement_keys(run_id: Any, count: int) -> list[str]:
    """The keys ``save_translation`` gives a run's requirements, in order."""
    short = run_id.hex[:8].upper()
    return [f"REQ-{short}-{i + 1}" for i in range(count)]


def route_after_store(state: TranslatorState) -> Literal["enrich", "__end__"]:
    """Write-back only when the request asks for it."""
    return "enrich" if state.get("write_back") else "__end__"


def enrich(state: TranslatorState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """Account revenue, Jira matches, and past rejections → the proposal to approve."""
    org_id, run_id = run_ids(config)
    tools = tools_of(config)
    account = state.get("account")
    revenue = store.account_revenue(org_id, account) if account else None
    facts = AccountFacts(account=account, **(revenue or {}))
    if revenue is not None:
        tools.memory.remember_facts(org_id, account, facts.model_dump(mode="json"))
    reqs = state.get("requirements", [])
    keyed = [
        {**r, "key": k} for r, k in zip(reqs, requirement_keys(run_id, len(reqs)), strict=True)
    ]
    found = store.jira_candidates(org_id, [r["title"] for r in keyed])
    matches = {r["key"]: matches_for(lex, c) for r, (lex, c) in zip(keyed, found, strict=True)}
    rejected = tools.memory.rejected(org_id, account, [r["title"] for r in keyed])
    proposed, duplicates, suppressed = propose(keyed, matches, account, rejected)
    for dup in duplicates:
        emit("requirement.duplicate", **dup.model_dump(mode="json"))
    for item in suppressed:
        emit("requirement.suppressed", **item)
    return {
        "enrichment": facts.model_dump(mode="json"),
        "proposal": [p.model_dump(mode="json") for p in proposed],
        "duplicates": [d.model_dump(mode="json") for d in duplicates],
        "suppressed": suppressed,
    }


def route_after_enrich(state: TranslatorState) -> Literal["approve", "__end__"]:
    """Nothing to approve when every requirement is a duplicate or was rejected before."""
    return "approve" if state.get("proposal") else "__end__"


def approve(state: TranslatorState) -> dict[str, Any]:
    """Stop for a person's decision; the run resumes with it (approve some/all, or reject)."""
    write_back = state.get("write_back") or {}
    answer = interrupt(
        {
            "kind": KIND,
            "connector": write_back.get("jira_connector"),
            "project": write_back.get("project"),
            "account": state.get("enrichment"),
            "proposed": state.get("proposal", []),
            "duplicates": state.get("duplicates", []),
            "suppressed": state.get("suppressed", []),
        }
    )
    decision = parse_decision(Decision, answer)
    decision.check(_proposed(state))
    return {"decision": decision.model_dump(mode="json")}


def route_after_approve(state: TranslatorState) -> Literal["write", "remember"]:
    """Create issues only when the decision selects some."""
    decision = Decision.model_validate(state["decision"])
    return "write" if decision.selected(_proposed(state)) else "remember"


def write(state: TranslatorState, config: RunnableConfig) -> dict[str, Any]:
    """Create the approved issues; each has its own idempotency key, so a rerun adds none."""
    org_id, run_id = run_ids(config)
    write_back = state.get("write_back") or {}
    selected = Decision.model_validate(state["decision"]).selected(_proposed(state))
    with tools_of(config).jira(org_id, str(write_back["jira_connector"])) as jira:
        created = create_issues(jira, str(write_back["project"]), selected, str(run_id))
    for record in created:
        emit("jira.issue_created", **record.model_dump(mode="json"))
    return {"created": [c.model_dump(mode="json") for c in created]}


def remember(state: TranslatorState, config: RunnableConfig) -> dict[str, Any]:
    """Remember every decision per org and account; declined ones are not proposed again."""
    org_id, run_id = run_ids(config)
    created = {c["position"]: c for c in state.get("created", [])}
    decisions = [
        {
            "title": p.title,
            "requirement_key": p.requirement_key,
            "decision": "approved" if p.position in created else "rejected",
            "issue_key": created.get(p.position, {}).get("issue_key"),
            "run_id": str(run_id),
        }
        for p in _proposed(state)
    ]
    tools_of(config).memory.remember_decisions(org_id, state.get("account"), decisions)
    return {"created": list(created.values())}


def _proposed(state: TranslatorState) -> list[ProposedIssue]:
    return [ProposedIssue.model_validate(p) for p in state.get("proposal", [])]
