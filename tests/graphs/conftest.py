"""Graph fixtures: registries over the test database with a chosen language model, and the
loopback Jira site (with a stored connector) that write-back runs talk to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from langgraph.checkpoint.postgres import PostgresSaver

from api.runs.service import RunService
from devbizops.connectors import ConnectorService, ConnectorView
from devbizops.db import Database
from devbizops.llm import language_model
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from graphs.registry import GraphRegistry
from memory.store import SqlGraphStore
from tools.llm import LanguageModel
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers import jira
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer

ServiceFactory = Callable[[LanguageModel], AbstractContextManager[RunService]]


@pytest.fixture
def offline_llm(settings: Settings) -> LanguageModel:
    return language_model(settings)


@pytest.fixture
def run_service(db: Database) -> ServiceFactory:
    """Build a RunService whose graphs use the given language model."""

    @contextmanager
    def build(llm: LanguageModel) -> Iterator[RunService]:
        with db.connect() as conn:
            graphs = GraphRegistry(llm, SqlGraphStore(db.transaction), PostgresSaver(conn))
            yield RunService(db, graphs)

    return build


@pytest.fixture(scope="module")
def jira_server(company: SandboxCompany) -> Iterator[LoopbackServer]:
    with jira.serve(company) as server:
        yield server


@pytest.fixture
def jira_site(jira_server: LoopbackServer) -> Iterator[JiraSandbox]:
    """The loopback Jira with the company's issues only, no faults and an empty journal."""
    site = jira.sandbox_of(jira_server.app)
    site.reset()
    yield site
    site.reset()


def add_jira_connector(
    settings: Settings,
    db: Database,
    org: str,
    name: str,
    server: LoopbackServer,
    site: JiraSandbox,
) -> ConnectorView:
    """Store (sealed) a connector named ``name`` for ``server``, as `connectors add` does."""
    service = ConnectorService(db, SecretBox.from_settings(settings))
    return service.add(
        org,
        name,
        "jira",
        server.base_url,
        {"api_token": jira.DEFAULT_API_TOKEN},
        {"email": jira.DEFAULT_EMAIL, "project": site.store.project_key},
    )
