"""``/v1/connectors``: CRUD scoped to the org, secrets sealed and never returned, writes audited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from devbizops.connectors import ConnectorService
from devbizops.db import Database
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from memory.repositories.audit import AuditRepository
from memory.repositories.orgs import OrgRepository
from tests.api.conftest import KeyFactory

TOKEN = "ghp_top-secret-value-123"
GITHUB = {
    "name": "gh",
    "source": "github",
    "settings": {"org": "acme-dev"},
    "secret": TOKEN,
}


def audit_actions(db: Database, org: str) -> list[str]:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
        return [row.action for row in AuditRepository(session).list(org_id)]


def test_connector_lifecycle_never_returns_the_secret(
    api: TestClient, auth_headers: KeyFactory, db: Database, settings: Settings
) -> None:
    admin = auth_headers("admin")
    created = api.post("/v1/connectors", json=GITHUB, headers=admin)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["has_secret"] is True
    assert body["base_url"] == "https://api.github.com"
    assert body["settings"] == {"org": "acme-dev"}

    # The CLI's service opens the same sealed secret: one storage format for both.
    cli = ConnectorService(db, SecretBox.from_settings(settings))
    assert cli.unsealed("acme", "github")[0][1] == {"token": TOKEN}

    rotated = api.patch(
        "/v1/connectors/gh",
        json={"secret": "ghp_rotated", "settings": {"org": "acme-prod"}},
        headers=admin,
    )
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["settings"] == {"org": "acme-prod"}
    assert cli.unsealed("acme", "github")[0][1] == {"token": "ghp_rotated"}

    listed = api.get("/v1/connectors", headers=auth_headers("engineer"))
    assert [c["name"] for c in listed.json()["items"]] == ["gh"]
    for answer in (created, rotated, listed, api.get("/v1/connectors/gh", headers=admin)):
        assert TOKEN not in answer.text and "ghp_rotated" not in answer.text
        assert "secret" not in answer.json().get("items", [answer.json()])[0]

    assert api.delete("/v1/connectors/gh", headers=admin).status_code == 204
    gone = api.get("/v1/connectors/gh", headers=admin)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"
    assert audit_actions(db, "acme") == [
        "connector.delete",
        "connector.update",
        "connector.create",
    ]


def test_repeated_create_is_idempotent_and_a_different_one_conflicts(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    admin = auth_headers("admin")
    first = api.post("/v1/connectors", json=GITHUB, headers=admin)
    again = api.post("/v1/connectors", json=GITHUB, headers=admin)
    assert again.status_code == 201 and again.json() == first.json()
    other = api.post("/v1/connectors", json={**GITHUB, "secret": "another"}, headers=admin)
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "connector_exists"


def test_missing_settings_are_named_and_nothing_is_stored(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    admin = auth_headers("admin")
    jira = {"name": "jira", "source": "jira", "settings": {"email": "a@b.c"}, "secret": "t"}
    answer = api.post("/v1/connectors", json=jira, headers=admin)
    assert answer.status_code == 422
    assert answer.json()["error"]["details"]["missing"] == ["project", "base_url"]
    bad_source = api.post("/v1/connectors", json={**GITHUB, "source": "gitlab"}, headers=admin)
    assert bad_source.status_code == 422
    # PostgreSQL cannot store NUL characters: refused as bad input, never a 500.
    nul = api.post("/v1/connectors", json={**GITHUB, "settings": {"org": "a\x00b"}}, headers=admin)
    assert nul.status_code == 422
    assert api.get("/v1/connectors/a%00b", headers=admin).status_code == 422
    assert api.get("/v1/connectors", headers=admin).json()["items"] == []


def test_roles_and_orgs_are_enforced(api: TestClient, auth_headers: KeyFactory) -> None:
    engineer = auth_headers("engineer")
    refused = api.post("/v1/connectors", json=GITHUB, headers=engineer)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert api.get("/v1/connectors", headers=auth_headers("sales")).status_code == 403

    assert api.post("/v1/connectors", json=GITHUB, headers=auth_headers("owner")).status_code == 201
    other_org = auth_headers("owner", org="globex")
    assert api.get("/v1/connectors", headers=other_org).json()["items"] == []
    assert api.get("/v1/connectors/gh", headers=other_org).status_code == 404
    assert api.delete("/v1/connectors/gh", headers=other_org).status_code == 404
    assert api.get("/v1/connectors/gh", headers=auth_headers("owner")).status_code == 200
