"""LLM calls/tokens and vendor adapter requests/errors/retries are counted and served by /metrics.

The counters are process-wide (``tools.telemetry``), so each test compares before and after.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from devbizops.errors import UpstreamError
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.waiting import free_port
from tools.crm.retry import RetryPolicy as CrmRetryPolicy
from tools.crm.transport import Transport as CrmTransport
from tools.github.policy import RetryPolicy as GitHubRetryPolicy
from tools.github.transport import GitHubTransport
from tools.jira.transport import JiraTransport
from tools.llm.base import ExtractTask
from tools.llm.openai_provider import OpenAIModel
from tools.sandbox.servers.loopback import LoopbackServer

# Each vendor's error body, as its API sends it with a 503.
UNAVAILABLE = {
    "github": {"message": "Service unavailable", "documentation_url": "https://docs.github.com"},
    "jira": {"errorMessages": ["Service unavailable"], "errors": {}},
    "crm": {"status": "error", "message": "Service unavailable", "category": "UNAVAILABLE"},
}


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


class ScriptedVendor:
    """Answers each request with the next scripted (status, JSON body); 200 ``{}`` when empty."""

    def __init__(self) -> None:
        self.script: deque[tuple[int, dict[str, Any]]] = deque()
        self._lock = threading.Lock()
        self.server = LoopbackServer(
            Starlette(routes=[Route("/{path:path}", self._handle)]), name="scripted-vendor"
        )

    async def _handle(self, request: Request) -> JSONResponse:
        with self._lock:
            status, body = self.script.popleft() if self.script else (200, {})
        return JSONResponse(body, status_code=status, headers={"Retry-After": "0"})


@pytest.fixture
def vendor() -> Iterator[ScriptedVendor]:
    scripted = ScriptedVendor()
    with scripted.server:
        yield scripted


def github_get(base_url: str) -> None:
    with httpx.Client(timeout=5) as http:
        policy = GitHubRetryPolicy(attempts=3, backoff_base=0.0, backoff_cap=0.0)
        GitHubTransport(http, {}, policy, sleep=lambda _: None).get(f"{base_url}/repos/o/r")


def jira_get(base_url: str) -> None:
    with JiraTransport(
        base_url,
        email="bot@example.com",
        api_token="token",
        timeout=5,
        max_attempts=3,
        backoff_base=0.0,
        backoff_cap=0.0,
        max_retry_after=5,
        http_client=None,
        transport=None,
    ) as jira:
        jira.get_json("/rest/api/3/myself")


def crm_get(base_url: str) -> None:
    policy = CrmRetryPolicy(attempts=3, base=0.0, cap=0.0)
    with CrmTransport("token", base_url=base_url, retry=policy, sleep=lambda _: None) as crm:
        crm.request("GET", "/crm/v3/objects/deals")


CALLS: dict[str, Callable[[str], None]] = {"github": github_get, "jira": jira_get, "crm": crm_get}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_adapter_requests_errors_and_retries_are_counted_by_vendor(
    name: str, vendor: ScriptedVendor, api: TestClient
) -> None:
    before = {
        "requests": sample("devbizops_adapter_requests_total", vendor=name),
        "server": sample("devbizops_adapter_errors_total", vendor=name, reason="server"),
        "retries": sample("devbizops_adapter_retries_total", vendor=name),
    }
    vendor.script.append((503, UNAVAILABLE[name]))

    CALLS[name](vendor.server.base_url)  # 503, retried, then 200

    assert sample("devbizops_adapter_requests_total", vendor=name) == before["requests"] + 2
    errors = sample("devbizops_adapter_errors_total", vendor=name, reason="server")
    assert errors == before["server"] + 1
    assert sample("devbizops_adapter_retries_total", vendor=name) == before["retries"] + 1
    served = api.get("/metrics").text
    assert f'devbizops_adapter_requests_total{{vendor="{name}"}}' in served


@pytest.mark.parametrize("name", sorted(CALLS))
def test_unreachable_vendor_counts_transport_errors(name: str) -> None:
    before = sample("devbizops_adapter_errors_total", vendor=name, reason="transport")

    with pytest.raises(UpstreamError):
        CALLS[name](f"http://127.0.0.1:{free_port()}")

    after = sample("devbizops_adapter_errors_total", vendor=name, reason="transport")
    assert after == before + 3  # every attempt failed to connect


class Requirement(BaseModel):
    title: str


def test_llm_calls_and_tokens_are_counted_by_model_and_outcome(api: TestClient) -> None:
    task = ExtractTask(
        name="test.metrics", instructions="Extract.", content="We need SSO.", schema=Requirement
    )
    labels = {"model": "gpt-ops-metrics"}
    before_ok = sample("devbizops_llm_calls_total", outcome="ok", **labels)
    before_error = sample("devbizops_llm_calls_total", outcome="error", **labels)
    before_prompt = sample("devbizops_llm_tokens_total", kind="prompt", **labels)
    before_completion = sample("devbizops_llm_tokens_total", kind="completion", **labels)

    with FakeOpenAIServer() as fake:
        fake.respond({"title": "SSO"})
        with OpenAIModel(
            model="gpt-ops-metrics", api_key="sk-test", base_url=fake.base_url, max_retries=0
        ) as model:
            assert model.extract(task) == Requirement(title="SSO")
            with pytest.raises(UpstreamError):
                model.extract(task)  # nothing scripted: the fake answers 500

    assert sample("devbizops_llm_calls_total", outcome="ok", **labels) == before_ok + 1
    assert sample("devbizops_llm_calls_total", outcome="error", **labels) == before_error + 1
    assert sample("devbizops_llm_tokens_total", kind="prompt", **labels) > before_prompt
    completion = sample("devbizops_llm_tokens_total", kind="completion", **labels)
    assert completion > before_completion
    served = api.get("/metrics").text
    assert 'devbizops_llm_calls_total{model="gpt-ops-metrics",outcome="ok"}' in served
