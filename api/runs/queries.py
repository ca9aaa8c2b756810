"""Read-side of runs: lookups scoped by organization, pages, events, LangGraph state and history."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from langchain_core.runnables import RunnableConfig

from api.runs.cursor import decode_cursor, encode_cursor
from api.runs.schemas import RunEventOut, RunOut, RunPage, RunStateOut
from devbizops.db import Database
from devbizops.errors import InvalidInput, NotFound
from graphs.executor import run_config
from graphs.registry import GraphRegistry, GraphSpec
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository


class RunQueries:
    """What callers may read about runs; ``RunService`` adds the use cases that change them."""

    db: Database
    graphs: GraphRegistry

    def _load(self, run_id: uuid.UUID, org_id: uuid.UUID | None = None) -> RunOut:
        """The run (of ``org_id`` when given; another org's run is simply not found)."""
        with self.db.transaction() as session:
            run = RunRepository(session).get(run_id, org_id)
            if run is None:
                raise NotFound(f"no run {run_id}")
            return RunOut.model_validate(run)

    def get(self, org_id: uuid.UUID, run_id: uuid.UUID) -> RunOut:
        """One run of the organization."""
        return self._load(run_id, org_id)

    def get_status(self, run_id: uuid.UUID) -> RunOut:
        """The run as it is now (the SSE stream polls this)."""
        return self._load(run_id)

    def _spec_config(self, run: RunOut) -> tuple[GraphSpec, RunnableConfig]:
        spec = self.graphs.get(run.graph_id)
        org_id = run.org_id
        if org_id is None:
            with self.db.transaction() as session:
                org_id = RunRepository(session).get(run.id).org_id  # type: ignore[union-attr]
        return spec, run_config(run.id, org_id)

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

    def page(
        self,
        org_id: uuid.UUID,
        *,
        limit: int,
        cursor: str | None = None,
        status: str | None = None,
        graph_id: str | None = None,
        created_after: datetime | None = None,
        created_before: datetime | None = None,
    ) -> RunPage:
        """One page of the org's runs, newest first; ``next_cursor`` continues after it."""
        after = decode_cursor(cursor) if cursor else None
        with self.db.transaction() as session:
            rows = RunRepository(session).page(
                org_id,
                limit=limit + 1,  # one more tells whether another page exists
                after=after,
                status=status,
                graph_id=graph_id,
                created_after=created_after,
                created_before=created_before,
            )
            items = [RunOut.model_validate(r) for r in rows[:limit]]
        more = len(rows) > limit
        last = items[-1] if items else None
        next_cursor = encode_cursor(last.created_at, last.id) if more and last else None
        return RunPage(items=items, next_cursor=next_cursor)

    def events(self, run_id: uuid.UUID, after: int = 0) -> list[RunEventOut]:
        """The run's events in order."""
        with self.db.transaction() as session:
            return [
                RunEventOut.model_validate(e) for e in RunRepository(session).events(run_id, after)
            ]

    def pending(self, run_id: uuid.UUID) -> list[dict[str, Any]]:
        """The values of the run's unanswered interrupts (the approval requests)."""
        run = self._load(run_id)
        spec, config = self._spec_config(run)
        state = spec.graph.get_state(config)
        return [dict(i.value) for i in state.interrupts if isinstance(i.value, dict)]

    def state(self, run_id: uuid.UUID) -> RunStateOut:
        """The run's latest LangGraph state: values, nodes due next, interrupts, checkpoint."""
        run = self._load(run_id)
        spec, config = self._spec_config(run)
        snap = spec.graph.get_state(config)
        checkpoint = (snap.config or {}).get("configurable", {}).get("checkpoint_id")
        return RunStateOut(
            values=dict(snap.values) if isinstance(snap.values, dict) else {},
            next=list(snap.next),
            interrupts=[{"id": i.id, "value": i.value} for i in snap.interrupts],
            checkpoint_id=checkpoint,
            created_at=snap.created_at,
        )

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

    def _decided(self, run_id: uuid.UUID) -> Any:
        decisions = [e.payload["decision"] for e in self.events(run_id) if e.type == "run.decision"]
        return decisions[-1] if decisions else None

    def _unanswered_decision(self, run_id: uuid.UUID) -> Any:
        """A decision recorded after the run's latest interrupt (not yet given to the graph)."""
        marks = [e for e in self.events(run_id) if e.type in ("run.interrupted", "run.decision")]
        if marks and marks[-1].type == "run.decision":
            return marks[-1].payload["decision"]
        return None
