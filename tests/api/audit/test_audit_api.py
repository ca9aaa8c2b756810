"""``GET /v1/audit``: the org's rows, newest first, filtered and paged with a cursor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from devbizops.db import Database
from memory.models import AuditLog
from memory.repositories.audit import AuditRepository
from memory.repositories.orgs import OrgRepository
from tests.api.conftest import KeyFactory


def seed(db: Database, org: str, actions: list[str]) -> None:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
        for action in actions:
            AuditRepository(session).record(org_id, "tests", action, target=f"{org}:{action}")


def test_pages_newest_first_with_a_cursor(
    api: TestClient, db: Database, auth_headers: KeyFactory
) -> None:
    headers = auth_headers("admin")
    seed(db, "acme", [f"step.{n}" for n in range(5)])
    seed(db, "globex", ["step.secret"])
    seen: list[str] = []
    cursor: int | None = None
    while True:
        params = {"limit": 2} if cursor is None else {"limit": 2, "before_id": cursor}
        page = api.get("/v1/audit", params=params, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        seen += [e["action"] for e in body["items"]]
        cursor = body["next_before_id"]
        if cursor is None:
            break
    assert seen == [f"step.{n}" for n in reversed(range(5))]


def test_filters_by_action_and_time(
    api: TestClient, db: Database, auth_headers: KeyFactory
) -> None:
    headers = auth_headers("owner")
    seed(db, "acme", ["old.thing", "apikeys.create", "apikeys.create"])
    week_ago = datetime.now(UTC) - timedelta(days=7)
    with db.transaction() as session:
        session.execute(
            update(AuditLog).where(AuditLog.action == "old.thing").values(created_at=week_ago)
        )
    created = api.get("/v1/audit", params={"action": "apikeys.create"}, headers=headers).json()
    assert [e["action"] for e in created["items"]] == ["apikeys.create"] * 2
    since = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    recent = api.get("/v1/audit", params={"since": since}, headers=headers).json()
    assert "old.thing" not in [e["action"] for e in recent["items"]]
    assert len(recent["items"]) == 2


def test_only_admins_and_owners_read_it(api: TestClient, auth_headers: KeyFactory) -> None:
    answer = api.get("/v1/audit", headers=auth_headers("engineer"))
    assert answer.status_code == 403
    bad_cursor = api.get("/v1/audit", params={"before_id": 0}, headers=auth_headers("admin"))
    assert bad_cursor.status_code == 422
