"""An approval interrupt seen and answered through the Agent Protocol (``command.resume``)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from langgraph_sdk import get_client
from langgraph_sdk.errors import PermissionDeniedError

from tests.api.agent_protocol.conftest import Server
from tests.api.gated_jira import CONNECTOR, Gate
from tests.conftest import read_sample
from tools.sandbox.servers.jira import JiraSandbox

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def created(site: JiraSandbox) -> list[str]:
    return [e.issue_key for e in site.store.events if e.kind == "jira:issue_created"]


def write_back(site: JiraSandbox) -> dict[str, Any]:
    return {
        "transcript": read_sample("acme_logistics_discovery.txt"),
        "account": "Acme Logistics",
        "write_back": {"jira_connector": CONNECTOR, "project": site.store.project_key},
    }


async def test_interrupt_shows_in_state_and_resume_creates_the_approved_issue(
    server: Server, jira_site: JiraSandbox
) -> None:
    call = write_back(jira_site)
    async with (
        get_client(url=server.url, api_key=server.key(role="engineer")) as engineer,
        get_client(url=server.url, api_key=server.key(role="sales")) as sales,
    ):
        thread = await engineer.threads.create()
        tid = thread["thread_id"]
        waiting = await engineer.runs.wait(tid, "techtranslator", input=call)
        [asked] = waiting["__interrupt__"]
        assert asked["value"]["proposed"] and waiting["requirements"]
        assert (await engineer.threads.get(tid))["status"] == "interrupted"
        state = await engineer.threads.get_state(tid)
        assert state["next"] and state["interrupts"][0]["id"] == asked["id"]
        assert [t["interrupts"] for t in state["tasks"] if t["interrupts"]] == [[asked]]
        assert created(jira_site) == []

        approve = {"resume": {"action": "approve", "positions": [1]}}
        with pytest.raises(PermissionDeniedError):
            await sales.runs.create(tid, "techtranslator", command=approve)  # type: ignore[arg-type]
        parts = [
            part
            async for part in engineer.runs.stream(
                tid,
                "techtranslator",
                command=approve,  # type: ignore[arg-type]
                stream_mode="values",
            )
        ]
        assert parts[-1].event == "end", [p.event for p in parts]
        values = [p.data for p in parts if p.event == "values"]
        assert values and all("decision" in v for v in values), "the resume replays no earlier step"
        final = values[-1]
        assert len(final["created"]) == 1 and len(created(jira_site)) == 1
        assert (await engineer.threads.get(tid))["status"] == "idle"
        assert (await engineer.threads.get_state(tid))["next"] == []


async def test_a_stream_left_with_on_disconnect_cancel_cancels_its_run(
    server: Server, jira_site: JiraSandbox, gate: Gate
) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        thread = await client.threads.create()
        tid = thread["thread_id"]
        await client.runs.wait(tid, "techtranslator", input=write_back(jira_site))
        gate.close()  # the approved run will sit in its Jira write
        stream = client.runs.stream(
            tid,
            "techtranslator",
            command={"resume": {"action": "approve"}},  # type: ignore[arg-type]
            on_disconnect="cancel",
        )
        first = await anext(stream)
        run_id = first.data["run_id"]
        assert await asyncio.to_thread(gate.entered.wait, 30), "the run never reached Jira"
        await stream.aclose()  # type: ignore[attr-defined]  # the client leaves mid-run
        for _ in range(300):  # the server notices within a poll
            if await _asked(server, run_id):
                break
            await asyncio.sleep(0.05)
        assert await _asked(server, run_id), "leaving the stream did not cancel the run"
        gate.open()  # the run finishes the node it is in, then stops
        await client.runs.join(tid, run_id)
        run = await client.runs.get(tid, run_id)
        assert run["status"] == "interrupted" and run["cancel_reason"] == "cancelled"
        assert (await client.threads.get(tid))["status"] == "idle"


async def _asked(server: Server, run_id: str) -> bool:
    """Whether the run was asked to stop (a running run stops at its next node)."""
    run = await asyncio.to_thread(server.app.state.runs.get_status, uuid.UUID(run_id))
    return run.cancel_requested_at is not None
