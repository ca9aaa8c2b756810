"""The pipeline: TechTranslator → Roadmap → InvestorDashboard, each agent a subgraph.

Each step calls the agent's compiled subgraph, which inherits the pipeline's checkpointer, so a
resumed pipeline run continues inside the subgraph where it stopped.
"""

from __future__ import annotations

from typing import Any, Required, TypedDict

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from pydantic import Field

from agents.roadmap.schemas import BacklogItem
from graphs.techtranslator.state import WRITE_BACK_OUTPUTS, TranslatorRequest

Subgraph = CompiledStateGraph[Any, Any, Any, Any]


class PipelineRequest(TranslatorRequest):
    """Input of graph ``pipeline``: a transcript plus the existing backlog to rank it against."""

    backlog: list[BacklogItem] = Field(default_factory=list)


class PipelineInput(TypedDict, total=False):
    transcript: Required[str]
    format: str | None
    account: str | None
    write_back: dict[str, Any] | None
    customer_speakers: list[str]
    internal_speakers: list[str]
    backlog: list[dict[str, Any]]


class PipelineOutput(TypedDict, total=False):
    requirements: list[dict[str, Any]]
    dropped: list[dict[str, Any]]
    detected_format: str
    enrichment: dict[str, Any]
    proposal: list[dict[str, Any]]
    duplicates: list[dict[str, Any]]
    suppressed: list[dict[str, Any]]
    decision: dict[str, Any]
    created: list[dict[str, Any]]
    roadmap: dict[str, Any]
    metrics: dict[str, Any]
    narrative: str
    investor_update: str
    charts: dict[str, dict[str, str]]


class PipelineState(PipelineInput, PipelineOutput, total=False):
    pass


_TRANSLATED = ("requirements", "dropped", "detected_format", *WRITE_BACK_OUTPUTS)


def _translate(state: PipelineState, config: RunnableConfig, *, graph: Subgraph) -> dict[str, Any]:
    # With write_back the subgraph interrupts for approval; resuming the pipeline resumes it here.
    keys = (
        "transcript",
        "format",
        "account",
        "write_back",
        "customer_speakers",
        "internal_speakers",
    )
    given: dict[str, Any] = dict(state)
    request = {k: given[k] for k in keys if k in given}
    out = graph.invoke(request, config)
    return {k: out[k] for k in _TRANSLATED if k in out}


def _roadmap(state: PipelineState, config: RunnableConfig, *, graph: Subgraph) -> dict[str, Any]:
    # requirements=None: rank everything stored for the org, this call's requirements included.
    out = graph.invoke({"requirements": None, "backlog": state.get("backlog", [])}, config)
    return {"roadmap": out["roadmap"]}


def _dashboard(state: PipelineState, config: RunnableConfig, *, graph: Subgraph) -> dict[str, Any]:
    out = graph.invoke({}, config)
    keys = ("metrics", "narrative", "investor_update", "charts")
    return {k: out[k] for k in keys if k in out}


def build(
    translator: Subgraph, roadmap: Subgraph, dashboard: Subgraph
) -> StateGraph[PipelineState, None, PipelineInput, PipelineOutput]:
    """The uncompiled pipeline graph over three compiled agent subgraphs."""
    from functools import partial

    g = StateGraph(PipelineState, input_schema=PipelineInput, output_schema=PipelineOutput)
    g.add_node("techtranslator", partial(_translate, graph=translator))
    g.add_node("roadmap", partial(_roadmap, graph=roadmap))
    g.add_node("dashboard", partial(_dashboard, graph=dashboard))
    g.add_edge(START, "techtranslator")
    g.add_edge("techtranslator", "roadmap")
    g.add_edge("roadmap", "dashboard")
    g.add_edge("dashboard", END)
    return g
