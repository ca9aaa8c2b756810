"""Agent Protocol runs on top of ours: start (or resume) on a thread, read, cancel, results.

A protocol run is one of our runs: created by ``RunService.create`` and handed to the app's
dispatcher; a ``command.resume`` answers the thread's approval interrupt through
``RunService.decide`` and the same run continues. Threads live in ``threads.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from langgraph.types import StateSnapshot

from api.agent_protocol import assistants, state
from api.agent_protocol.schemas import RunCreate, ThreadCreate
from api.agent_protocol.threads import ThreadService, iso
from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.runs.service import RunService
from api.runs.watch import RunWatcher
from devbizops.db import Database
from devbizops.errors import Conflict, InvalidInput, NotFound
from devbizops.logging import get_logger
from graphs.executor import run_config
from memory.models import STOPPED_STATUSES, Run
from memory.repositories.threads import ThreadRepository

log = get_logger(__name__)

# Our run statuses as the protocol names them. The protocol has no "cancelled": langgraph-api
# reports a cancelled run as "interrupted" with a cancel reason, and so do we.
RUN_STATUS = {
    "queued": "pending",
    "running": "running",
    "interrupted": "interrupted",
    "succeeded": "success",
    "failed": "error",
    "cancelled": "interrupted",
}
SETTLED = STOPPED_STATUSES  # finished, or waiting for approval


class AgentProtocolService:
    def __init__(
        self,
        db: Database,
        runs: RunService,
        dispatch: Callable[[uuid.UUID], None],
        watcher: RunWatcher,
    ) -> None:
        self.db = db
        self.runs = runs
        self.watcher = watcher  # wakes waits and streams when the run changes
        self.graphs = runs.graphs
        self.threads = ThreadService(db, runs.graphs)
        self._dispatch = dispatch

    def start_run(
        self, who: Principal, thread_id: uuid.UUID | None, body: RunCreate
    ) -> dict[str, Any]:
        """Create and dispatch a run on the thread (a new thread when None).

        With ``command.resume`` the thread's interrupted run gets the answer and is queued to
        continue: the protocol run is then that same run (one of our runs spans its approval).
        """
        refused = body.unsupported()
        if refused:
            raise InvalidInput(
                f"not supported by this server: {', '.join(refused)}",
                details={"unsupported": refused},
            )
        graph_id = assistants.resolve(self.graphs, body.assistant_id)
        who.check_graph(graph_id)
        if thread_id is None or body.if_not_exists == "create":
            created = self.threads.create(
                who, ThreadCreate(thread_id=thread_id, if_exists="do_nothing")
            )
            thread_id = uuid.UUID(created["thread_id"])
        _, latest = self.threads.latest(who, thread_id)
        if body.command is not None:
            return self._answer(who, thread_id, graph_id, latest, body.command.resume)
        if body.input is None:
            raise InvalidInput("a run needs an input (or a command that resumes the thread)")
        if latest is not None and latest.status in ("queued", "running"):
            raise Conflict(
                f"thread {thread_id} is busy with run {latest.id}; join or cancel it first",
                details={"run_id": str(latest.id)},
            )
        # The key ties the run to the thread's current position: a concurrent request on the
        # same thread gets this same run (or a conflict) instead of a second run.
        key = f"agent-thread:{thread_id}:after:{latest.id if latest else 'start'}"
        run = self.runs.create(who.org_id, graph_id, body.input, key, created_by=who.actor)
        with self.db.transaction() as session:
            threads = ThreadRepository(session, who.org_id)
            if threads.get(thread_id, lock=True) is None:
                raise NotFound(f"no thread {thread_id}")
            linked = threads.link(thread_id, run.id, graph_id, body.metadata)
        if linked:
            self._dispatch(run.id)  # after the commit: the executor sees a committed run
        return self.get_run(who, thread_id, run.id)

    def _answer(
        self,
        who: Principal,
        thread_id: uuid.UUID,
        graph_id: str,
        latest: Run | None,
        decision: Any,
    ) -> dict[str, Any]:
        """Answer the approval interrupt of the thread's latest run and queue it to continue."""
        who.check(Permission.RUNS_APPROVE)
        if latest is None:
            raise Conflict(f"thread {thread_id} has no run to resume")
        if latest.graph_id != graph_id:
            raise Conflict(f"thread {thread_id} waits in a {latest.graph_id} run, not {graph_id}")
        if not isinstance(decision, dict):
            raise InvalidInput("command.resume must be the approval decision object")
        run, go = self.runs.decide(latest.id, decision, org_id=who.org_id, actor=who.actor)
        if go:
            self._dispatch(run.id)
        return self.get_run(who, thread_id, run.id)

    def get_run(self, who: Principal, thread_id: uuid.UUID, run_id: uuid.UUID) -> dict[str, Any]:
        """The protocol Run object of one of the thread's runs."""
        run, metadata = self._run(who, thread_id, run_id)
        return self._run_out(thread_id, run, metadata)

    def list_runs(self, who: Principal, thread_id: uuid.UUID, limit: int, offset: int) -> list[Any]:
        """The thread's runs, newest first."""
        self.threads.latest(who, thread_id)
        with self.db.transaction() as session:
            rows = ThreadRepository(session, who.org_id).runs(thread_id, limit=limit, offset=offset)
            return [self._run_out(thread_id, run, {}) for run in rows]

    def status(self, who: Principal, thread_id: uuid.UUID, run_id: uuid.UUID) -> str:
        """Our status of the run (queued, running, interrupted, succeeded, failed, cancelled)."""
        return self._run(who, thread_id, run_id)[0].status

    def cancel(self, who: Principal, thread_id: uuid.UUID, run_id: uuid.UUID) -> dict[str, Any]:
        """Cancel a run: a queued or interrupted one at once, a running one at its next node."""
        self.get_run(who, thread_id, run_id)  # 404 unless it is this thread's run
        self.runs.cancel(who.org_id, run_id, who.actor)
        return self.get_run(who, thread_id, run_id)

    def abandon(self, who: Principal, thread_id: uuid.UUID, run_id: uuid.UUID) -> None:
        """Cancel the run its streaming client left (``on_disconnect=cancel``) unless it ended."""
        with suppress(Conflict):  # it finished meanwhile: nothing to cancel
            self.runs.cancel(who.org_id, run_id, who.actor)
        log.info("agent_protocol.client_left", run_id=str(run_id), thread_id=str(thread_id))

    def result(self, who: Principal, thread_id: uuid.UUID, run_id: uuid.UUID) -> dict[str, Any]:
        """What ``runs.wait``/``runs.join`` return: the run's final values, its pending
        interrupts under ``__interrupt__``, or its error under ``__error__``."""
        run = self._run(who, thread_id, run_id)[0]
        if run.status == "failed":
            error = run.error or {}
            return {"__error__": {"error": error.get("code"), "message": error.get("message")}}
        snap = self.threads.snapshot(run)
        values: dict[str, Any] = state.jsonable(snap.values)
        if snap.interrupts:
            values["__interrupt__"] = [state.interrupt(i) for i in snap.interrupts]
        return values

    def history(
        self, who: Principal, thread_id: uuid.UUID, run_id: uuid.UUID
    ) -> list[StateSnapshot]:
        """The run's top-level checkpoints, oldest first (what stream modes are made of)."""
        run = self._run(who, thread_id, run_id)[0]
        spec = self.graphs.get(run.graph_id)
        return list(reversed(list(spec.graph.get_state_history(run_config(run.id, run.org_id)))))

    def seen(self, who: Principal, thread_id: uuid.UUID | None) -> set[str]:
        """Checkpoint ids the thread's latest run has now (a resume streams only newer ones)."""
        if thread_id is None:
            return set()
        thread, run = self.threads.latest(who, thread_id)
        if run is None:
            return set()
        return {
            str(snap.config["configurable"]["checkpoint_id"])
            for snap in self.history(who, thread.id, run.id)
        }

    def _run(
        self, who: Principal, thread_id: uuid.UUID, run_id: uuid.UUID
    ) -> tuple[Run, dict[str, Any]]:
        with self.db.transaction() as session:
            found = ThreadRepository(session, who.org_id).run(thread_id, run_id)
            if found is None:
                raise NotFound(f"no run {run_id} on thread {thread_id}")
            return found

    def _run_out(self, thread_id: uuid.UUID, run: Run, metadata: dict[str, Any]) -> dict[str, Any]:
        out = {
            "run_id": str(run.id),
            "thread_id": str(thread_id),
            "assistant_id": assistants.assistant_id(run.graph_id),
            "created_at": iso(run.created_at),
            "updated_at": iso(run.finished_at or run.started_at or run.created_at),
            "status": RUN_STATUS[run.status],
            "metadata": {**metadata, "graph_id": run.graph_id},
            "multitask_strategy": "reject",
            "kwargs": {"input": run.input},
        }
        if run.status == "cancelled":
            out["cancel_reason"] = "cancelled"
        return out
