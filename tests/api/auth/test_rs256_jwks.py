"""RS256: access tokens of an external identity provider verify against its JWKS, served here
by a loopback HTTP server; users are found by email or id, orgs by slug or id."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth.tokens import TokenService
from devbizops.db import Database
from devbizops.settings import Settings
from tests.api.auth.people import add_person, bearer
from tests.api.auth.test_jwt_attacks import hs256

ISSUER = "https://idp.example.test/"
AUDIENCE = "devbizops-api"


class IdP:
    """A fake identity provider: RSA keys, a JWKS endpoint and token minting."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {"k1": self.new_key()}
        self.published = ["k1"]
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = json.dumps({"keys": [idp.jwk(kid) for kid in idp.published]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/.well-known/jwks.json"

    @staticmethod
    def new_key() -> rsa.RSAPrivateKey:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self, kid: str) -> dict[str, Any]:
        data = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.keys[kid].public_key()))
        return {**data, "kid": kid, "use": "sig", "alg": "RS256"}

    def token(self, kid: str = "k1", key: rsa.RSAPrivateKey | None = None, **claims: Any) -> str:
        now = datetime.now(UTC)
        payload = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "idp|123",
            "iat": now,
            "exp": now + timedelta(minutes=5),
            "typ": "Bearer",  # Keycloak-style: the IdP's own idea of a type
            **claims,
        }
        signer = key or self.keys[kid]
        return jwt.encode(payload, signer, algorithm="RS256", headers={"kid": kid})

    def public_pem(self) -> bytes:
        return (
            self.keys["k1"]
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )


@pytest.fixture
def idp() -> Iterator[IdP]:
    provider = IdP()
    thread = threading.Thread(target=provider.server.serve_forever, daemon=True)
    thread.start()
    yield provider
    provider.server.shutdown()
    provider.server.server_close()
    thread.join()


@pytest.fixture
def rs_api(settings: Settings, idp: IdP, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    for name, value in {
        "DEVBIZOPS_JWT_ALGORITHM": "RS256",
        "DEVBIZOPS_JWT_JWKS_URL": idp.url,
        "DEVBIZOPS_JWT_ISSUER": ISSUER,
        "DEVBIZOPS_JWT_AUDIENCE": AUDIENCE,
    }.items():
        monkeypatch.setenv(name, value)
    rs_settings = Settings(_env_file=None)  # type: ignore[call-arg]
    app = create_app(rs_settings)
    # No refetch cooldown, so a rotation shows within the test instead of after 30 seconds.
    app.state.tokens = TokenService(rs_settings, jwks_cooldown_seconds=0)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def member(db: Database) -> str:
    add_person(db, "Ana@Acme.test", orgs={"acme": "viewer", "globex": "engineer"})
    return add_person(db, "solo@acme.test", orgs={"acme": "sales"})


def me(api: TestClient, token: str) -> tuple[int, dict[str, Any]]:
    answer = api.get("/v1/me", headers=bearer(token))
    return answer.status_code, answer.json()


def test_idp_token_finds_the_user_by_email_and_the_org_by_slug(
    rs_api: TestClient, idp: IdP, member: str
) -> None:
    status, body = me(rs_api, idp.token(email="ana@acme.test", org="globex", role="owner"))
    assert status == 200, body
    assert (body["org"], body["role"], body["name"]) == ("globex", "engineer", "ana@acme.test")


def test_idp_token_by_user_id_and_without_org_uses_the_only_membership(
    rs_api: TestClient, idp: IdP, member: str
) -> None:
    status, body = me(rs_api, idp.token(sub=member))
    assert status == 200, body
    assert (body["org"], body["role"]) == ("acme", "sales")
    # Someone in two orgs must say which one.
    assert me(rs_api, idp.token(email="ana@acme.test"))[0] == 401


def test_rotated_signing_key_is_fetched_from_the_jwks(
    rs_api: TestClient, idp: IdP, member: str
) -> None:
    assert me(rs_api, idp.token(sub=member))[0] == 200
    idp.keys["k2"] = idp.new_key()
    idp.published = ["k2"]
    assert me(rs_api, idp.token(kid="k2", sub=member))[0] == 200


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda idp, sub: idp.token(key=IdP.new_key(), sub=sub), id="foreign_key"),
        pytest.param(
            lambda idp, sub: hs256(
                {
                    "iss": ISSUER,
                    "aud": AUDIENCE,
                    "sub": sub,
                    "iat": int(datetime.now(UTC).timestamp()),
                    "exp": int(datetime.now(UTC).timestamp()) + 300,
                },
                idp.public_pem(),
            ),
            id="hs256_signed_with_public_key",
        ),
        pytest.param(lambda idp, sub: idp.token(sub=sub, aud="other-api"), id="wrong_audience"),
        pytest.param(lambda idp, sub: idp.token(email="nobody@acme.test"), id="unknown_user"),
        pytest.param(lambda idp, sub: idp.token(sub=sub, org="initech"), id="not_a_member"),
        pytest.param(lambda idp, sub: idp.token(sub=sub, typ="refresh"), id="refresh_type"),
    ],
)
def test_forged_or_foreign_idp_tokens_are_401(
    rs_api: TestClient, idp: IdP, member: str, forge: Any
) -> None:
    status, body = me(rs_api, forge(idp, member))
    assert status == 401, body
    assert body["error"]["code"] == "unauthenticated"


def test_password_login_is_off_with_an_external_idp(rs_api: TestClient, member: str) -> None:
    answer = rs_api.post(
        "/v1/auth/login", json={"email": "solo@acme.test", "password": "whatever it is"}
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["details"] == {"reason": "external_idp"}


def test_unreachable_jwks_is_an_upstream_error_not_a_bad_token(
    rs_api: TestClient, idp: IdP, member: str
) -> None:
    token = idp.token(sub=member)  # the app has not fetched the key set yet
    idp.server.shutdown()
    idp.server.server_close()
    answer = rs_api.get("/v1/me", headers=bearer(token))
    assert answer.status_code == 502
    assert answer.json()["error"]["code"] == "upstream_unavailable"
