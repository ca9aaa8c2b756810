"""Dashboard wiring: load → report."""

from __future__ import annotations

from functools import partial

from langgraph.graph import END, START, StateGraph

from graphs.dashboard import nodes
from graphs.dashboard.state import DashboardInput, DashboardOutput, DashboardState
from memory.store import GraphStore
from tools.llm import LanguageModel


def build(
    llm: LanguageModel, store: GraphStore
) -> StateGraph[DashboardState, None, DashboardInput, DashboardOutput]:
    """The uncompiled Dashboard graph."""
    g = StateGraph(DashboardState, input_schema=DashboardInput, output_schema=DashboardOutput)
    g.add_node("load", partial(nodes.load, store=store))
    g.add_node("report", partial(nodes.report, llm=llm))
    g.add_edge(START, "load")
    g.add_edge("load", "report")
    g.add_edge("report", END)
    return g
