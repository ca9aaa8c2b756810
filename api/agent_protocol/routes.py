"""The subset of LangGraph Platform's Agent Protocol that langgraph-sdk uses.

Paths, bodies and the SSE format follow what ``langgraph_sdk`` sends and parses, so
``get_client(url=<this server>, api_key=<a DevBizOps API key>)`` drives our graphs unchanged.
Every route is org-scoped by the caller's key (``x-api-key``) or bearer token.
"""

from __future__ import annotations

import asyncio
import uuid
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from api.agent_protocol import assistants
from api.agent_protocol.deps import AgentProtocolDep
from api.agent_protocol.schemas import (
    AssistantSearch,
    HistoryQuery,
    RunCreate,
    StreamMode,
    ThreadCreate,
    ThreadSearch,
)
from api.agent_protocol.sse import settle, stream_run
from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import require
from devbizops.errors import InvalidInput

router = APIRouter(tags=["agent-protocol"])

Reader = Annotated[Principal, require(Permission.RUNS_READ)]
Canceller = Annotated[Principal, require(Permission.RUNS_CANCEL)]


@router.post("/assistants/search")
def search_assistants(
    body: AssistantSearch, who: Reader, service: AgentProtocolDep
) -> list[dict[str, Any]]:
    return assistants.search(
        service.graphs,
        graph_id=body.graph_id,
        name=body.name,
        metadata=body.metadata,
        limit=body.limit,
        offset=body.offset,
    )


@router.get("/assistants/{assistant_id}")
def get_assistant(assistant_id: str, who: Reader, service: AgentProtocolDep) -> dict[str, Any]:
    return assistants.assistant(assistants.resolve(service.graphs, assistant_id))


@router.post("/threads")
def create_thread(body: ThreadCreate, who: Reader, service: AgentProtocolDep) -> dict[str, Any]:
    return service.threads.create(who, body)


@router.post("/threads/search")
def search_threads(
    body: ThreadSearch, who: Reader, service: AgentProtocolDep
) -> list[dict[str, Any]]:
    return service.threads.search(who, body.limit, body.offset)


@router.get("/threads/{thread_id}")
def get_thread(thread_id: uuid.UUID, who: Reader, service: AgentProtocolDep) -> dict[str, Any]:
    return service.threads.get(who, thread_id)


@router.get("/threads/{thread_id}/state")
def get_thread_state(
    thread_id: uuid.UUID, who: Reader, service: AgentProtocolDep
) -> dict[str, Any]:
    return service.threads.state(who, thread_id)


@router.post("/threads/{thread_id}/history")
def get_thread_history(
    thread_id: uuid.UUID, body: HistoryQuery, who: Reader, service: AgentProtocolDep
) -> list[Any]:
    return service.threads.history(who, thread_id, body)


def _located(response: Response, run: dict[str, Any]) -> None:
    # langgraph-sdk reads the new run's ids from Content-Location (``on_run_created``).
    response.headers["Content-Location"] = f"/threads/{run['thread_id']}/runs/{run['run_id']}"


@router.post("/threads/{thread_id}/runs")
def create_run(
    thread_id: uuid.UUID,
    body: RunCreate,
    who: Reader,
    service: AgentProtocolDep,
    response: Response,
) -> dict[str, Any]:
    run = service.start_run(who, thread_id, body)
    _located(response, run)
    return run


@router.post("/runs")
def create_stateless_run(
    body: RunCreate, who: Reader, service: AgentProtocolDep, response: Response
) -> dict[str, Any]:
    run = service.start_run(who, None, body)
    _located(response, run)
    return run


async def _wait(
    service: AgentProtocolDep, who: Principal, thread_id: uuid.UUID | None, body: RunCreate
) -> Response:
    run = await asyncio.to_thread(service.start_run, who, thread_id, body)
    tid, rid = uuid.UUID(run["thread_id"]), uuid.UUID(run["run_id"])
    await settle(service, who, tid, rid)
    result = await asyncio.to_thread(service.result, who, tid, rid)
    response = _json(result)
    _located(response, run)
    return response


@router.post("/threads/{thread_id}/runs/wait")
async def wait_run(
    thread_id: uuid.UUID, body: RunCreate, who: Reader, service: AgentProtocolDep
) -> Response:
    return await _wait(service, who, thread_id, body)


