"""Roadmap wiring: gather → score → forecast → store, then optional Jira write-back."""

from __future__ import annotations

from functools import partial

from langgraph.graph import END, START, StateGraph

from graphs.roadmap import nodes
from graphs.roadmap import writeback_nodes as wb
from graphs.roadmap.state import RoadmapInputState, RoadmapOutput, RoadmapState
from memory.store import GraphStore
from tools.llm import LanguageModel


def build(
    llm: LanguageModel, store: GraphStore
) -> StateGraph[RoadmapState, None, RoadmapInputState, RoadmapOutput]:
    """The uncompiled Roadmap graph (write-back steps run only when requested)."""
    g = StateGraph(RoadmapState, input_schema=RoadmapInputState, output_schema=RoadmapOutput)
    g.add_node("gather", partial(nodes.gather, store=store))
    g.add_node("score", nodes.score)
    g.add_node("forecast", partial(nodes.forecast, llm=llm))
    g.add_node("store", partial(nodes.store, store=store))
    g.add_node("propose", wb.propose_changes)
    g.add_node("approve", wb.approve)
    g.add_node("write", wb.write)
    g.add_edge(START, "gather")
    g.add_edge("gather", "score")
    g.add_edge("score", "forecast")
    g.add_edge("forecast", "store")
    g.add_conditional_edges("store", wb.route_after_store)
    g.add_conditional_edges("propose", wb.route_after_propose)
    g.add_conditional_edges("approve", wb.route_after_approve)
    g.add_edge("write", END)
    return g
