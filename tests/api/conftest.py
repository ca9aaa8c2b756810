"""An API app on the test's database and helpers to call it as a given role."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from devbizops.db import Database
from devbizops.settings import Settings
from memory.repositories.api_keys import ApiKeyRepository
from memory.repositories.orgs import OrgRepository

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