@router.post("/runs/wait")
async def wait_stateless_run(body: RunCreate, who: Reader, service: AgentProtocolDep) -> Response:
    return await _wait(service, who, None, body)


async def _stream(
    request: Request,
    service: AgentProtocolDep,
    who: Principal,
    thread_id: uuid.UUID | None,
    body: RunCreate,
) -> StreamingResponse:
    before: set[str] = set()
    if body.command is not None:  # a resume continues a run: stream what follows only
        before = await asyncio.to_thread(service.seen, who, thread_id)
    run = await asyncio.to_thread(service.start_run, who, thread_id, body)
    tid, rid = uuid.UUID(run["thread_id"]), uuid.UUID(run["run_id"])
    left = partial(service.abandon, who, tid, rid) if body.on_disconnect == "cancel" else None
    events = stream_run(service, who, tid, rid, body.modes, before, request.is_disconnected, left)
    response = StreamingResponse(events, media_type="text/event-stream")
    _located(response, run)
    return response


@router.post("/threads/{thread_id}/runs/stream")
async def stream_thread_run(
    request: Request, thread_id: uuid.UUID, body: RunCreate, who: Reader, service: AgentProtocolDep
) -> StreamingResponse:
    return await _stream(request, service, who, thread_id, body)


@router.post("/runs/stream")
async def stream_stateless_run(
    request: Request, body: RunCreate, who: Reader, service: AgentProtocolDep
) -> StreamingResponse:
    return await _stream(request, service, who, None, body)


@router.get("/threads/{thread_id}/runs")
def list_runs(
    thread_id: uuid.UUID,
    who: Reader,
    service: AgentProtocolDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    return service.list_runs(who, thread_id, limit, offset)


@router.get("/threads/{thread_id}/runs/{run_id}")
def get_run(
    thread_id: uuid.UUID, run_id: uuid.UUID, who: Reader, service: AgentProtocolDep
) -> dict[str, Any]:
    return service.get_run(who, thread_id, run_id)


@router.get("/threads/{thread_id}/runs/{run_id}/join")
async def join_run(
    thread_id: uuid.UUID, run_id: uuid.UUID, who: Reader, service: AgentProtocolDep
) -> Response:
    await settle(service, who, thread_id, run_id)
    return _json(await asyncio.to_thread(service.result, who, thread_id, run_id))


@router.get("/threads/{thread_id}/runs/{run_id}/stream")
async def join_stream(
    request: Request,
    thread_id: uuid.UUID,
    run_id: uuid.UUID,
    who: Reader,
    service: AgentProtocolDep,
    stream_mode: Annotated[list[StreamMode] | None, Query()] = None,
    cancel_on_disconnect: Annotated[bool, Query()] = False,
) -> StreamingResponse:
    await asyncio.to_thread(service.get_run, who, thread_id, run_id)  # 404 before the stream
    if cancel_on_disconnect:
        who.check(Permission.RUNS_CANCEL)
    modes: list[str] = list(stream_mode or ("values", "updates", "custom"))
    left = partial(service.abandon, who, thread_id, run_id) if cancel_on_disconnect else None
    events = stream_run(
        service, who, thread_id, run_id, modes, gone=request.is_disconnected, on_gone=left
    )
    return StreamingResponse(events, media_type="text/event-stream")


@router.post("/threads/{thread_id}/runs/{run_id}/cancel")
async def cancel_run(
    thread_id: uuid.UUID,
    run_id: uuid.UUID,
    who: Canceller,
    service: AgentProtocolDep,
    wait: Annotated[bool, Query()] = False,
    action: Annotated[Literal["interrupt", "rollback"], Query()] = "interrupt",
) -> Response:
    if action == "rollback":
        raise InvalidInput("cancel action 'rollback' is not supported: runs and their log stay")
    run = await asyncio.to_thread(service.cancel, who, thread_id, run_id)
    if wait:
        await settle(service, who, thread_id, run_id)
        run = await asyncio.to_thread(service.get_run, who, thread_id, run_id)
    return _json(run)


def _json(body: Any) -> Response:
    return JSONResponse(body)
