"""Fixtures: a fresh loopback HubSpot per test (its own notes and faults) and clients for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.tools.crm.sample import sample_company
from tools.crm import HubSpotClient, RetryPolicy
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.faults import FaultPlan
from tools.sandbox.servers.hubspot import SANDBOX_TOKEN, fault_plan, portal, serve
from tools.sandbox.servers.hubspot.store import Store
from tools.sandbox.servers.loopback import LoopbackServer

# Small waits so retry tests stay fast; Retry-After up to 2 s is honoured.
FAST_RETRY = RetryPolicy(attempts=4, base=0.01, cap=0.05, max_retry_after=2.0)
StartServer = Callable[..., LoopbackServer]
MakeClient = Callable[..., HubSpotClient]


@pytest.fixture(autouse=True)
def _loopback_without_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy from the developer's shell would send loopback traffic elsewhere.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def company() -> SandboxCompany:
    return sample_company()


@pytest.fixture
def start_server(company: SandboxCompany) -> Iterator[StartServer]:
    """Start loopback HubSpots with ``create_app`` options; all are stopped after the test."""
    running: list[LoopbackServer] = []

    def start(target: SandboxCompany | None = None, **options: Any) -> LoopbackServer:
        server = serve(target or company, **options).start()
        running.append(server)
        return server

    yield start
    for server in running:
        server.stop()


@pytest.fixture
def server(start_server: StartServer) -> LoopbackServer:
    """A loopback HubSpot with HubSpot's defaults."""
    return start_server()


@pytest.fixture
def store(server: LoopbackServer) -> Store:
    return portal(server.app)


@pytest.fixture
def faults(server: LoopbackServer) -> FaultPlan:
    return fault_plan(server.app)


@pytest.fixture
def make_client(server: LoopbackServer) -> Iterator[MakeClient]:
    """Clients for ``server`` (or another one) with fast retries; closed after the test."""
    built: list[HubSpotClient] = []

    def make(
        target: LoopbackServer | None = None, *, token: str = SANDBOX_TOKEN, **options: Any
    ) -> HubSpotClient:
        options.setdefault("retry", FAST_RETRY)
        options.setdefault("timeout", 5.0)
        base_url = (target or server).base_url
        client = HubSpotClient(token, base_url=base_url, **options)
        built.append(client)
        return client

    yield make
    for client in built:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> HubSpotClient:
    """A client with small pages, so every list spans several of them."""
    return make_client(page_size=3, search_page_size=4)
