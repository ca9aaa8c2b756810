"""Members and API keys over HTTP: who may grant what, keys shown once, every change audited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.auth.people import bearer, login
from tests.api.conftest import KeyFactory


def actions(api: TestClient, headers: dict[str, str]) -> list[tuple[str, str | None]]:
    page = api.get("/v1/audit", headers=headers).json()
    return [(e["action"], e["target"]) for e in page["items"]]


def test_admin_adds_a_member_who_can_then_log_in(api: TestClient, auth_headers: KeyFactory) -> None:
    admin = auth_headers("admin")
    body = {"email": "New@Acme.test", "role": "engineer", "name": "New", "password": "x" * 16}
    added = api.post("/v1/members", json=body, headers=admin)
    assert added.status_code == 201, added.text
    member = added.json()
    assert (member["email"], member["role"], member["has_password"]) == (
        "new@acme.test",
        "engineer",
        True,
    )
    assert login(api, "new@acme.test", "x" * 16)["role"] == "engineer"
    again = api.post("/v1/members", json=body, headers=admin)
    assert again.status_code == 409
    listed = api.get("/v1/members", headers=admin).json()
    assert [m["email"] for m in listed] == ["new@acme.test"]
    user_id = member["user_id"]
    assert actions(api, admin) == [("auth.login", user_id), ("members.add", user_id)]


def test_admins_cannot_create_or_touch_owners(api: TestClient, auth_headers: KeyFactory) -> None:
    owner, admin = auth_headers("owner"), auth_headers("admin")
    made_owner = api.post(
        "/v1/members", json={"email": "boss@acme.test", "role": "owner"}, headers=admin
    )
    assert made_owner.status_code == 403
    boss = api.post(
        "/v1/members", json={"email": "boss@acme.test", "role": "owner"}, headers=owner
    ).json()
    worker = api.post(
        "/v1/members", json={"email": "w@acme.test", "role": "viewer"}, headers=admin
    ).json()
    assert (
        api.patch(
            f"/v1/members/{worker['user_id']}", json={"role": "owner"}, headers=admin
        ).status_code
        == 403
    )
    assert api.delete(f"/v1/members/{boss['user_id']}", headers=admin).status_code == 403
    assert (
        api.post("/v1/apikeys", json={"name": "root", "role": "owner"}, headers=admin).status_code
        == 403
    )


def test_role_change_and_removal_take_effect_on_the_next_request(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    admin = auth_headers("admin")
    body = {"email": "eve@acme.test", "role": "admin", "password": "p" * 16}
    eve = api.post("/v1/members", json=body, headers=admin).json()
    token = bearer(login(api, "eve@acme.test", "p" * 16)["access_token"])
    assert api.get("/v1/members", headers=token).status_code == 200

    changed = api.patch(f"/v1/members/{eve['user_id']}", json={"role": "viewer"}, headers=admin)
    assert changed.status_code == 200 and changed.json()["role"] == "viewer"
    assert api.get("/v1/members", headers=token).status_code == 403  # same token, new role

    assert api.delete(f"/v1/members/{eve['user_id']}", headers=admin).status_code == 204
    assert api.get("/v1/me", headers=token).status_code == 401
    assert api.delete(f"/v1/members/{eve['user_id']}", headers=admin).status_code == 404
    assert [a for a, _ in actions(api, admin)] == [
        "members.remove",
        "members.role_change",
        "auth.login",
        "members.add",
    ]


def test_the_last_owner_stays(api: TestClient, auth_headers: KeyFactory) -> None:
    owner = auth_headers("owner")
    body = {"email": "boss@acme.test", "role": "owner"}
    boss = api.post("/v1/members", json=body, headers=owner).json()
    demote = api.patch(f"/v1/members/{boss['user_id']}", json={"role": "admin"}, headers=owner)
    assert demote.status_code == 409


def test_api_key_is_shown_once_works_and_can_be_revoked(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    admin = auth_headers("admin")
    created = api.post("/v1/apikeys", json={"name": "slack-bot", "role": "sales"}, headers=admin)
    assert created.status_code == 201, created.text
    key, prefix = created.json()["key"], created.json()["prefix"]
    assert key.startswith(prefix + "_")
    me = api.get("/v1/me", headers={"X-Api-Key": key}).json()
    assert (me["kind"], me["name"], me["role"]) == ("apikey", "slack-bot", "sales")

    listed = {k["prefix"]: k for k in api.get("/v1/apikeys", headers=admin).json()}
    assert "key" not in listed[prefix] and listed[prefix]["last_used_at"] is not None

    assert api.delete(f"/v1/apikeys/{prefix}", headers=admin).status_code == 204
    assert api.get("/v1/me", headers={"X-Api-Key": key}).status_code == 401
    assert api.delete(f"/v1/apikeys/{prefix}", headers=admin).status_code == 204  # no change
    assert api.delete("/v1/apikeys/dbo_00000000", headers=admin).status_code == 404
    revokes = [t for a, t in actions(api, admin) if a == "apikeys.revoke"]
    assert revokes == [prefix]
    assert ("apikeys.create", prefix) in actions(api, admin)


def test_keys_and_members_of_another_org_are_invisible(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    ours, theirs = auth_headers("admin", org="acme"), auth_headers("admin", org="globex")
    key = api.post("/v1/apikeys", json={"name": "ci", "role": "viewer"}, headers=theirs).json()
    member = api.post(
        "/v1/members", json={"email": "g@globex.test", "role": "viewer"}, headers=theirs
    ).json()
    assert api.delete(f"/v1/apikeys/{key['prefix']}", headers=ours).status_code == 404
    assert api.delete(f"/v1/members/{member['user_id']}", headers=ours).status_code == 404
    assert all(k["prefix"] != key["prefix"] for k in api.get("/v1/apikeys", headers=ours).json())
