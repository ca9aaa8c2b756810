"""The permission matrix, proven over every route the app has — including routes added later.

Each route declares its permission with ``require(...)``; this test reads that mark from the
route's dependencies, then calls the route without credentials (401), with a key of every role
lacking the permission (403) and of every role holding it (anything but 401/403: dummy path
parameters and empty bodies give 404/422, which is fine — the gate let the caller through).
A ``/v1`` route without ``require`` fails the test unless it is listed in ``OPEN`` with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from api.auth.permissions import Permission, allows
from api.deps import required_permission
from devbizops.db import Database
from memory.models import ROLES
from tests.api.conftest import issue_key

# Routes that authenticate the caller in another way, on purpose.
OPEN: dict[tuple[str, str], str] = {
    ("POST", "/v1/auth/login"): "exchanges a password for tokens",
    ("POST", "/v1/auth/refresh"): "exchanges a refresh token for tokens",
    ("POST", "/v1/webhooks/github"): "HMAC signature (X-Hub-Signature-256)",
    ("POST", "/v1/webhooks/jira"): "shared-secret signature",
    ("POST", "/v1/webhooks/crm"): "HubSpot v3 signature",
}
OPEN_PREFIXES = ("/v1/webhooks/", "/v1/slack/")  # signature-verified callers from vendors
DUMMY = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True)
class Gate:
    method: str
    path: str
    marked: bool
    permissions: frozenset[Permission | None]

    @property
    def url(self) -> str:
        return re.sub(r"\{[^}]+\}", DUMMY, self.path)

    def admits(self, role: str) -> bool:
        return all(p is None or allows(role, p) for p in self.permissions)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _calls(dependant: Any) -> Iterator[Any]:
    for sub in getattr(dependant, "dependencies", []):
        yield sub.call
        yield from _calls(sub)


def gates(app: FastAPI) -> list[Gate]:
    """Every HTTP route of the app with the permissions its ``require`` dependencies demand."""
    found: list[Gate] = []
    for ctx in iter_route_contexts(app.routes):
        path, methods = ctx.path, ctx.methods or set()
        dependants = {
            id(d): d
            for d in (
                getattr(ctx, "dependant", None),
                getattr(ctx.original_route, "dependant", None),
            )
            if d
        }
        marks = [required_permission(c) for d in dependants.values() for c in _calls(d)]
        permissions = frozenset(p for marked, p in marks if marked)
        marked = any(m for m, _ in marks)
        for method in sorted(methods - {"HEAD", "OPTIONS"}):
            if path and (path.startswith("/v1/") or marked):
                found.append(Gate(method, path, marked, permissions))
    return found


def exempt(gate: Gate) -> bool:
    return (gate.method, gate.path) in OPEN or gate.path.startswith(OPEN_PREFIXES)


def test_every_v1_route_requires_a_permission(api_app: FastAPI) -> None:
    unguarded = [str(g) for g in gates(api_app) if not g.marked and not exempt(g)]
    assert not unguarded, (
        "routes without `require(Permission.X)`: add it to the route's principal parameter, "
        f"or list the route in OPEN with the reason it is open: {unguarded}"
    )
    assert set(OPEN) <= {(g.method, g.path) for g in gates(api_app)}, "stale OPEN entries"


def test_a_route_added_without_require_is_caught(api_app: FastAPI) -> None:
    @api_app.get("/v1/forgotten/{item_id}")
    def forgotten(item_id: str) -> dict[str, str]:
        return {"item": item_id}

    flagged = [g for g in gates(api_app) if not g.marked and not exempt(g)]
    assert [str(g) for g in flagged] == ["GET /v1/forgotten/{item_id}"]


def test_each_role_gets_exactly_its_permissions_on_every_route(
    api_app: FastAPI, db: Database
) -> None:
    keys = {role: {"X-Api-Key": issue_key(db, "rbac", role)} for role in ROLES}
    checked = [g for g in gates(api_app) if g.marked]
    assert len(checked) >= 20, "the app has fewer guarded routes than the auth routes alone"
    wrong: list[str] = []
    with TestClient(api_app) as client:
        for gate in checked:
            anonymous = client.request(gate.method, gate.url)
            if anonymous.status_code != 401:
                wrong.append(f"{gate} without credentials: {anonymous.status_code}")
            for role, headers in keys.items():
                status = client.request(gate.method, gate.url, headers=headers).status_code
                if gate.admits(role) and status in (401, 403):
                    wrong.append(f"{gate} as {role}: {status}, the role holds the permission")
                if not gate.admits(role) and status != 403:
                    wrong.append(f"{gate} as {role}: {status}, expected 403")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_me_lists_exactly_the_roles_permissions(api: TestClient, db: Database, role: str) -> None:
    me = api.get("/v1/me", headers={"X-Api-Key": issue_key(db, "rbac", role)}).json()
    assert me["permissions"] == sorted(p.value for p in Permission if allows(role, p))
