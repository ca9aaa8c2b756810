"""JWT access and refresh tokens: HS256 with a key derived from the master secret, or RS256
verified against an external identity provider's JWKS."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import jwt

from devbizops.errors import ConfigurationError, Unauthenticated, UpstreamError
from devbizops.secrets import derived_key
from devbizops.settings import Settings

TokenType = Literal["access", "refresh"]
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]


@dataclass(frozen=True)
class Claims:
    subject: str  # our user id (HS256) or the IdP's subject (RS256)
    org: str | None  # org id (ours) or slug claim (IdP)
    role: str | None
    token_type: TokenType
    jti: str | None
    expires_at: datetime
    email: str | None = None


class TokenService:
    def __init__(self, settings: Settings, *, jwks_cooldown_seconds: float = 30.0) -> None:
        self.settings = settings
        # An unknown ``kid`` refetches the IdP's key set (key rotation), at most once per
        # cooldown, so tokens with made-up kids cannot hammer the IdP through us.
        self.jwks_cooldown_seconds = jwks_cooldown_seconds
        self._jwks: jwt.PyJWKClient | None = None

    def _signing_key(self) -> bytes:
        return derived_key(self.settings, "jwt-hs256")

    def issue(
        self,
        token_type: TokenType,
        subject: uuid.UUID,
        org_id: uuid.UUID,
        *,
        role: str | None = None,
        jti: uuid.UUID | None = None,
        ttl_seconds: int | None = None,
    ) -> tuple[str, datetime]:
        """A signed token and its expiry. Only HS256 tokens are issued here."""
        if self.settings.jwt_algorithm != "HS256":
            raise ConfigurationError(
                "password login issues HS256 tokens; with RS256 the identity provider issues them"
            )
        now = datetime.now(UTC)
        if ttl_seconds is None:
            ttl_seconds = (
                self.settings.access_token_ttl_seconds
                if token_type == "access"
                else self.settings.refresh_token_ttl_seconds
            )
        expires = now + timedelta(seconds=ttl_seconds)
        claims: dict[str, Any] = {
            "iss": self.settings.jwt_issuer,
            "aud": self.settings.jwt_audience,
            "sub": str(subject),
            "org": str(org_id),
            "typ": token_type,
            "iat": now,
            "exp": expires,
            "jti": str(jti or uuid.uuid4()),
        }
        if role is not None:
            claims["role"] = role
        token = jwt.encode(claims, self._signing_key(), algorithm="HS256")
        return token, expires

    def decode(self, token: str, expected: TokenType) -> Claims:
        """Verify signature, algorithm, expiry, issuer, audience, type; else ``Unauthenticated``."""
        algorithm = self.settings.jwt_algorithm
        try:
            key: Any = self._verification_key(token, algorithm)
            data = jwt.decode(
                token,
                key,
                algorithms=[algorithm],  # never taken from the token header: no "none", no mixing
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                options={"require": REQUIRED_CLAIMS},
                leeway=5,
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("token expired", details={"reason": "expired"}) from exc
        except jwt.PyJWKClientConnectionError as exc:
            # The IdP's key set is unreachable: our outage, not the caller's fault.
            raise UpstreamError(
                "cannot fetch the identity provider's JWKS", details={"reason": "jwks"}
            ) from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated(
                f"invalid token: {exc}", details={"reason": type(exc).__name__}
            ) from exc
        # Only our own refresh tokens say "refresh"; an IdP's access token carries no ``typ`` or
        # one of its own ("Bearer", "at+jwt"), and is an access token either way.
        token_type: TokenType = "refresh" if data.get("typ") == "refresh" else "access"
        if token_type != expected:
            raise Unauthenticated(
                f"a {token_type} token cannot be used here", details={"reason": "wrong_type"}
            )
        return Claims(
            subject=str(data["sub"]),
            org=_text(data.get("org")),
            role=data.get("role"),
            token_type=token_type,
            jti=data.get("jti"),
            expires_at=datetime.fromtimestamp(int(data["exp"]), UTC),
            email=_text(data.get("email")),
        )

    def _verification_key(self, token: str, algorithm: str) -> Any:
        if algorithm == "HS256":
            return self._signing_key()
        if self.settings.jwt_jwks_url is None:
            raise ConfigurationError("DEVBIZOPS_JWT_ALGORITHM=RS256 needs DEVBIZOPS_JWT_JWKS_URL")
        if self._jwks is None:
            self._jwks = jwt.PyJWKClient(
                self.settings.jwt_jwks_url,
                cache_keys=True,
                timeout=10,
                cooldown_duration=self.jwks_cooldown_seconds,
            )
        return self._jwks.get_signing_key_from_jwt(token).key


def _text(value: Any) -> str | None:
    """A claim as text; IdPs may send numbers, and anything else is ignored."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    return None
