"""API keys and access tokens authenticate; anything else is a 401 in the one error shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import require
from devbizops.db import Database
from memory.repositories.api_keys import ApiKeyRepository
from memory.repositories.orgs import OrgRepository
from tests.api.conftest import issue_key


@pytest.fixture
def probe(api_app: FastAPI) -> Iterator[TestClient]:
    @api_app.get("/_probe/whoami")
    def whoami(
        principal: Annotated[Principal, require(Permission.RUNS_READ)],
    ) -> dict[str, str]:
        return {"org": principal.org_slug, "role": principal.role, "actor": principal.actor}

    @api_app.get("/_probe/keys")
    def keys(principal: Annotated[Principal, require(Permission.APIKEYS_MANAGE)]) -> None:
        return None

    with TestClient(api_app) as client:
        yield client


def test_api_key_in_header_or_bearer_identifies_org_and_role(
    probe: TestClient, db: Database
) -> None:
    key = issue_key(db, "acme", "engineer", name="ci")
    for headers in ({"X-Api-Key": key}, {"Authorization": f"Bearer {key}"}):
        answer = probe.get("/_probe/whoami", headers=headers)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"org": "acme", "role": "engineer", "actor": "apikey:ci"}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Api-Key": "dbo_00000000_notakey"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer not.a.jwt"},
    ],
)
def test_missing_or_bad_credentials_are_401(probe: TestClient, headers: dict[str, str]) -> None:
    answer = probe.get("/_probe/whoami", headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthenticated"


def test_revoked_key_stops_working(probe: TestClient, db: Database) -> None:
    key = issue_key(db, "acme", "viewer")
    assert probe.get("/_probe/whoami", headers={"X-Api-Key": key}).status_code == 200
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure("acme")
        assert ApiKeyRepository(session).revoke(org_id, "_".join(key.split("_")[:2]))
    assert probe.get("/_probe/whoami", headers={"X-Api-Key": key}).status_code == 401


def test_role_without_the_permission_is_403(probe: TestClient, db: Database) -> None:
    key = issue_key(db, "acme", "engineer")
    answer = probe.get("/_probe/keys", headers={"X-Api-Key": key})
    assert answer.status_code == 403
    assert answer.json()["error"]["details"] == {"permission": "apikeys:manage", "role": "engineer"}
