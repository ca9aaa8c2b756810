"""LangGraph state snapshots in the Agent Protocol's shapes (ThreadState, values, updates).

A protocol thread's state is its latest run's checkpoints; LangGraph knows that run's thread by
the run id, clients know it by the protocol thread id, so checkpoints are reported under the
protocol thread id and carry the run id in their metadata.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.encoders import jsonable_encoder
from langchain_core.runnables import RunnableConfig
from langgraph.types import Interrupt, StateSnapshot


def jsonable(value: Any) -> Any:
    """State values as JSON (our states hold plain data; this also covers pydantic leftovers)."""
    return jsonable_encoder(value)


def interrupt(item: Interrupt) -> dict[str, Any]:
    return {"value": jsonable(item.value), "id": item.id}


def checkpoint(thread_id: uuid.UUID, config: RunnableConfig | None) -> dict[str, Any] | None:
    if not config:
        return None
    conf = config.get("configurable", {})
    return {
        "thread_id": str(thread_id),
        "checkpoint_ns": conf.get("checkpoint_ns", ""),
        "checkpoint_id": conf.get("checkpoint_id"),
        "checkpoint_map": conf.get("checkpoint_map"),
    }


def empty_state(thread_id: uuid.UUID) -> dict[str, Any]:
    """The state of a thread that has no run yet."""
    return {
        "values": {},
        "next": [],
        "tasks": [],
        "interrupts": [],
        "checkpoint": checkpoint(thread_id, {"configurable": {"checkpoint_ns": ""}}),
        "parent_checkpoint": None,
        "metadata": {},
        "created_at": None,
    }


def thread_state(
    thread_id: uuid.UUID, run_id: uuid.UUID, graph_id: str, snap: StateSnapshot
) -> dict[str, Any]:
    """A ThreadState: values, next, tasks with their interrupts, checkpoint and metadata."""
    if not snap.values and snap.created_at is None:
        return empty_state(thread_id)  # the run has not written a checkpoint yet
    tasks = [
        {
            "id": task.id,
            "name": task.name,
            "error": None if task.error is None else repr(task.error),
            "interrupts": [interrupt(i) for i in task.interrupts],
            "checkpoint": None,
            "state": None,
            "result": jsonable(task.result),
        }
        for task in snap.tasks
    ]
    metadata = {
        **jsonable(dict(snap.metadata or {})),
        "run_id": str(run_id),
        "thread_id": str(thread_id),
        "graph_id": graph_id,
    }
    return {
        "values": jsonable(snap.values),
        "next": list(snap.next),
        "tasks": tasks,
        "interrupts": [interrupt(i) for i in snap.interrupts],
        "checkpoint": checkpoint(thread_id, snap.config),
        "parent_checkpoint": checkpoint(thread_id, snap.parent_config),
        "metadata": metadata,
        "created_at": snap.created_at,
    }


def updates(parent: StateSnapshot) -> dict[str, Any]:
    """What each task of ``parent`` wrote: the step that produced the next checkpoint."""
    return {t.name: jsonable(t.result) for t in parent.tasks if t.result is not None}
