"""Server-sent events in the format langgraph-sdk parses, made from a run's checkpoints.

Our executor records checkpoints (LangGraph's PostgreSQL saver) and domain events (run_events);
a stream replays them as they appear: ``values`` is each top-level checkpoint's state,
``updates`` what the step before it wrote, ``custom`` the domain events. It follows the run
until it settles, so a client that connects late still sees the whole run, in order.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from api.agent_protocol import state
from api.agent_protocol.service import SETTLED, AgentProtocolService
from api.auth.principal import Principal

POLL_SECONDS = 1.0  # at the latest: how often a stream checks that its client is still there
HEARTBEAT_SECONDS = 15.0  # a comment line now and then keeps proxies from closing the stream
LIFECYCLE = ("run.", "node.")  # executor bookkeeping, not domain events


def frame(event: str, data: Any = None) -> bytes:
    """One SSE message; ``data`` as JSON (none for ``end``)."""
    body = f"event: {event}\n"
    if data is not None:
        body += f"data: {json.dumps(data, separators=(',', ':'), default=str)}\n"
    return (body + "\n").encode()


async def settle(
    service: AgentProtocolService,
    who: Principal,
    thread_id: uuid.UUID,
    run_id: uuid.UUID,
) -> str:
    """Wait until the run stops (finished, failed, cancelled or waiting for approval)."""
    async with service.watcher.watch(run_id) as changed:
        while True:
            status = await asyncio.to_thread(service.status, who, thread_id, run_id)
            if status in SETTLED:
                return status
            await service.watcher.changed(changed)


async def stream_run(
    service: AgentProtocolService,
    who: Principal,
    thread_id: uuid.UUID,
    run_id: uuid.UUID,
    modes: list[str],
    seen: set[str] | None = None,
    gone: Callable[[], Awaitable[bool]] | None = None,
    on_gone: Callable[[], None] | None = None,
) -> AsyncIterator[bytes]:
    """The run's events until it settles (finishes, fails, stops or waits for approval).

    ``seen`` holds checkpoints not to replay (those before a resume). A client that leaves
    first (``gone`` says so, or the server cancels the stream) gets ``on_gone`` run for it.
    """
    ended = False
    try:
        yield frame("metadata", {"run_id": str(run_id), "attempt": 1})
        async for part in _follow(service, who, thread_id, run_id, modes, set(seen or ()), gone):
            yield part
        async for part in _closing(service, who, thread_id, run_id, modes):
            yield part
        ended = True
    except ClientLeft:
        return  # nobody to send the rest to
    finally:
        if not ended and on_gone is not None:
            # Called in place: a cancelled stream cannot await anything any more.
            on_gone()


async def _follow(
    service: AgentProtocolService,
    who: Principal,
    thread_id: uuid.UUID,
    run_id: uuid.UUID,
    modes: list[str],
    seen: set[str],
    gone: Callable[[], Awaitable[bool]] | None,
) -> AsyncIterator[bytes]:
    """Checkpoints and domain events as they appear, until the run settles or the client left.

    Raises ``ClientLeft`` in the second case.
    """
    async with service.watcher.watch(run_id) as changed:
        async for part in _poll(service, who, thread_id, run_id, modes, seen, gone, changed):
            yield part


async def _poll(
    service: AgentProtocolService,
    who: Principal,
    thread_id: uuid.UUID,
    run_id: uuid.UUID,
    modes: list[str],
    seen: set[str],
    gone: Callable[[], Awaitable[bool]] | None,
    changed: asyncio.Event,
) -> AsyncIterator[bytes]:
    after = 0
    first = True
    loop = asyncio.get_running_loop()
    beat = loop.time()
    while True:
        status = await asyncio.to_thread(service.status, who, thread_id, run_id)
        settled = status in SETTLED
        events = await asyncio.to_thread(service.runs.events, run_id, after)
        if events or first or settled:  # checkpoints change only when something happened
            first = False
            snaps = await asyncio.to_thread(service.history, who, thread_id, run_id)
            for index, snap in enumerate(snaps):
                checkpoint_id = str(snap.config["configurable"]["checkpoint_id"])
                if checkpoint_id in seen:
                    continue
                seen.add(checkpoint_id)
                if "updates" in modes and index > 0 and (wrote := state.updates(snaps[index - 1])):
                    yield frame("updates", wrote)
                # Like LangGraph's own values stream: from the state after the input onwards.
                if "values" in modes and (snap.metadata or {}).get("source") != "input":
                    yield frame("values", state.jsonable(snap.values))
        for event in events:
            after = event.seq
            if "custom" in modes and not event.type.startswith(LIFECYCLE):
                yield frame("custom", {"type": event.type, **state.jsonable(event.payload)})
        if settled:
            return
        if gone is not None and await gone():
            raise ClientLeft(run_id)
        if loop.time() - beat > HEARTBEAT_SECONDS:
            beat = loop.time()
            yield b": heartbeat\n\n"
        # Woken by the run's next change (PostgreSQL NOTIFY); a short wait covers client checks.
        await service.watcher.changed(changed, POLL_SECONDS)


class ClientLeft(Exception):
    """The streaming client disconnected before the run settled."""


async def _closing(
    service: AgentProtocolService,
    who: Principal,
    thread_id: uuid.UUID,
    run_id: uuid.UUID,
    modes: list[str],
) -> AsyncIterator[bytes]:
    """``error`` for a failed run, else ``end`` (after the pending interrupt, if any)."""
    result = await asyncio.to_thread(service.result, who, thread_id, run_id)
    if "__error__" in result:
        yield frame("error", result["__error__"])
        return
    if "__interrupt__" in result and "updates" in modes:
        yield frame("updates", {"__interrupt__": result["__interrupt__"]})
    yield frame("end")
