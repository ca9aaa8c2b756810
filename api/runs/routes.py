"""HTTP routes of runs: create (idempotent), list, get, events (SSE), cancel, resume, state."""

from __future__ import annotations

import time
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response
from fastapi.encoders import jsonable_encoder
from sse_starlette import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from agents.approval import ApprovalDecision
from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import SettingsDep, require
from api.runs.deps import DispatcherDep, RunServiceDep, WatcherDep
from api.runs.dispatch import Dispatcher
from api.runs.schemas import CheckpointOut, RunCreate, RunOut, RunPage, RunStateOut
from api.runs.service import RunService
from api.runs.sse import PING_SECONDS, follow, resume_point
from api.runs.watch import FALLBACK_SECONDS, RunWatcher
from devbizops.errors import InvalidInput
from memory.models import STOPPED_STATUSES

router = APIRouter(prefix="/v1/runs", tags=["runs"])

Reader = Annotated[Principal, require(Permission.RUNS_READ)]
RunStatus = Literal["queued", "running", "interrupted", "succeeded", "failed", "cancelled"]


def _create(
    runs: RunService, principal: Principal, body: RunCreate, key: str | None
) -> tuple[RunOut, bool]:
    if body.graph_id not in runs.graphs.ids():
        raise InvalidInput(
            f"unknown graph {body.graph_id!r}; known graphs: {', '.join(runs.graphs.ids())}",
            details={"fields": [{"loc": ["body", "graph_id"], "message": "unknown graph"}]},
        )
    principal.check_graph(body.graph_id)
    return runs.submit(principal.org_id, body.graph_id, body.input, key, created_by=principal.actor)


async def _until_stopped(
    runs: RunService, watcher: RunWatcher, principal: Principal, run: RunOut, limit: float
) -> RunOut:
    """Wait until the run finished or waits for approval, at most ``limit`` seconds."""
    deadline = time.monotonic() + limit
    async with watcher.watch(run.id) as changed:
        run = await run_in_threadpool(runs.get, principal.org_id, run.id)
        while run.status not in STOPPED_STATUSES and (left := deadline - time.monotonic()) > 0:
            await watcher.changed(changed, min(left, FALLBACK_SECONDS))
            run = await run_in_threadpool(runs.get, principal.org_id, run.id)
    return run


async def _start(
    response: Response,
    runs: RunService,
    dispatcher: Dispatcher,
    watcher: RunWatcher,
    principal: Principal,
    body: RunCreate,
    key: str | None,
    wait: float | None,
) -> RunOut:
    run, created = await run_in_threadpool(_create, runs, principal, body, key)
    if created:
        # After the commit, so the executor sees the row; off the event loop, since a broker
        # that does not answer may take its connect timeout.
        await run_in_threadpool(dispatcher.dispatch, run.id)
    response.headers["Location"] = f"{router.prefix}/{run.id}"
    if not created:
        response.headers["Idempotent-Replayed"] = "true"
    if wait is not None:
        run = await _until_stopped(runs, watcher, principal, run, wait)
    # 202 while the run is still going; 200 when the answer is final (or an idempotent replay).
    response.status_code = 200 if run.status in STOPPED_STATUSES or not created else 202
    return run


IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


@router.post("", status_code=202, response_model=RunOut)
async def create_run(
    response: Response,
    body: RunCreate,
    principal: Reader,
    runs: RunServiceDep,
    dispatcher: DispatcherDep,
    watcher: WatcherDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
    wait: Annotated[bool, Query(description="answer once the run stopped")] = False,
) -> RunOut:
    """Start a run of ``graph_id`` on ``input`` (202); same Idempotency-Key + body → same run."""
    limit = settings.run_timeout_seconds if wait else None
    return await _start(
        response, runs, dispatcher, watcher, principal, body, idempotency_key, limit
    )


@router.post("/wait", status_code=200, response_model=RunOut)
async def create_run_and_wait(
    response: Response,
    body: RunCreate,
    principal: Reader,
    runs: RunServiceDep,
    dispatcher: DispatcherDep,
    watcher: WatcherDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> RunOut:
    """Start a run and answer when it finished or waits for approval (``?wait=true`` alias)."""
    limit = settings.run_timeout_seconds
    return await _start(
        response, runs, dispatcher, watcher, principal, body, idempotency_key, limit
    )


@router.get("", response_model=RunPage)
def list_runs(
    principal: Reader,
    runs: RunServiceDep,
    status: RunStatus | None = None,
    graph_id: str | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> RunPage:
    """The organization's runs, newest first, one page at a time."""
    return runs.page(
        principal.org_id,
        limit=limit,
        cursor=cursor,
        status=status,
        graph_id=graph_id,
        created_after=created_after,
        created_before=created_before,
    )


@router.get("/{run_id}", response_model=RunOut)
def get_run(run_id: uuid.UUID, principal: Reader, runs: RunServiceDep) -> RunOut:
    """Status, timings, output and error of one run."""
    return runs.get(principal.org_id, run_id)


@router.get("/{run_id}/events", response_class=EventSourceResponse)
def run_events(
    run_id: uuid.UUID,
    principal: Reader,
    runs: RunServiceDep,
    watcher: WatcherDep,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    after: Annotated[int | None, Query(ge=0, description="replay events after this seq")] = None,
) -> EventSourceResponse:
    """The run's events as SSE (``id`` = seq): replayed, then followed until the run stops."""
    runs.get(principal.org_id, run_id)  # 404 for another org's run, before streaming starts
    start = resume_point(last_event_id, after)
    return EventSourceResponse(follow(runs, watcher, run_id, start), ping=PING_SECONDS)


@router.post("/{run_id}/cancel", status_code=202, response_model=RunOut)
def cancel_run(
    run_id: uuid.UUID,
    principal: Annotated[Principal, require(Permission.RUNS_CANCEL)],
    runs: RunServiceDep,
) -> RunOut:
    """Cancel a queued or waiting run now; a running one stops at its next node boundary."""
    return runs.cancel(principal.org_id, run_id, principal.actor)


@router.post("/{run_id}/resume", status_code=202, response_model=RunOut)
def resume_run(
    run_id: uuid.UUID,
    decision: ApprovalDecision,
    principal: Annotated[Principal, require(Permission.RUNS_APPROVE)],
    runs: RunServiceDep,
    dispatcher: DispatcherDep,
) -> RunOut:
    """Answer the run's approval request; the executor continues the run with it."""
    body = decision.model_dump(mode="json")
    run, go = runs.decide(run_id, body, org_id=principal.org_id, actor=principal.actor)
    if go:
        dispatcher.dispatch(run.id)
    return run


@router.get("/{run_id}/state", response_model=RunStateOut)
def run_state(run_id: uuid.UUID, principal: Reader, runs: RunServiceDep) -> Any:
    """The latest LangGraph checkpoint: values, next nodes, pending interrupts."""
    runs.get(principal.org_id, run_id)
    return jsonable_encoder(runs.state(run_id))


@router.get("/{run_id}/history", response_model=list[CheckpointOut])
def run_history(run_id: uuid.UUID, principal: Reader, runs: RunServiceDep) -> Any:
    """The run's checkpoints, newest first."""
    runs.get(principal.org_id, run_id)
    return jsonable_encoder(runs.history(run_id))
