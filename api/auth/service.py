"""Sessions of people: password login, refresh-token rotation with reuse detection, logout."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import cast

from sqlalchemy.orm import Session

from api.auth.passwords import hasher, needs_rehash, verify
from api.auth.principal import Principal
from api.auth.schemas import LoginIn, Role, TokenPair
from api.auth.tokens import TokenService
from devbizops.db import Database
from devbizops.errors import DevBizOpsError, Forbidden, InvalidInput, Unauthenticated
from memory.models import Organization, User
from memory.repositories.audit import AuditRepository
from memory.repositories.refresh_tokens import RefreshTokenRepository
from memory.repositories.users import UserRepository, normal_email

# One message for unknown users and wrong passwords: the answer must not reveal who has an account.
LOGIN_FAILED = "wrong email or password"


def email_digest(email: str) -> str:
    """How audit rows name a person without storing the address in clear."""
    return hashlib.sha256(normal_email(email).encode()).hexdigest()


class SessionService:
    def __init__(self, db: Database, tokens: TokenService) -> None:
        self.db = db
        self.tokens = tokens

    def login(self, body: LoginIn) -> TokenPair:
        """Check the password and open a session (a new refresh-token family) in one org."""
        if self.tokens.settings.jwt_algorithm != "HS256":
            raise Forbidden(
                "password login is off: access tokens come from the identity provider (RS256)",
                details={"reason": "external_idp"},
            )
        failure: DevBizOpsError
        with self.db.transaction() as session:
            user = UserRepository(session).by_email(body.email)
            if user is None or not verify(user.password_hash, body.password):
                AuditRepository(session).record(
                    None,
                    "anonymous",
                    "auth.login_failed",
                    details={"email_sha256": email_digest(body.email)},
                )
                failure = Unauthenticated(LOGIN_FAILED, details={"reason": "login"})
            else:
                org, role = self._choose_org(session, user, body.org)
                if user.password_hash and needs_rehash(user.password_hash):
                    user.password_hash = hasher().hash(body.password)
                pair = self._open(session, user, org, role, family=uuid.uuid4())
                AuditRepository(session).record(
                    org.id, f"user:{user.email}", "auth.login", target=str(user.id)
                )
                return pair
        raise failure

    def refresh(self, token: str) -> TokenPair:
        """A new pair for a valid refresh token, which is spent. Presenting a spent token again
        means it was stolen or replayed: the whole family is revoked and the caller must log in."""
        claims = self.tokens.decode(token, "refresh")
        jti = _jti(claims.jti)
        failure: DevBizOpsError
        with self.db.transaction() as session:
            repo = RefreshTokenRepository(session)
            row = repo.lock(jti)
            if row is None or row.revoked_at is not None:
                failure = Unauthenticated("refresh token revoked", details={"reason": "revoked"})
            elif row.used_at is not None:
                revoked = repo.revoke_family(row.family)
                AuditRepository(session).record(
                    row.org_id,
                    f"user-id:{row.user_id}",
                    "auth.refresh_reuse",
                    target=str(row.user_id),
                    details={"family": str(row.family), "revoked": revoked},
                )
                failure = Unauthenticated(
                    "refresh token already used: the session is revoked, log in again",
                    details={"reason": "reused"},
                )
            else:
                users = UserRepository(session)
                membership = users.membership(row.org_id, row.user_id)
                user = session.get(User, row.user_id)
                org = session.get(Organization, row.org_id)
                if membership is None or user is None or org is None:
                    repo.revoke_family(row.family)
                    failure = Unauthenticated(
                        "the user is no longer a member of the organization",
                        details={"reason": "membership"},
                    )
                else:
                    row.used_at = datetime.now(UTC)
                    return self._open(session, user, org, membership.role, family=row.family)
        raise failure

    def logout(self, principal: Principal, token: str) -> None:
        """Revoke the session (refresh-token family) the token belongs to; repeatable."""
        claims = self.tokens.decode(token, "refresh")
        with self.db.transaction() as session:
            repo = RefreshTokenRepository(session)
            row = repo.lock(_jti(claims.jti))
            if row is None:
                raise Unauthenticated("unknown refresh token", details={"reason": "revoked"})
            if principal.kind != "user" or row.user_id != principal.subject_id:
                raise Forbidden("this refresh token belongs to another session")
            revoked = repo.revoke_family(row.family)
            if revoked:
                AuditRepository(session).record(
                    row.org_id, principal.actor, "auth.logout", target=str(row.user_id)
                )

    def _choose_org(
        self, session: Session, user: User, wanted: str | None
    ) -> tuple[Organization, str]:
        memberships = UserRepository(session).memberships(user.id)
        if wanted is not None:
            for org, role in memberships:
                if org.slug == wanted or str(org.id) == wanted:
                    return org, role
            raise Forbidden(f"you are not a member of {wanted!r}", details={"org": wanted})
        if len(memberships) == 1:
            return memberships[0]
        if not memberships:
            raise Forbidden("you are not a member of any organization")
        slugs = [org.slug for org, _ in memberships]
        raise InvalidInput(
            "you belong to several organizations: say which one with 'org'",
            details={"orgs": slugs},
        )

    def _open(
        self, session: Session, user: User, org: Organization, role: str, family: uuid.UUID
    ) -> TokenPair:
        """Issue an access token and a refresh token of ``family`` (recorded by its jti)."""
        jti = uuid.uuid4()
        refresh, refresh_expires = self.tokens.issue("refresh", user.id, org.id, jti=jti)
        access, _ = self.tokens.issue("access", user.id, org.id, role=role)
        RefreshTokenRepository(session).add(jti, family, user.id, org.id, refresh_expires)
        return TokenPair(
            access_token=access,
            refresh_token=refresh,
            expires_in=self.tokens.settings.access_token_ttl_seconds,
            org=org.slug,
            role=cast(Role, role),
        )


def _jti(value: str | None) -> uuid.UUID:
    try:
        return uuid.UUID(value or "")
    except ValueError as exc:
        raise Unauthenticated("malformed refresh token", details={"reason": "jti"}) from exc
