"""langgraph-sdk, unchanged, drives our graphs through the Agent Protocol routes."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.errors import ConflictError, NotFoundError, PermissionDeniedError

from api.agent_protocol.assistants import assistant_id
from api.runs.service import RunService
from memory.repositories.orgs import OrgRepository
from memory.repositories.threads import ThreadRepository
from tests.api.agent_protocol.conftest import Server
from tests.conftest import read_sample

pytestmark = pytest.mark.anyio
CALL = {"transcript": read_sample("acme_logistics_discovery.txt"), "account": "Acme Logistics"}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_assistants_are_our_graphs_by_graph_id_or_uuid(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        found = await client.assistants.search(limit=10)
        assert sorted(a["graph_id"] for a in found) == [
            "dashboard",
            "pipeline",
            "roadmap",
            "techtranslator",
        ]
        only = await client.assistants.search(graph_id="roadmap")
        assert [a["assistant_id"] for a in only] == [assistant_id("roadmap")]
        by_name = await client.assistants.get("techtranslator")
        by_id = await client.assistants.get(assistant_id("techtranslator"))
        assert by_name == by_id and by_id["graph_id"] == "techtranslator"
        with pytest.raises(NotFoundError):
            await client.assistants.get("no-such-graph")


async def test_new_thread_is_idle_with_empty_state(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        thread = await client.threads.create(metadata={"deal": "acme"})
        fetched = await client.threads.get(thread["thread_id"])
        assert fetched["status"] == "idle" and fetched["metadata"] == {"deal": "acme"}
        empty = await client.threads.get_state(thread["thread_id"])
        assert empty["values"] == {} and empty["next"] == [] and empty["tasks"] == []
        with pytest.raises(ConflictError):
            await client.threads.create(thread_id=thread["thread_id"])
        again = await client.threads.create(thread_id=thread["thread_id"], if_exists="do_nothing")
        assert again["thread_id"] == thread["thread_id"]


async def test_create_then_join_returns_the_requirements(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        thread = await client.threads.create()
        run = await client.runs.create(thread["thread_id"], "techtranslator", input=CALL)
        assert run["thread_id"] == thread["thread_id"]
        assert run["assistant_id"] == assistant_id("techtranslator")
        assert run["status"] in ("pending", "running", "success")
        final = await client.runs.join(thread["thread_id"], run["run_id"])
        assert final["requirements"], final
        assert all(r["evidence"] for r in final["requirements"])
        done = await client.runs.get(thread["thread_id"], run["run_id"])
        assert done["status"] == "success"
        assert (await client.threads.get(thread["thread_id"]))["status"] == "idle"


def test_wait_on_a_sample_call_returns_requirements_with_the_sync_client(server: Server) -> None:
    with get_sync_client(url=server.url, api_key=server.key(role="sales")) as client:
        thread = client.threads.create()
        final = client.runs.wait(thread["thread_id"], "techtranslator", input=CALL)
        assert final["requirements"] and final["detected_format"] == "text"
        stateless = client.runs.wait(None, "techtranslator", input=CALL)
        assert [r["title"] for r in stateless["requirements"]] == [
            r["title"] for r in final["requirements"]
        ]


async def test_stream_yields_values_ending_with_the_final_state(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        thread = await client.threads.create()
        parts: list[Any] = [
            part
            async for part in client.runs.stream(
                thread["thread_id"], "techtranslator", input=CALL, stream_mode=["values", "updates"]
            )
        ]
        events = [p.event for p in parts]
        assert events[0] == "metadata" and events[-1] == "end", events
        values = [p.data for p in parts if p.event == "values"]
        assert len(values) > 2, events  # the input, each step, the end
        assert values[0]["transcript"] == CALL["transcript"] and "requirements" not in values[0]
        updates = [p.data for p in parts if p.event == "updates"]
        assert any("extract" in u or "dedupe" in u for u in updates), updates
        state = await client.threads.get_state(thread["thread_id"])
        assert values[-1] == state["values"] and values[-1]["requirements"]


async def test_state_after_completion_has_checkpoint_and_run(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        thread = await client.threads.create()
        run = await client.runs.create(thread["thread_id"], "techtranslator", input=CALL)
        await client.runs.join(thread["thread_id"], run["run_id"])
        state = await client.threads.get_state(thread["thread_id"])
        assert state["next"] == [] and state["tasks"] == [] and state["interrupts"] == []
        assert state["values"]["requirements"]
        assert state["checkpoint"]["thread_id"] == thread["thread_id"]
        assert state["checkpoint"]["checkpoint_id"]
        assert state["parent_checkpoint"]["checkpoint_id"] != state["checkpoint"]["checkpoint_id"]
        assert state["metadata"]["run_id"] == run["run_id"]
        assert state["created_at"]
        listed = await client.runs.list(thread["thread_id"])
        assert [r["run_id"] for r in listed] == [run["run_id"]]
        history = await client.threads.get_history(thread["thread_id"], limit=100)
        assert history[0] == state and history[-1]["values"] == {}  # newest first, to the input
        ids = [h["checkpoint"]["checkpoint_id"] for h in history]
        older = await client.threads.get_history(
            thread["thread_id"], limit=2, before=history[0]["checkpoint"]
        )
        assert [h["checkpoint"]["checkpoint_id"] for h in older] == ids[1:3]


async def test_another_org_cannot_see_the_thread_or_its_runs(server: Server) -> None:
    async with (
        get_client(url=server.url, api_key=server.key(org="acme")) as mine,
        get_client(url=server.url, api_key=server.key(org="globex", role="owner")) as theirs,
    ):
        thread = await mine.threads.create()
        tid = thread["thread_id"]
        run = await mine.runs.create(tid, "techtranslator", input=CALL)
        await mine.runs.join(tid, run["run_id"])
        attempts: list[Callable[[], Awaitable[Any]]] = [
            lambda: theirs.threads.get(tid),
            lambda: theirs.threads.get_state(tid),
            lambda: theirs.runs.join(tid, run["run_id"]),
            lambda: theirs.runs.cancel(tid, run["run_id"]),
            lambda: theirs.runs.create(tid, "techtranslator", input=CALL),
        ]
        for attempt in attempts:
            # join answers through httpx's own error, the others through the SDK's NotFoundError
            with pytest.raises(httpx.HTTPStatusError) as caught:
                await attempt()
            assert caught.value.response.status_code == 404
            assert caught.value.response.json()["error"]["code"] == "not_found"
        assert (await mine.threads.get(tid))["thread_id"] == tid


async def test_viewer_may_read_but_not_start_runs(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key(role="viewer")) as client:
        assert len(await client.assistants.search()) == 4
        with pytest.raises(PermissionDeniedError):
            await client.runs.create(None, "techtranslator", input=CALL)
        thread = await client.threads.create()  # harmless: threads do nothing by themselves
        with pytest.raises(PermissionDeniedError):
            await client.runs.create(thread["thread_id"], "techtranslator", input=CALL)
        with pytest.raises(PermissionDeniedError):
            await client.threads.create(graph_id="techtranslator")


async def test_cancel_of_a_queued_run_settles_it_and_frees_the_thread(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        thread = await client.threads.create()
        tid = thread["thread_id"]
        # A run as a thread holds it before any executor picked it up (never dispatched here).
        runs: RunService = server.app.state.runs
        queued = runs.create("acme", "techtranslator", CALL)
        with server.db.transaction() as session:
            org_id = OrgRepository(session).ensure("acme")
            ThreadRepository(session, org_id).link(uuid.UUID(tid), queued.id, "techtranslator")
        assert (await client.threads.get(tid))["status"] == "busy"
        with pytest.raises(ConflictError):
            await client.runs.create(tid, "techtranslator", input=CALL)
        await client.runs.cancel(tid, str(queued.id))
        cancelled = await client.runs.get(tid, str(queued.id))
        assert cancelled["status"] == "interrupted" and cancelled["cancel_reason"] == "cancelled"
        assert runs.find("acme", str(queued.id)).status == "cancelled"
        assert await client.runs.join(tid, str(queued.id)) == {}
        with pytest.raises(ConflictError):
            await client.runs.cancel(tid, str(queued.id))
        assert (await client.threads.get(tid))["status"] == "idle"
        final = await client.runs.wait(tid, "techtranslator", input=CALL)
        assert final["requirements"]
