"""Roadmap wiring: gather → score → forecast → store."""

from __future__ import annotations

from functools import partial

from langgraph.graph import END, START, StateGraph

from graphs.roadmap import nodes
from graphs.roadmap.state import RoadmapInputState, RoadmapOutput, RoadmapState
from memory.store import GraphStore
from tools.llm import LanguageModel


def build(
    llm: LanguageModel, store: GraphStore
) -> StateGraph[RoadmapState, None, RoadmapInputState, RoadmapOutput]:
    """The uncompiled Roadmap graph."""
    g = StateGraph(RoadmapState, input_schema=RoadmapInputState, output_schema=RoadmapOutput)
    g.add_node("gather", partial(nodes.gather, store=store))
    g.add_node("score", nodes.score)
    g.add_node("forecast", partial(nodes.forecast, llm=llm))
    g.add_node("store", partial(nodes.store, store=store))
    g.add_edge(START, "gather")
    g.add_edge("gather", "score")
    g.add_edge("score", "forecast")
    g.add_edge("forecast", "store")
    g.add_edge("store", END)
    return g
