"""Forged, stale or misdirected JWTs never authenticate: each is a 401 ``unauthenticated``."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from devbizops.db import Database
from devbizops.secrets import derived_key
from devbizops.settings import Settings
from memory.repositories.orgs import OrgRepository
from memory.repositories.users import UserRepository
from tests.api.auth.people import add_person, bearer, login


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segments(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


def hs256(claims: dict[str, Any], secret: bytes) -> str:
    """An HS256 token made by hand (PyJWT refuses some keys an attacker would try)."""
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    mac = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(mac)}"


class Forge:
    """Builds attack tokens for a real user of the test org."""

    def __init__(self, settings: Settings, api: TestClient, db: Database) -> None:
        self.settings = settings
        self.api = api
        self.db = db
        self.user_id = add_person(db, "ana@acme.test", orgs={"acme": "viewer"})
        self.pair = login(api, "ana@acme.test")
        self.claims = segments(self.pair["access_token"])[1]

    def with_claims(self, **changes: Any) -> str:
        claims = {**self.claims, **changes}
        return jwt.encode(claims, derived_key(self.settings, "jwt-hs256"), algorithm="HS256")


def alg_none(f: Forge) -> str:
    head = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{head}.{b64(json.dumps(f.claims).encode())}."


def expired(f: Forge) -> str:
    past = datetime.now(UTC) - timedelta(minutes=5)
    issued = past - timedelta(minutes=15)
    return f.with_claims(iat=int(issued.timestamp()), exp=int(past.timestamp()))


def wrong_audience(f: Forge) -> str:
    return f.with_claims(aud="someone-else")


def wrong_issuer(f: Forge) -> str:
    return f.with_claims(iss="https://evil.example")


def tampered(f: Forge) -> str:
    # A longer life is a change the server would accept if only the signature did not say no.
    header, _, signature = f.pair["access_token"].split(".")
    forged = {**f.claims, "exp": f.claims["exp"] + 3600}
    return f"{header}.{b64(json.dumps(forged).encode())}.{signature}"


def other_secret(f: Forge) -> str:
    return hs256(f.claims, b"a secret that is not ours, but long enough to look real")


def refresh_as_access(f: Forge) -> str:
    return str(f.pair["refresh_token"])


def removed_member(f: Forge) -> str:
    with f.db.transaction() as session:
        org_id = OrgRepository(session).ensure("acme")
        UserRepository(session).remove_member(org_id, uuid.UUID(f.user_id))
    return str(f.pair["access_token"])


ATTACKS: dict[str, Callable[[Forge], str]] = {
    "alg_none": alg_none,
    "expired": expired,
    "wrong_audience": wrong_audience,
    "wrong_issuer": wrong_issuer,
    "tampered_payload": tampered,
    "hs256_other_secret": other_secret,
    "refresh_token_as_access": refresh_as_access,
    "user_removed_from_org": removed_member,
}


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_attack_token_is_rejected(
    attack: Callable[[Forge], str], api: TestClient, db: Database, settings: Settings
) -> None:
    forge = Forge(settings, api, db)
    assert api.get("/v1/me", headers=bearer(forge.pair["access_token"])).status_code == 200
    answer = api.get("/v1/me", headers=bearer(attack(forge)))
    assert answer.status_code == 401, answer.text
    assert answer.json()["error"]["code"] == "unauthenticated"
