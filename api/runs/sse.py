"""A run's events as Server-Sent Events: replay after a sequence number, then follow live."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

from sse_starlette import ServerSentEvent
from starlette.concurrency import run_in_threadpool

from api.runs.service import RunService
from api.runs.watch import RunWatcher
from devbizops.errors import InvalidInput
from memory.models import STOPPED_STATUSES

PING_SECONDS = 15  # comment lines that keep proxies from closing an idle stream


def resume_point(last_event_id: str | None, after: int | None) -> int:
    """The sequence number to continue after: ``Last-Event-ID`` wins over ``?after=``."""
    if last_event_id is not None and last_event_id.strip():
        try:
            value = int(last_event_id)
        except ValueError as exc:
            raise InvalidInput(
                "Last-Event-ID must be the id of an event this stream sent (an integer)",
                details={"fields": [{"loc": ["header", "last-event-id"], "message": "not an int"}]},
            ) from exc
        if value < 0:
            raise InvalidInput("Last-Event-ID must not be negative")
        return value
    return after or 0


async def follow(
    runs: RunService, watcher: RunWatcher, run_id: uuid.UUID, after: int
) -> AsyncIterator[ServerSentEvent]:
    """Events after ``after``; ends once the run stopped (finished or waiting for approval).

    The status is read before the events: a run's closing status and closing event commit
    together, so the last batch read after seeing a stop status holds every remaining event.
    New events wake the stream through the watcher (PostgreSQL NOTIFY), not by polling.
    """
    async with watcher.watch(run_id) as changed:
        while True:
            status = (await run_in_threadpool(runs.get_status, run_id)).status
            for event in await run_in_threadpool(runs.events, run_id, after):
                after = event.seq
                yield ServerSentEvent(
                    data=event.model_dump_json(), event=event.type, id=str(event.seq)
                )
            if status in STOPPED_STATUSES:
                return
            await watcher.changed(changed)
