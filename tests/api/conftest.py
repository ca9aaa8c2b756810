"""An API app on the test's database and helpers to call it as a given role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from devbizops.connectors import ConnectorService
from devbizops.db import Database
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from memory.repositories.api_keys import ApiKeyRepository
from memory.repositories.orgs import OrgRepository
from tests.api.gated_jira import CONNECTOR, Gate
from tools.sandbox.generator import generate
from tools.sandbox.servers import jira
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.loopback import LoopbackServer

KeyFactory = Callable[..., dict[str, str]]


@pytest.fixture
def api_app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def api(api_app: FastAPI) -> Iterator[TestClient]:
    """A client running the app's lifespan (database, executor) for the test."""
    with TestClient(api_app) as client:
        yield client


def issue_key(db: Database, org: str = "acme", role: str = "owner", name: str = "") -> str:
    """A new API key of ``role`` in ``org`` (created when missing)."""
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
        _, key = ApiKeyRepository(session).create(org_id, name or f"{role}-key", role, "tests")
        return key


@pytest.fixture
def auth_headers(db: Database) -> KeyFactory:
    """``auth_headers(role="engineer", org="acme")`` → headers carrying a fresh API key."""

    def make(role: str = "owner", org: str = "acme") -> dict[str, str]:
        return {"X-Api-Key": issue_key(db, org, role)}

    return make


# The held ("gated") loopback Jira with a stored connector for org "acme", shared by the runs and
# Agent Protocol tests.
@pytest.fixture(scope="module")
def jira_app() -> Any:
    return jira.create_app(generate(seed=7, size=1))


@pytest.fixture(scope="module")
def gate(jira_app: Any) -> Gate:
    return Gate(jira_app)


@pytest.fixture(scope="module")
def jira_server(gate: Gate) -> Iterator[LoopbackServer]:
    with LoopbackServer(gate, name="jira-gated") as server:
        yield server


@pytest.fixture
def jira_site(
    settings: Settings, db: Database, jira_app: Any, jira_server: LoopbackServer, gate: Gate
) -> Iterator[JiraSandbox]:
    """The loopback Jira, reset, with a connector for org ``acme``; the gate open after."""
    site = jira.sandbox_of(jira_app)
    site.reset()
    ConnectorService(db, SecretBox.from_settings(settings)).add(
        "acme",
        CONNECTOR,
        "jira",
        jira_server.base_url,
        {"api_token": jira.DEFAULT_API_TOKEN},
        {"email": jira.DEFAULT_EMAIL, "project": site.store.project_key},
    )
    yield site
    gate.open()
    site.reset()
