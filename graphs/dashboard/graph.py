"""Dashboard wiring: load → metrics → charts → report."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from langgraph.graph import END, START, StateGraph

from graphs.dashboard import nodes
from graphs.dashboard.state import DashboardInput, DashboardOutput, DashboardState
from memory.store import GraphStore
from tools.llm import LanguageModel


def build(
    llm: LanguageModel, store: GraphStore, charts_root: Path
) -> StateGraph[DashboardState, None, DashboardInput, DashboardOutput]:
    """The uncompiled Dashboard graph; charts go to ``charts_root/<run id>/``."""
    g = StateGraph(DashboardState, input_schema=DashboardInput, output_schema=DashboardOutput)
    g.add_node("load", partial(nodes.load, store=store))
    g.add_node("metrics", nodes.metrics)
    g.add_node("charts", partial(nodes.charts, root=charts_root))
    g.add_node("report", partial(nodes.report, llm=llm, root=charts_root))
    g.add_edge(START, "load")
    g.add_edge("load", "metrics")
    g.add_edge("metrics", "charts")
    g.add_edge("charts", "report")
    g.add_edge("report", END)
    return g
