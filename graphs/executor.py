"""Drive one run of a compiled graph, turning LangGraph's stream into run events."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.types import StateSnapshot

from graphs.registry import CompiledGraph

EventSink = Callable[[str, dict[str, Any]], None]
# Called between nodes; raises to stop the run there (cancel, timeout, shutdown).
StopCheck = Callable[[], None]


def run_config(run_id: uuid.UUID, org_id: uuid.UUID) -> RunnableConfig:
    """The LangGraph config of a run: its thread is the run."""
    return {"configurable": {"thread_id": str(run_id), "org_id": str(org_id)}}


def has_checkpoint(graph: CompiledGraph, config: RunnableConfig) -> bool:
    """Whether the run already has progress to resume from.

    ``next`` alone misses a run stopped right after a node finished but before LangGraph wrote
    the step's checkpoint: that node's writes are saved (``tasks`` lists it, with its result)
    while ``next`` leaves it out. Resuming applies those writes and carries on after it.
    """
    return unfinished(graph.get_state(config))


def unfinished(snap: StateSnapshot) -> bool:
    """Whether a state snapshot has work left (see ``has_checkpoint``)."""
    return bool(snap.next or snap.tasks)


def _node_path(ns: tuple[str, ...], name: str) -> str:
    # ns entries look like "techtranslator:<task id>"; keep the node names only.
    return "/".join([*(part.split(":")[0] for part in ns), name])


def _written(result: Any) -> list[str]:
    # A task result maps channel → value (a list of pairs in some LangGraph versions).
    if isinstance(result, dict):
        return sorted(result)
    return sorted(str(pair[0]) for pair in result or [])


def execute(
    graph: CompiledGraph,
    config: RunnableConfig,
    data: dict[str, Any] | None,
    sink: EventSink,
    check: StopCheck | None = None,
) -> dict[str, Any]:
    """Run (``data`` given) or resume (``data`` None) the graph; return the final top-level state.

    Node starts and finishes and custom domain events go to ``sink`` as they happen. A node's
    exception propagates after its ``node.failed`` event; its checkpoint stays for a resume.
    ``check`` runs before the first node and after every finished one; whatever it raises stops
    the stream there (finished nodes are checkpointed, so a resume does not redo them).
    """
    final: dict[str, Any] = {}
    if check is not None:
        check()
    stream = graph.stream(
        data, config, stream_mode=["tasks", "custom", "values"], subgraphs=True, version="v2"
    )
    try:
        for part in stream:
            final = _forward(part, sink, final)
            if check is not None and part["type"] == "tasks" and "triggers" not in part["data"]:
                check()
    finally:
        # Stopping early (a check raised) must end LangGraph's loop now, not at garbage collection.
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    return final


def _forward(part: Any, sink: EventSink, final: dict[str, Any]) -> dict[str, Any]:
    """Send one stream part to ``sink``; returns the latest top-level state."""
    kind, ns = part["type"], part["ns"]
    payload = cast(dict[str, Any], part["data"])
    if kind == "values" and not ns:
        final = dict(payload)
    elif kind == "custom":
        body = dict(payload)
        sink(str(body.pop("type", "custom")), body)
    elif kind == "tasks":
        node = _node_path(ns, payload["name"])
        if "triggers" in payload:
            sink("node.started", {"node": node})
        elif payload.get("error"):
            sink("node.failed", {"node": node, "error": str(payload["error"])})
        else:
            sink("node.finished", {"node": node, "wrote": _written(payload.get("result"))})
    return final
