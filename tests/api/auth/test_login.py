"""Password login: tokens for the right org, one answer for every failure, Argon2 rehash."""

from __future__ import annotations

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.auth.passwords import verify
from devbizops.db import Database
from memory.models import AuditLog, User
from tests.api.auth.people import PASSWORD, add_person, bearer, login


def test_login_gives_tokens_that_identify_the_user_in_the_org(
    api: TestClient, db: Database
) -> None:
    add_person(db, "Ana@Acme.test", orgs={"acme": "engineer"})
    pair = login(api, "ana@acme.test")
    assert pair["token_type"] == "bearer" and pair["org"] == "acme" and pair["role"] == "engineer"
    assert pair["expires_in"] > 0

    me = api.get("/v1/me", headers=bearer(pair["access_token"]))
    assert me.status_code == 200, me.text
    body = me.json()
    assert body["org"] == "acme" and body["role"] == "engineer" and body["kind"] == "user"
    assert body["name"] == "ana@acme.test"
    assert "runs:approve" in body["permissions"] and "audit:read" not in body["permissions"]


def test_unknown_user_and_wrong_password_get_the_same_answer(api: TestClient, db: Database) -> None:
    add_person(db, "ana@acme.test", orgs={"acme": "viewer"})
    add_person(db, "invited@acme.test", orgs={"acme": "viewer"}, password=None)
    answers = [
        api.post("/v1/auth/login", json={"email": email, "password": password})
        for email, password in [
            ("ana@acme.test", "not the password"),
            ("nobody@acme.test", PASSWORD),
            ("invited@acme.test", PASSWORD),
        ]
    ]
    assert {a.status_code for a in answers} == {401}
    assert len({a.text for a in answers}) == 1
    assert answers[0].json()["error"]["code"] == "unauthenticated"
    with db.transaction() as session:
        failed = session.scalars(select(AuditLog).where(AuditLog.action == "auth.login_failed"))
        rows = list(failed)
    assert len(rows) == 3 and all("ana@" not in str(r.details) for r in rows)


def test_a_member_of_several_orgs_names_one(api: TestClient, db: Database) -> None:
    add_person(db, "sam@multi.test", orgs={"acme": "admin", "globex": "viewer"})
    unclear = api.post("/v1/auth/login", json={"email": "sam@multi.test", "password": PASSWORD})
    assert unclear.status_code == 422
    assert unclear.json()["error"]["details"]["orgs"] == ["acme", "globex"]

    pair = login(api, "sam@multi.test", org="globex")
    assert (pair["org"], pair["role"]) == ("globex", "viewer")
    me = api.get("/v1/me", headers=bearer(pair["access_token"])).json()
    assert me["org"] == "globex" and me["permissions"] == sorted(me["permissions"])
    outsider = api.post(
        "/v1/auth/login", json={"email": "sam@multi.test", "password": PASSWORD, "org": "initech"}
    )
    assert outsider.status_code == 403


def test_login_is_audited_in_the_org(api: TestClient, db: Database) -> None:
    user_id = add_person(db, "ana@acme.test", orgs={"acme": "admin"})
    pair = login(api, "ana@acme.test")
    page = api.get("/v1/audit?action=auth.login", headers=bearer(pair["access_token"])).json()
    assert [(e["actor"], e["target"]) for e in page["items"]] == [("user:ana@acme.test", user_id)]


def test_a_hash_with_old_parameters_is_replaced_at_login(api: TestClient, db: Database) -> None:
    add_person(db, "ana@acme.test", orgs={"acme": "viewer"})
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with db.transaction() as session:
        user = session.scalars(select(User).where(User.email == "ana@acme.test")).one()
        user.password_hash = weak
    login(api, "ana@acme.test")
    with db.transaction() as session:
        stored = session.scalars(select(User.password_hash)).one()
    assert stored != weak and stored is not None and verify(stored, PASSWORD)
    assert "m=8192" not in stored
