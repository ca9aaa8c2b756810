"""Run use cases: create (idempotently), execute or resume inline, inspect."""

from __future__ import annotations

import uuid
from typing import Any

from api.runs.schemas import RunEventOut, RunOut
from devbizops.db import Database
from devbizops.errors import Conflict, DevBizOpsError, InvalidInput, NotFound
from devbizops.logging import get_logger
from graphs.executor import execute, has_checkpoint, run_config
from graphs.registry import GraphRegistry
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository

log = get_logger(__name__)
RESUMABLE = ("queued", "running", "failed", "interrupted")


class RunService:
    def __init__(self, db: Database, graphs: GraphRegistry) -> None:
        self.db = db
        self.graphs = graphs

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
        spec = self.graphs.get(run.graph_id)
        with self.db.transaction() as session:
            org_id = RunRepository(session).get(run_id).org_id  # type: ignore[union-attr]
        config = run_config(run_id, org_id)
        resume = has_checkpoint(spec.graph, config)
        log.info("run.execute", run_id=str(run_id), graph_id=run.graph_id, resume=resume)
        self._mark(run_id, "running", error=None)
        self._event(run_id, "run.resumed" if resume else "run.started", {})
        try:
            final = execute(spec.graph, config, None if resume else run.input, self._sink(run_id))
        except DevBizOpsError as exc:
            return self._fail(run_id, {"code": exc.code, "message": exc.message, **exc.details})
        except Exception as exc:  # a bug or an outside failure: record it, keep the checkpoint
            return self._fail(
                run_id, {"code": "internal", "message": f"{type(exc).__name__}: {exc}"}
            )
        if has_checkpoint(spec.graph, config):
            self._mark(run_id, "interrupted")
            self._event(
                run_id, "run.interrupted", {"next": list(spec.graph.get_state(config).next)}
            )
        else:
            output = {k: v for k, v in final.items() if k in spec.graph.output_channels}
            self._mark(run_id, "succeeded", output=output)
            self._event(run_id, "run.succeeded", {})
        return self._load(run_id)

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
