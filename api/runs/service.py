"""Runs executed: start or resume a graph, stop it between nodes, record how it ended.

``RunService`` is the one object callers hold (API, workers, CLI); creation, decisions and
cancellation come from ``RunCommands``, reads from ``RunQueries``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any, cast

from langgraph.types import Command

from api.runs.commands import FinishHook, IdempotencyConflict, RunCommands
from api.runs.event_writer import EventWriter
from api.runs.guard import (
    GuardConnections,
    RunCancelled,
    RunDetached,
    RunGuard,
    RunStopped,
    RunTimedOut,
)
from api.runs.schemas import RunOut
from api.runs.tools import ToolOpener
from devbizops.db import Database
from devbizops.errors import Conflict, DevBizOpsError, NotFound
from devbizops.logging import get_logger
from devbizops.secrets import SecretBox
from graphs.executor import execute, has_checkpoint, unfinished
from graphs.registry import GraphRegistry
from graphs.techtranslator.tools import with_tools
from memory.repositories.runs import RunRepository, now
from tools.llm.embeddings import Embedder

log = get_logger(__name__)
RESUMABLE = ("queued", "running", "failed", "interrupted")
__all__ = ["FinishHook", "IdempotencyConflict", "RunService"]


class RunService(RunCommands):
    """Runs of the registry's graphs; ``hooks`` hear about every run that stops."""

    def __init__(
        self,
        db: Database,
        graphs: GraphRegistry,
        secrets: SecretBox | None = None,
        embedder: Embedder | None = None,
        *,
        timeout: float | None = None,
        heartbeat_seconds: float = 5.0,
        hooks: Iterable[FinishHook] = (),
    ) -> None:
        self.db = db
        self.graphs = graphs
        self.timeout = timeout  # seconds a run may execute; None = no limit (the CLI)
        # How often an executing run renews runs.heartbeat_at (well under the staleness after
        # which another process takes the run over).
        self.heartbeat_seconds = heartbeat_seconds
        # Called with the run after it becomes succeeded/failed/cancelled/interrupted.
        self.hooks: list[FinishHook] = list(hooks)
        self._tools = ToolOpener(db, embedder, secrets)
        # Node and domain events are written in batches off the run's thread (see EventWriter);
        # every status change flushes them first so a run's log is complete when it stops.
        self._events = EventWriter(db)
        self._guards = GuardConnections(db)

    def close(self) -> None:
        """Store the events still queued; close the event writer and the guards' connections."""
        self._events.close()
        self._guards.close()

    def execute(self, run_id: uuid.UUID, stopping: Callable[[], bool] | None = None) -> RunOut:
        """Run a queued run, or resume a failed/interrupted one from its last checkpoint.

        A decision recorded by ``decide`` answers the pending interrupt. ``stopping`` tells the
        run that its executor shuts down: it goes back to the queue at the next node boundary.
        """
        run = self._load(run_id)
        if run.status not in RESUMABLE:
            raise Conflict(
                f"run {run_id} is {run.status}; only {', '.join(RESUMABLE)} runs execute"
            )
        spec, config = self._spec_config(run)
        resume = has_checkpoint(spec.graph, config)
        log.info("run.execute", run_id=str(run_id), graph_id=run.graph_id, resume=resume)
        if not resume:
            return self._drive(run, run.input, "run.started", {}, stopping)
        decision = self._unanswered_decision(run_id) if self.pending(run_id) else None
        data = None if decision is None else cast(Any, Command(resume=decision))
        return self._drive(run, data, "run.resumed", {}, stopping)

    def resume(self, run_id: uuid.UUID, decision: dict[str, Any]) -> RunOut:
        """Answer an interrupted run's approval request and continue it here (the CLI's way).

        Repeating the same decision is safe: a run that stopped after the decision (a crash in
        the write step) continues without asking again; a finished run is returned as it is.
        """
        run, go = self.decide(run_id, decision)
        return self.execute(run_id) if go else run

    def replay(self, run_id: uuid.UUID, checkpoint_id: str) -> RunOut:
        """Re-run from one of the run's checkpoints (LangGraph forks the thread from it)."""
        run = self._load(run_id)
        if run.status == "running":
            raise Conflict(f"run {run_id} is running; replay it once it stops")
        if checkpoint_id not in {c["checkpoint_id"] for c in self.history(run_id)}:
            raise NotFound(f"run {run_id} has no checkpoint {checkpoint_id!r}")
        return self._drive(run, None, "run.replayed", {"checkpoint_id": checkpoint_id})

    def _drive(
        self,
        run: RunOut,
        data: Any,
        event: str,
        details: dict[str, Any],
        stopping: Callable[[], bool] | None = None,
    ) -> RunOut:
        """Stream the graph from ``data`` and record the outcome on the run."""
        run_id = run.id
        spec, config = self._spec_config(run)
        start = config
        if "checkpoint_id" in details:
            start = {"configurable": {**config["configurable"], **details}}
        with self.db.transaction() as session:
            runs = RunRepository(session)
            runs.mark(run_id, "running", error=None, finished_at=None, heartbeat_at=now())
            runs.add_event(run_id, event, details)
        try:
            with (
                RunGuard(
                    self._guards, run_id, self.timeout, stopping, self.heartbeat_seconds
                ) as guard,
                self._tools.open(run.input) as tools,
            ):
                if tools is not None:
                    start = with_tools(start, tools)
                final = execute(spec.graph, start, data, self._sink(run_id), guard)
        except RunStopped as exc:
            return self._stopped(run_id, exc)
        except DevBizOpsError as exc:
            return self._fail(run_id, {"code": exc.code, "message": exc.message, **exc.details})
        except Exception as exc:  # a bug or an outside failure: record it, keep the checkpoint
            return self._fail(
                run_id, {"code": "internal", "message": f"{type(exc).__name__}: {exc}"}
            )
        state = spec.graph.get_state(config)
        if unfinished(state):
            payload: dict[str, Any] = {"next": list(state.next)}
            interrupts = [i.value for i in state.interrupts]
            if interrupts:
                payload["interrupts"] = interrupts
            return self._finish(run_id, "interrupted", "run.interrupted", payload)
        output = {k: v for k, v in final.items() if k in spec.graph.output_channels}
        return self._finish(run_id, "succeeded", "run.succeeded", {}, output=output)

    def _stopped(self, run_id: uuid.UUID, stop: RunStopped) -> RunOut:
        log.info("run.stopped", run_id=str(run_id), reason=str(stop))
        if isinstance(stop, RunDetached):
            self._events.flush()
            with self.db.transaction() as session:
                runs = RunRepository(session)
                runs.requeue(run_id)
                runs.add_event(run_id, stop.event, {"reason": str(stop)})
            return self._load(run_id)
        if isinstance(stop, RunTimedOut):
            return self._fail(run_id, {"code": "run_timeout", "message": str(stop)})
        assert isinstance(stop, RunCancelled)
        return self._finish(run_id, "cancelled", stop.event, {"reason": str(stop)})

    def abandon(self, run_id: uuid.UUID, exc: BaseException) -> None:
        """Fail a claimed run whose execution broke outside the graph (it would stay running)."""
        if self._load(run_id).status == "running":
            self._fail(run_id, {"code": "internal", "message": f"{type(exc).__name__}: {exc}"})

    def _fail(self, run_id: uuid.UUID, error: dict[str, Any]) -> RunOut:
        log.info("run.failed", run_id=str(run_id), **error)
        return self._finish(run_id, "failed", "run.failed", error, error=error)

    def _finish(
        self, run_id: uuid.UUID, status: str, event: str, payload: dict[str, Any], **values: Any
    ) -> RunOut:
        """Status and closing event in one commit, so a watcher that sees one sees both."""
        self._events.flush()
        with self.db.transaction() as session:
            runs = RunRepository(session)
            runs.mark(run_id, status, **values)
            runs.add_event(run_id, event, payload)
        done = self._load(run_id)
        self._notify(done)
        return done

    def _sink(self, run_id: uuid.UUID) -> Callable[[str, dict[str, Any]], None]:
        return lambda type_, payload: self._events.emit(run_id, type_, payload)
