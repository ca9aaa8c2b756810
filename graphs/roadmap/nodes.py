"""Roadmap nodes: gather what to rank and the team's capacity, score, forecast, store."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from langchain_core.runnables import RunnableConfig

from agents.roadmap import explain
from agents.roadmap.delivery import WeekThroughput, apply_forecast
from agents.roadmap.forecast import DEFAULT_SEED, DEFAULT_TRIALS
from agents.roadmap.intake import to_roadmap_requirements
from agents.roadmap.ranking import rank
from agents.roadmap.schemas import (
    BacklogItem,
    Method,
    RiceWeights,
    RoadmapInput,
    RoadmapItem,
    WsjfWeights,
)
from graphs.context import run_ids
from graphs.roadmap.state import RoadmapState
from memory.store import GraphStore
from tools.llm import LanguageModel


def _account_arr(accounts: list[str], arr: Mapping[str, float]) -> dict[str, float]:
    # CRM company names and the accounts named on calls differ in case only, if at all.
    by_name = {name.casefold(): value for name, value in arr.items()}
    return {a: by_name.get(a.strip().casefold(), 0.0) for a in accounts}


def _with_arr(backlog: list[dict[str, Any]], arr: Mapping[str, float]) -> list[dict[str, Any]]:
    out = []
    for raw in backlog:
        item = BacklogItem.model_validate(raw)
        if item.arr_at_stake == 0 and item.accounts:
            known = _account_arr(item.accounts, arr)
            item = item.model_copy(update={"arr_at_stake": sum(known.values())})
        out.append(item.model_dump(mode="json"))
    return out


def gather(state: RoadmapState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """Requirements (given, else the org's), ARR per account, weights and throughput history."""
    org_id, _ = run_ids(config)
    records = state.get("requirements")
    if records is None:
        records = store.org_requirements(org_id)
    arr = store.arr_by_account(org_id)
    accounts = [str(r["account"]) for r in records if r.get("account")]
    merged = to_roadmap_requirements(records, _account_arr(accounts, arr))
    stored = store.scoring_weights(org_id) or {}
    start = state.get("start") or datetime.now(UTC).date().isoformat()
    history = state.get("throughput")
    if history is None:
        weeks = state.get("history_weeks", 12)
        history = store.weekly_throughput(org_id, date.fromisoformat(start), weeks)
    return {
        "candidates": [r.model_dump(mode="json") for r in merged],
        "backlog": _with_arr(state.get("backlog", []), arr),
        "weights": state.get("weights") or stored.get("rice"),
        "wsjf_weights": state.get("wsjf_weights") or stored.get("wsjf"),
        "forecast_start": start,
        "history": history,
    }


def _input(state: RoadmapState) -> RoadmapInput:
    rice, wsjf = state.get("weights"), state.get("wsjf_weights")
    return RoadmapInput.model_validate(
        {
            "requirements": state.get("candidates", []),
            "backlog": state.get("backlog", []),
            "method": state.get("method", "rice"),
            "weights": RiceWeights.model_validate(rice) if rice else RiceWeights(),
            "wsjf_weights": WsjfWeights.model_validate(wsjf) if wsjf else WsjfWeights(),
        }
    )


def score(state: RoadmapState) -> dict[str, Any]:
    """Score every candidate (RICE and WSJF) and order them by the requested method."""
    return {"ranked": [i.model_dump(mode="json") for i in rank(_input(state))]}


def forecast(state: RoadmapState, *, llm: LanguageModel) -> dict[str, Any]:
    """Monte Carlo completion dates in rank order, then the rationale of computed values only."""
    data = _input(state)
    items = [RoadmapItem.model_validate(i) for i in state.get("ranked", [])]
    history = [WeekThroughput.model_validate(w) for w in state.get("history", [])]
    dated, summary = apply_forecast(
        items,
        history,
        date.fromisoformat(state["forecast_start"]),
        data.weights,
        trials=state.get("trials", DEFAULT_TRIALS),
        seed=state.get("seed", DEFAULT_SEED),
    )
    method: Method = data.method
    return {"roadmap": explain(dated, method, summary, llm).model_dump(mode="json")}


def store(state: RoadmapState, config: RunnableConfig, *, store: GraphStore) -> dict[str, Any]:
    """Persist the ranked items with their score inputs and forecasts (idempotent per run)."""
    org_id, run_id = run_ids(config)
    roadmap = state["roadmap"]
    summary = roadmap.get("forecast") or {}
    stored = store.save_ranked_roadmap(
        org_id,
        run_id,
        roadmap["method"],
        roadmap["items"],
        summary.get("quarter_end"),
        summary.get("unit"),
    )
    return {"stored": stored}
