"""The trivial 5-node graph the run benchmarks drive: a chain that counts, no I/O of its own."""

from __future__ import annotations

from typing import Any, TypedDict

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from pydantic import BaseModel

from graphs.registry import CompiledGraph, GraphRegistry

GRAPH_ID = "bench5"
NODES = ("one", "two", "three", "four", "five")


class CountState(TypedDict):
    n: int


class CountRequest(BaseModel):
    n: int = 0


def _step(state: CountState) -> dict[str, Any]:
    return {"n": state["n"] + 1}


def build(checkpointer: BaseCheckpointSaver[Any] | None) -> CompiledGraph:
    """START → one → two → three → four → five → END, each adding 1 to ``n``."""
    graph = StateGraph(CountState)
    previous = START
    for name in NODES:
        graph.add_node(name, _step)
        graph.add_edge(previous, name)
        previous = name
    graph.add_edge(previous, END)
    return graph.compile(checkpointer=checkpointer)


def register(registry: GraphRegistry, checkpointer: BaseCheckpointSaver[Any] | None) -> None:
    """Make ``bench5`` runnable through the registry (and so through runs and the API)."""
    registry.register(GRAPH_ID, "benchmark: five counting nodes", CountRequest, build(checkpointer))
