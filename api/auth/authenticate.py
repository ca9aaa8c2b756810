"""Turn a request's credentials (API key or JWT access token) into a ``Principal``."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal
from api.auth.tokens import Claims, TokenService
from devbizops.errors import Unauthenticated
from memory.models import Membership, Organization, User
from memory.repositories.api_keys import ApiKeyRepository, looks_like_key


def credential(api_key_header: str | None, authorization: str | None) -> str:
    """The credential a request carries: ``X-Api-Key`` or ``Authorization: Bearer …``."""
    if api_key_header:
        return api_key_header.strip()
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        raise Unauthenticated("the Authorization header must be 'Bearer <token or API key>'")
    raise Unauthenticated("credentials required: send X-Api-Key or Authorization: Bearer")


def authenticate(session: Session, tokens: TokenService, value: str) -> Principal:
    """The principal behind an API key or an access token; ``Unauthenticated`` otherwise."""
    if looks_like_key(value):
        found = ApiKeyRepository(session).authenticate(value)
        if found is None:
            raise Unauthenticated("unknown or revoked API key", details={"reason": "api_key"})
        key, org = found
        return Principal(org.id, org.slug, key.role, "apikey", key.id, key.name)
    return _from_claims(session, tokens.decode(value, "access"))


def _from_claims(session: Session, claims: Claims) -> Principal:
    """Resolve user and org; the role is the membership's *current* one, not the token's."""
    user = _user(session, claims)
    stmt = (
        select(Membership.role, Organization)
        .join(Organization, Organization.id == Membership.org_id)
        .where(Membership.user_id == user.id)
    )
    if claims.org:
        stmt = stmt.where(
            Organization.id == _uuid(claims.org)
            if _is_uuid(claims.org)
            else Organization.slug == claims.org
        )
    # Without an org claim (an IdP that knows nothing of our tenants) one membership decides.
    rows = session.execute(stmt.limit(2)).all()
    if len(rows) != 1:
        reason = "the token's user is not a member of its organization"
        if len(rows) > 1:
            reason = "the token names no organization and the user belongs to several"
        raise Unauthenticated(reason, details={"reason": "membership"})
    role, org = rows[0]
    return Principal(org.id, org.slug, role, "user", user.id, user.email)


def _user(session: Session, claims: Claims) -> User:
    user: User | None = None
    if _is_uuid(claims.subject):
        user = session.get(User, _uuid(claims.subject))
    if user is None and claims.email:  # an external IdP names users by email
        user = session.execute(
            select(User).where(User.email == claims.email.lower())
        ).scalar_one_or_none()
    if user is None:
        raise Unauthenticated("the token's user does not exist")
    return user


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _uuid(value: str) -> uuid.UUID:
    return uuid.UUID(value)
