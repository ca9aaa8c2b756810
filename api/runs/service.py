"""Run use cases: create (idempotently), execute or resume inline, inspect."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.types import Command

from agents.techtranslator.enrich import ProposedIssue
from agents.techtranslator.writeback import Decision
from api.runs.schemas import RunEventOut, RunOut
from devbizops.connectors import ConnectorView, open_client
from devbizops.db import Database
from devbizops.errors import Conflict, DevBizOpsError, InvalidInput, NotFound
from devbizops.logging import get_logger
from devbizops.secrets import SecretBox
from devbizops.settings import get_settings
from graphs.executor import execute, has_checkpoint, run_config
from graphs.registry import GraphRegistry, GraphSpec
from graphs.techtranslator.tools import WriteBackTools, with_tools
from memory.models import TERMINAL_STATUSES
from memory.repositories.connectors import ConnectorRepository
from memory.repositories.memory_store import DecisionMemory, setup_memory_store
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository
from tools.llm.embeddings import Embedder

log = get_logger(__name__)
RESUMABLE = ("queued", "running", "failed", "interrupted")


class RunService:
    def __init__(
        self,
        db: Database,
        graphs: GraphRegistry,
        secrets: SecretBox | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.db = db
        self.graphs = graphs
        self._embedder = embedder  # semantic memory search when the database has pgvector
        self._secrets = secrets  # opens Jira connectors for write-back; from settings when None
        self._memory_ready = False

    def create(
        self, org: str, graph_id: str, data: Any, idempotency_key: str | None = None
    ) -> RunOut:
        """Validate the input and store a queued run; the same key and input give the same run."""
        spec = self.graphs.get(graph_id)
        payload = spec.validate(data)
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(org)
            runs = RunRepository(session)
            run, created = runs.create(org_id, graph_id, payload, idempotency_key)
            if not created and (run.graph_id != graph_id or run.input != payload):
                raise Conflict(f"idempotency key {idempotency_key!r} was used for another request")
            if created:
                runs.add_event(run.id, "run.created", {"graph_id": graph_id})
            return RunOut.model_validate(run)

    def _event(self, run_id: uuid.UUID, type_: str, payload: dict[str, Any]) -> None:
        # Each event commits on its own so watchers see progress while the run goes on.
        with self.db.transaction() as session:
            RunRepository(session).add_event(run_id, type_, payload)

    def _mark(self, run_id: uuid.UUID, status: str, **values: Any) -> None:
        with self.db.transaction() as session:
            RunRepository(session).mark(run_id, status, **values)

    def execute(self, run_id: uuid.UUID) -> RunOut:
        """Run a queued run, or resume a failed/interrupted one from its last checkpoint."""
        run = self._load(run_id)
        if run.status not in RESUMABLE:
            raise Conflict(
                f"run {run_id} is {run.status}; only {', '.join(RESUMABLE)} runs execute"
            )
        spec, config = self._spec_config(run)
        resume = has_checkpoint(spec.graph, config)
        log.info("run.execute", run_id=str(run_id), graph_id=run.graph_id, resume=resume)
        event = "run.resumed" if resume else "run.started"
        return self._drive(run, None if resume else run.input, event, {})

    def resume(self, run_id: uuid.UUID, decision: dict[str, Any]) -> RunOut:
        """Answer an interrupted run's approval request and continue it with that decision.

        Repeating the same decision is safe: a run that stopped after the decision (a crash in
        the write step) continues without asking again; a finished run is returned as it is.
        """
        run = self._load(run_id)
        pending = self.pending(run_id)
        if not pending:
            decided = self._decided(run_id) == decision
            if run.status == "failed" and decided:
                return self.execute(run_id)  # the write step failed: retry it, keys dedupe
            if run.status in TERMINAL_STATUSES and decided:
                return run
            raise Conflict(f"run {run_id} is {run.status} and waits for no decision")
        checked = Decision.model_validate(decision)
        checked.check([ProposedIssue.model_validate(p) for p in pending[0].get("proposed", [])])
        self._event(run_id, "run.decision", {"decision": decision})
        return self._drive(run, cast(Any, Command(resume=decision)), "run.resumed", {})

    def pending(self, run_id: uuid.UUID) -> list[dict[str, Any]]:
        """The values of the run's unanswered interrupts (the approval requests)."""
        run = self._load(run_id)
        spec, config = self._spec_config(run)
        state = spec.graph.get_state(config)
        return [dict(i.value) for i in state.interrupts if isinstance(i.value, dict)]

    def history(self, run_id: uuid.UUID) -> list[dict[str, Any]]:
        """The run's checkpoints, newest first: id, step, source and the nodes due next."""
        run = self._load(run_id)
        spec, config = self._spec_config(run)
        return [
            {
                "checkpoint_id": snap.config["configurable"]["checkpoint_id"],
                "parent_id": (snap.parent_config or {})
                .get("configurable", {})
                .get("checkpoint_id"),
                "step": snap.metadata.get("step") if snap.metadata else None,
                "source": snap.metadata.get("source") if snap.metadata else None,
                "next": list(snap.next),
                "created_at": snap.created_at,
            }
            for snap in spec.graph.get_state_history(config)
        ]

    def replay(self, run_id: uuid.UUID, checkpoint_id: str) -> RunOut:
        """Re-run from one of the run's checkpoints (LangGraph forks the thread from it)."""
        run = self._load(run_id)
        if run.status == "running":
            raise Conflict(f"run {run_id} is running; replay it once it stops")
        if checkpoint_id not in {c["checkpoint_id"] for c in self.history(run_id)}:
            raise NotFound(f"run {run_id} has no checkpoint {checkpoint_id!r}")
        return self._drive(run, None, "run.replayed", {"checkpoint_id": checkpoint_id})

    def _spec_config(self, run: RunOut) -> tuple[GraphSpec, RunnableConfig]:
        spec = self.graphs.get(run.graph_id)
        with self.db.transaction() as session:
            org_id = RunRepository(session).get(run.id).org_id  # type: ignore[union-attr]
        return spec, run_config(run.id, org_id)

    def _decided(self, run_id: uuid.UUID) -> Any:
        decisions = [e.payload["decision"] for e in self.events(run_id) if e.type == "run.decision"]
        return decisions[-1] if decisions else None

    def _drive(self, run: RunOut, data: Any, event: str, details: dict[str, Any]) -> RunOut:
        """Stream the graph from ``data`` and record the outcome on the run."""
        run_id = run.id
        spec, config = self._spec_config(run)
        start = config
        if "checkpoint_id" in details:
            start = {"configurable": {**config["configurable"], **details}}
        self._mark(run_id, "running", error=None)
        self._event(run_id, event, details)
        try:
            with self._tools(run) as tools:
                if tools is not None:
                    start = with_tools(start, tools)
                final = execute(spec.graph, start, data, self._sink(run_id))
        except DevBizOpsError as exc:
            return self._fail(run_id, {"code": exc.code, "message": exc.message, **exc.details})
        except Exception as exc:  # a bug or an outside failure: record it, keep the checkpoint
            return self._fail(
                run_id, {"code": "internal", "message": f"{type(exc).__name__}: {exc}"}
            )
        if has_checkpoint(spec.graph, config):
            state = spec.graph.get_state(config)
            self._mark(run_id, "interrupted")
            payload: dict[str, Any] = {"next": list(state.next)}
            interrupts = [i.value for i in state.interrupts]
            if interrupts:
                payload["interrupts"] = interrupts
            self._event(run_id, "run.interrupted", payload)
        else:
            output = {k: v for k, v in final.items() if k in spec.graph.output_channels}
            self._mark(run_id, "succeeded", output=output)
            self._event(run_id, "run.succeeded", {})
        return self._load(run_id)

    @contextmanager
    def _tools(self, run: RunOut) -> Iterator[WriteBackTools | None]:
        """Memory and Jira for runs that asked for write-back; nothing for the others."""
        if not run.input.get("write_back"):
            yield None
            return
        with self.db.connect() as conn:
            if not self._memory_ready:
                # Idempotent; covers databases migrated before it (and the vector table).
                setup_memory_store(conn, self._embedder)
                self._memory_ready = True
            memory = DecisionMemory(conn, self._embedder)
            yield WriteBackTools(memory=memory, jira=self._open_jira)

    @contextmanager
    def _open_jira(self, org_id: uuid.UUID, name: str) -> Iterator[Any]:
        with self.db.transaction() as session:
            row = ConnectorRepository(session, org_id).get(name)
            if row is None or row.source != "jira":
                raise NotFound(f"no Jira connector {name!r} in this organization")
            view = ConnectorView(row.name, row.source, row.base_url, dict(row.settings))
            sealed = row.secret
        if self._secrets is None:
            self._secrets = SecretBox.from_settings(get_settings())
        with open_client(view, self._secrets.open(sealed)) as client:
            yield client

    def _sink(self, run_id: uuid.UUID) -> Any:
        return lambda type_, payload: self._event(run_id, type_, payload)

    def _fail(self, run_id: uuid.UUID, error: dict[str, Any]) -> RunOut:
        log.info("run.failed", run_id=str(run_id), **error)
        self._mark(run_id, "failed", error=error)
        self._event(run_id, "run.failed", error)
        return self._load(run_id)

    def _load(self, run_id: uuid.UUID) -> RunOut:
        with self.db.transaction() as session:
            run = RunRepository(session).get(run_id)
            if run is None:
                raise NotFound(f"no run {run_id}")
            return RunOut.model_validate(run)

    def find(self, org: str, ref: str) -> RunOut:
        """A run of the org by full id or unique id prefix (as the CLI shows them)."""
        with self.db.transaction() as session:
            org_id = OrgRepository(session).get_id(org)
            matches = [] if org_id is None else RunRepository(session).find_by_prefix(ref, org_id)
            if not matches:
                raise NotFound(f"no run {ref!r} in organization {org!r}")
            if len(matches) > 1:
                raise InvalidInput(f"run id prefix {ref!r} is ambiguous; give more characters")
            return RunOut.model_validate(matches[0])

    def recent(
        self, org: str, *, limit: int = 20, graph_id: str | None = None, status: str | None = None
    ) -> list[RunOut]:
        """The org's newest runs."""
        with self.db.transaction() as session:
            org_id = OrgRepository(session).get_id(org)
            if org_id is None:
                return []
            rows = RunRepository(session).list(
                org_id, limit=limit, graph_id=graph_id, status=status
            )
            return [RunOut.model_validate(r) for r in rows]

    def events(self, run_id: uuid.UUID, after: int = 0) -> list[RunEventOut]:
        """The run's events in order."""
        with self.db.transaction() as session:
            return [
                RunEventOut.model_validate(e) for e in RunRepository(session).events(run_id, after)
            ]
