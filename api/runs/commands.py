"""Run use cases that change a run on a caller's behalf: create, answer approvals, cancel.

Every change commits with its audit row (when an actor is named) and its run event; executing
runs is ``RunService``'s job.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from agents.approval import ApprovalDecision, parse_decision
from api.runs.queries import RunQueries
from api.runs.schemas import RunOut
from devbizops.errors import Conflict, InvalidInput, NotFound
from devbizops.logging import get_logger
from graphs.approval import check_decision
from memory.models import TERMINAL_STATUSES
from memory.repositories.audit import AuditRepository
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository, now

log = get_logger(__name__)
FinishHook = Callable[[RunOut], None]


class IdempotencyConflict(Conflict):
    """The idempotency key was already used for a different request."""

    code = "idempotency_conflict"


class RunCommands(RunQueries):
    """Creation, decisions and cancellation; ``hooks`` hear about every run that stops."""

    hooks: list[FinishHook]

    def create(
        self,
        org: str | uuid.UUID,
        graph_id: str,
        data: Any,
        idempotency_key: str | None = None,
        *,
        created_by: str | None = None,
    ) -> RunOut:
        """Validate the input and store a queued run; the same key and input give the same run."""
        return self.submit(org, graph_id, data, idempotency_key, created_by=created_by)[0]

    def submit(
        self,
        org: str | uuid.UUID,
        graph_id: str,
        data: Any,
        idempotency_key: str | None = None,
        *,
        created_by: str | None = None,
    ) -> tuple[RunOut, bool]:
        """Like ``create``; also says whether this call created the run (False = key replay).

        ``org`` is a slug (created when missing, as the CLI does) or an existing org id. With
        ``created_by`` the creation is audited as ``run.create`` in the same transaction.
        """
        payload = self._validated(graph_id, data)
        with self.db.transaction() as session:
            org_id = org if isinstance(org, uuid.UUID) else OrgRepository(session).ensure(org)
            runs = RunRepository(session)
            run, created = runs.create(org_id, graph_id, payload, idempotency_key, created_by)
            if not created and (run.graph_id != graph_id or run.input != payload):
                raise IdempotencyConflict(
                    f"idempotency key {idempotency_key!r} was used for another request",
                    details={"idempotency_key": idempotency_key, "run_id": str(run.id)},
                )
            if created:
                runs.add_event(run.id, "run.created", {"graph_id": graph_id})
                if created_by is not None:
                    AuditRepository(session).record(
                        org_id, created_by, "run.create", target=graph_id, run_id=run.id
                    )
            return RunOut.model_validate(run), created

    def _validated(self, graph_id: str, data: Any) -> dict[str, Any]:
        """The graph's input dict; InvalidInput with each bad field's path under ``input``."""
        spec = self.graphs.get(graph_id)
        try:
            return spec.validate(data)
        except InvalidInput as exc:
            if isinstance(exc.__cause__, ValidationError):
                exc.details["fields"] = [
                    {"loc": ["body", "input", *map(str, e["loc"])], "message": e["msg"]}
                    for e in exc.__cause__.errors()
                ]
            raise

    def decide(
        self,
        run_id: uuid.UUID,
        decision: dict[str, Any],
        *,
        org_id: uuid.UUID | None = None,
        actor: str | None = None,
    ) -> tuple[RunOut, bool]:
        """Record the answer to the run's approval request and queue the run to continue.

        Returns the run and whether it must be executed (False when the same decision was
        already taken: the run is queued, running or finished with it). With ``actor`` the
        decision is audited as ``run.approve``.
        """
        run = self._load(run_id, org_id)
        checked = parse_decision(ApprovalDecision, decision)
        answer = checked.model_dump(mode="json")
        status = run.status
        pending = self.pending(run_id) if status == "interrupted" else []
        if not pending:
            previous = self._decided(run_id)
            if previous is None or ApprovalDecision.model_validate(previous) != checked:
                raise Conflict(f"run {run_id} is {status} and waits for no decision")
            if status != "failed":
                return run, False  # the same answer again while it runs or after: nothing to do
            # The write step failed after the decision: run it again (issue keys dedupe).
            with self.db.transaction() as session:
                RunRepository(session).requeue(run_id)
            return self._load(run_id), True
        check_decision(pending[0], answer)  # by the request's kind (Jira issues, roadmap, ...)
        with self.db.transaction() as session:
            runs = RunRepository(session)
            row = runs.locked(run_id)
            if row is None or row.status != "interrupted":
                raise Conflict(f"run {run_id} is no longer waiting for a decision")
            runs.add_event(run_id, "run.decision", {"decision": answer})
            runs.requeue(run_id)
            if actor is not None:
                AuditRepository(session).record(
                    row.org_id,
                    actor,
                    "run.approve",
                    target=str(run_id),
                    run_id=run_id,
                    details=_summary(checked),
                )
        return self._load(run_id), True

    def cancel(self, org_id: uuid.UUID, run_id: uuid.UUID, actor: str) -> RunOut:
        """Cancel a queued or interrupted run now; ask a running one to stop between nodes."""
        with self.db.transaction() as session:
            runs = RunRepository(session)
            row = runs.locked(run_id, org_id)
            if row is None:
                raise NotFound(f"no run {run_id}")
            if row.status in TERMINAL_STATUSES:
                raise Conflict(f"run {run_id} is already {row.status}")
            immediate = row.status != "running"
            if immediate:
                runs.mark(run_id, "cancelled", cancel_requested_at=now())
                runs.add_event(run_id, "run.cancelled", {"by": actor})
            else:
                runs.request_cancel(run_id)
            AuditRepository(session).record(
                org_id,
                actor,
                "run.cancel",
                target=str(run_id),
                run_id=run_id,
                details={"status": row.status, "immediate": immediate},
            )
        cancelled = self._load(run_id)
        if immediate:
            self._notify(cancelled)
        return cancelled

    def _notify(self, run: RunOut) -> None:
        for hook in self.hooks:
            try:
                hook(run)
            except Exception:  # a hook (Slack reply, metrics) must never break a run
                log.exception("run.hook_failed", run_id=str(run.id), hook=repr(hook))


def _summary(decision: ApprovalDecision) -> dict[str, Any]:
    """What the audit log keeps of a decision: the action, chosen positions and edited ones."""
    return {
        "action": decision.action,
        "positions": decision.positions,
        "edited": sorted(decision.edits),
    }
