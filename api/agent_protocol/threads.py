"""Agent Protocol threads: create, read, search, and their state (the latest run's).

A thread is an ``agent_threads`` row pointing at its latest run; its status is that run's
status in the protocol's words and its state is that run's LangGraph state (checkpoint thread =
run id). Nothing about a run is stored twice.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from langgraph.types import StateSnapshot

from api.agent_protocol import assistants, state
from api.agent_protocol.schemas import HistoryQuery, ThreadCreate
from api.auth.principal import Principal
from devbizops.db import Database
from devbizops.errors import Conflict, InvalidInput, NotFound
from graphs.executor import run_config
from graphs.registry import GraphRegistry
from memory.agent_protocol_models import AgentThread
from memory.models import Run
from memory.repositories.audit import AuditRepository
from memory.repositories.threads import ThreadRepository

THREAD_STATUS = {
    "queued": "busy",
    "running": "busy",
    "interrupted": "interrupted",
    "failed": "error",
    "succeeded": "idle",
    "cancelled": "idle",
}


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


class ThreadService:
    def __init__(self, db: Database, graphs: GraphRegistry) -> None:
        self.db = db
        self.graphs = graphs

    def create(self, who: Principal, body: ThreadCreate) -> dict[str, Any]:
        """A new thread (or the caller's existing one with ``if_exists=do_nothing``)."""
        if body.supersteps:
            raise InvalidInput("supersteps are not supported: start a run on the thread instead")
        graph_id = body.metadata.get("graph_id")
        if graph_id is not None:
            graph_id = assistants.resolve(self.graphs, str(graph_id))
            who.check_graph(graph_id)  # a thread bound to a graph is for starting it
        thread_id = body.thread_id or uuid.uuid4()
        with self.db.transaction() as session:
            threads = ThreadRepository(session, who.org_id)
            row, created = threads.create(thread_id, body.metadata, who.actor, graph_id)
            if not created and (body.if_exists == "raise" or row.org_id != who.org_id):
                raise Conflict(f"thread {thread_id} already exists")
            if created:
                AuditRepository(session).record(
                    who.org_id, who.actor, "thread.create", target=str(thread_id)
                )
        return self.get(who, thread_id)

    def get(self, who: Principal, thread_id: uuid.UUID) -> dict[str, Any]:
        """The Thread object: metadata, status from the latest run, its values and interrupts."""
        thread, run = self.latest(who, thread_id)
        values: Any = {}
        interrupts: dict[str, Any] = {}
        if run is not None:
            snap = self.snapshot(run)
            values = state.jsonable(snap.values)
            for task in snap.tasks:
                if task.interrupts:
                    interrupts[task.id] = [state.interrupt(i) for i in task.interrupts]
        return self._out(thread, run, values, interrupts)

    def search(self, who: Principal, limit: int, offset: int) -> list[dict[str, Any]]:
        """The org's threads, newest first (status from each latest run; values left out)."""
        with self.db.transaction() as session:
            rows = ThreadRepository(session, who.org_id).search(limit=limit, offset=offset)
            ids = [row.id for row in rows]
        return [self._out(*self.latest(who, thread_id), {}, {}) for thread_id in ids]

    def state(self, who: Principal, thread_id: uuid.UUID) -> dict[str, Any]:
        """The ThreadState of the thread's latest run (empty before its first run)."""
        thread, run = self.latest(who, thread_id)
        if run is None:
            return state.empty_state(thread.id)
        return state.thread_state(thread.id, run.id, run.graph_id, self.snapshot(run))

    def history(self, who: Principal, thread_id: uuid.UUID, query: HistoryQuery) -> list[Any]:
        """The latest run's checkpoints as ThreadStates, newest first (``threads.get_history``)."""
        thread, run = self.latest(who, thread_id)
        if run is None:
            return []
        before = query.before
        if isinstance(before, dict):
            before = before.get("checkpoint_id")
        graph = self.graphs.get(run.graph_id).graph
        config = run_config(run.id, run.org_id)
        out: list[Any] = []
        older = before is None
        for snap in graph.get_state_history(config):
            if not older:
                older = snap.config["configurable"]["checkpoint_id"] == before
                continue
            meta = snap.metadata or {}
            if query.metadata and any(meta.get(k) != v for k, v in query.metadata.items()):
                continue
            out.append(state.thread_state(thread.id, run.id, run.graph_id, snap))
            if len(out) == query.limit:
                break
        return out

    def latest(self, who: Principal, thread_id: uuid.UUID) -> tuple[AgentThread, Run | None]:
        """The org's thread and its latest run; NotFound for anyone else's thread."""
        with self.db.transaction() as session:
            found = ThreadRepository(session, who.org_id).with_run(thread_id)
            if found is None:
                raise NotFound(f"no thread {thread_id}")
            return found

    def snapshot(self, run: Run) -> StateSnapshot:
        """The run's current LangGraph state."""
        return self.graphs.get(run.graph_id).graph.get_state(run_config(run.id, run.org_id))

    def _out(
        self, thread: AgentThread, run: Run | None, values: Any, interrupts: dict[str, Any]
    ) -> dict[str, Any]:
        metadata = dict(thread.metadata_)
        if thread.graph_id:
            metadata.setdefault("graph_id", thread.graph_id)
            metadata.setdefault("assistant_id", assistants.assistant_id(thread.graph_id))
        return {
            "thread_id": str(thread.id),
            "created_at": iso(thread.created_at),
            "updated_at": iso(thread.updated_at),
            "metadata": metadata,
            "status": "idle" if run is None else THREAD_STATUS[run.status],
            "values": values,
            "interrupts": interrupts,
        }
