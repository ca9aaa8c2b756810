"""Refresh tokens rotate; a spent one presented again revokes the session; logout ends it."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.auth.service import SessionService
from api.auth.tokens import TokenService
from devbizops.db import Database
from devbizops.errors import Unauthenticated
from devbizops.settings import Settings
from memory.models import AuditLog
from memory.repositories.orgs import OrgRepository
from memory.repositories.users import UserRepository
from tests.api.auth.people import add_person, bearer, login


def refresh(api: TestClient, token: str) -> tuple[int, dict[str, Any]]:
    answer = api.post("/v1/auth/refresh", json={"refresh_token": token})
    return answer.status_code, answer.json()


def test_refresh_rotates_and_each_refresh_token_works_once(api: TestClient, db: Database) -> None:
    add_person(db, "ana@acme.test", orgs={"acme": "sales"})
    first = login(api, "ana@acme.test")
    status, second = refresh(api, first["refresh_token"])
    assert status == 200, second
    assert second["refresh_token"] != first["refresh_token"] and second["role"] == "sales"
    assert api.get("/v1/me", headers=bearer(str(second["access_token"]))).status_code == 200
    status, third = refresh(api, str(second["refresh_token"]))
    assert status == 200, third


def test_reusing_a_spent_refresh_token_revokes_the_whole_family(
    api: TestClient, db: Database
) -> None:
    add_person(db, "ana@acme.test", orgs={"acme": "admin"})
    stolen = login(api, "ana@acme.test")["refresh_token"]
    status, rotated = refresh(api, stolen)
    assert status == 200

    status, body = refresh(api, stolen)  # the thief (or the victim) replays the spent token
    assert status == 401
    assert body["error"]["code"] == "unauthenticated"
    assert body["error"]["details"] == {"reason": "reused"}
    status, _ = refresh(api, str(rotated["refresh_token"]))  # the rotated one died with it
    assert status == 401

    admin = login(api, "ana@acme.test")
    page = api.get("/v1/audit", headers=bearer(admin["access_token"])).json()
    assert [e["action"] for e in page["items"]][:2] == ["auth.login", "auth.refresh_reuse"]


def test_logout_ends_the_session_and_is_repeatable(api: TestClient, db: Database) -> None:
    add_person(db, "ana@acme.test", orgs={"acme": "viewer"})
    pair = login(api, "ana@acme.test")
    headers = bearer(pair["access_token"])
    body = {"refresh_token": pair["refresh_token"]}
    assert api.post("/v1/auth/logout", json=body, headers=headers).status_code == 204
    assert api.post("/v1/auth/logout", json=body, headers=headers).status_code == 204
    assert refresh(api, pair["refresh_token"])[0] == 401
    with db.transaction() as session:
        actions = session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions.count("auth.logout") == 1


def test_nobody_logs_out_someone_else(api: TestClient, db: Database) -> None:
    add_person(db, "ana@acme.test", orgs={"acme": "viewer"})
    add_person(db, "bob@acme.test", orgs={"acme": "viewer"})
    ana, bob = login(api, "ana@acme.test"), login(api, "bob@acme.test")
    answer = api.post(
        "/v1/auth/logout",
        json={"refresh_token": ana["refresh_token"]},
        headers=bearer(bob["access_token"]),
    )
    assert answer.status_code == 403
    assert refresh(api, ana["refresh_token"])[0] == 200


def test_refresh_stops_when_the_user_leaves_the_org(api: TestClient, db: Database) -> None:
    user_id = add_person(db, "ana@acme.test", orgs={"acme": "engineer"})
    pair = login(api, "ana@acme.test")
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure("acme")
        assert UserRepository(session).remove_member(org_id, uuid.UUID(user_id))
    status, body = refresh(api, pair["refresh_token"])
    assert status == 401 and body["error"]["details"] == {"reason": "membership"}


def test_two_simultaneous_refreshes_with_one_token_cannot_both_win(
    api: TestClient, db: Database, settings: Settings
) -> None:
    add_person(db, "ana@acme.test", orgs={"acme": "viewer"})
    token = login(api, "ana@acme.test")["refresh_token"]
    sessions = SessionService(db, TokenService(settings))
    start = threading.Barrier(2)

    def attempt() -> str:
        start.wait()
        try:
            sessions.refresh(token)
        except Unauthenticated as exc:
            return str(exc.details["reason"])
        return "ok"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(lambda _: attempt(), range(2)))
    assert outcomes == ["ok", "reused"]
