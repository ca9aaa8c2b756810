"""Create people with passwords and log them in, for the auth tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.auth.passwords import hash_password
from devbizops.db import Database
from memory.repositories.orgs import OrgRepository
from memory.repositories.users import UserRepository

PASSWORD = "correct horse battery staple"


def add_person(
    db: Database,
    email: str,
    *,
    orgs: dict[str, str],
    password: str | None = PASSWORD,
    name: str = "",
) -> str:
    """A user with ``orgs`` {slug: role} memberships; returns the user id."""
    with db.transaction() as session:
        users = UserRepository(session)
        user = users.create(email, name, hash_password(password) if password else None)
        for slug, role in orgs.items():
            users.add_member(OrgRepository(session).ensure(slug), user.id, role)
        return str(user.id)


def login(api: TestClient, email: str, password: str = PASSWORD, **extra: Any) -> dict[str, Any]:
    """The token pair of a successful login (asserts it succeeded)."""
    answer = api.post("/v1/auth/login", json={"email": email, "password": password, **extra})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
