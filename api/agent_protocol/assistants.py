"""Assistants: one per graph of the registry, with the id LangGraph's server would give it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from devbizops.errors import NotFound
from graphs.registry import DESCRIPTIONS, GraphRegistry

# langgraph-api names a graph's default assistant uuid5(this namespace, graph id); using the
# same ids lets clients that stored an assistant id from `langgraph dev` keep it.
NAMESPACE = uuid.UUID("6ba7b821-9dad-11d1-80b4-00c04fd430c8")
# Assistants are the code's graphs, not rows: they exist since the code does.
SINCE = datetime(2026, 1, 1, tzinfo=UTC)


def assistant_id(graph_id: str) -> str:
    """The stable assistant id of a graph."""
    return str(uuid.uuid5(NAMESPACE, graph_id))


def assistant(graph_id: str) -> dict[str, Any]:
    """The protocol's Assistant object of a graph."""
    return {
        "assistant_id": assistant_id(graph_id),
        "graph_id": graph_id,
        "name": graph_id,
        "description": DESCRIPTIONS.get(graph_id),
        "config": {},
        "context": {},
        "metadata": {"created_by": "system"},
        "version": 1,
        "created_at": SINCE.isoformat(),
        "updated_at": SINCE.isoformat(),
    }


def resolve(graphs: GraphRegistry, ref: str) -> str:
    """The graph id named by an assistant id or a graph id (the SDK accepts both)."""
    for graph_id in graphs.ids():
        if ref in (graph_id, assistant_id(graph_id)):
            return graph_id
    raise NotFound(f"no assistant {ref!r}; known graphs: {', '.join(graphs.ids())}")


def search(
    graphs: GraphRegistry,
    *,
    graph_id: str | None,
    name: str | None,
    metadata: dict[str, Any] | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    """The assistants matching every given filter, in registry order."""
    found = [assistant(g) for g in graphs.ids()]
    if graph_id:
        found = [a for a in found if a["graph_id"] == graph_id]
    if name:
        found = [a for a in found if name.lower() in a["name"].lower()]
    if metadata:
        found = [a for a in found if all(a["metadata"].get(k) == v for k, v in metadata.items())]
    return found[offset : offset + limit]
