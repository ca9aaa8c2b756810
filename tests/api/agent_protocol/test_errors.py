"""Refusals and failures reach langgraph-sdk in our one error shape and the protocol's forms."""

from __future__ import annotations

import pytest
from langgraph_sdk import get_client
from langgraph_sdk.errors import UnprocessableEntityError

from devbizops.db import Database
from devbizops.settings import Settings
from tests.api.agent_protocol.conftest import Server, serving
from tests.conftest import read_sample

pytestmark = pytest.mark.anyio
CALL = {"transcript": read_sample("acme_logistics_discovery.txt"), "account": "Acme Logistics"}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_bad_input_and_unsupported_options_are_422_before_any_run(server: Server) -> None:
    async with get_client(url=server.url, api_key=server.key()) as client:
        thread = await client.threads.create()
        tid = thread["thread_id"]
        with pytest.raises(UnprocessableEntityError) as bad:
            await client.runs.create(tid, "techtranslator", input={"account": "no transcript"})
        assert bad.value.body["error"]["code"] == "invalid_input"  # type: ignore[index]
        with pytest.raises(UnprocessableEntityError) as unsupported:
            await client.runs.create(tid, "techtranslator", input=CALL, interrupt_before=["x"])
        details = unsupported.value.body["error"]["details"]  # type: ignore[index]
        assert details == {"unsupported": ["interrupt_before"]}
        assert await client.runs.list(tid) == []


async def test_a_run_that_fails_reports_its_error_to_wait_and_stream(
    settings: Settings, db: Database
) -> None:
    # Runs may execute for a microsecond here: every run fails with run_timeout.
    with serving(settings.model_copy(update={"run_timeout_seconds": 1e-6}), db) as server:
        async with get_client(url=server.url, api_key=server.key()) as client:
            thread = await client.threads.create()
            tid = thread["thread_id"]
            with pytest.raises(Exception, match=r"^run_timeout: the run took longer"):
                await client.runs.wait(tid, "techtranslator", input=CALL)  # the SDK raises it
            waited = await client.runs.wait(tid, "techtranslator", input=CALL, raise_error=False)
            assert waited["__error__"]["error"] == "run_timeout", waited
            assert (await client.threads.get(tid))["status"] == "error"
            parts = [p async for p in client.runs.stream(tid, "techtranslator", input=CALL)]
            assert parts[0].event == "metadata" and parts[-1].event == "error"
            assert parts[-1].data["error"] == "run_timeout"
            assert [r["status"] for r in await client.runs.list(tid)] == ["error"] * 3
