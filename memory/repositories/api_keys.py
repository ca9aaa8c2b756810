"""API keys of service accounts: stored as SHA-256 digests, shown in full only once."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from memory.models import Organization
from memory.service_models import ApiKey

KEY_SCHEME = "dbo"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def new_key() -> tuple[str, str]:
    """A fresh key and its public prefix: ``dbo_<8 hex>_<43 url-safe chars>``."""
    prefix = f"{KEY_SCHEME}_{secrets.token_hex(4)}"
    return f"{prefix}_{secrets.token_urlsafe(32)}", prefix


def digest(key: str) -> str:
    """SHA-256 of the key. Keys are 256-bit random, so a fast hash is enough."""
    return hashlib.sha256(key.encode()).hexdigest()


def looks_like_key(value: str) -> bool:
    """Whether a credential is one of our API keys (rather than a JWT)."""
    return value.startswith(f"{KEY_SCHEME}_") and value.count("_") >= 2


class ApiKeyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def create(
        self, org_id: uuid.UUID, name: str, role: str, created_by: str
    ) -> tuple[ApiKey, str]:
        """Store a new key; returns the row and the plaintext key (not stored anywhere)."""
        key, prefix = new_key()
        row = ApiKey(
            id=uuid.uuid4(),
            org_id=org_id,
            name=name,
            role=role,
            prefix=prefix,
            key_hash=digest(key),
            created_by=created_by,
        )
        self.session.add(row)
        self.session.flush()
        return row, key

    def authenticate(self, key: str) -> tuple[ApiKey, Organization] | None:
        """The active key matching ``key`` and its org, marking it used; None if unknown/revoked."""
        found = self.session.execute(
            select(ApiKey, Organization)
            .join(Organization, Organization.id == ApiKey.org_id)
            .where(ApiKey.key_hash == digest(key), ApiKey.revoked_at.is_(None))
        ).one_or_none()
        if found is None:
            return None
        row, org = found
        stamp = datetime.now(UTC)
        # A write per request would cost more than the lookup; minute resolution is enough.
        if row.last_used_at is None or stamp - row.last_used_at > LAST_USED_RESOLUTION:
            row.last_used_at = stamp
        return row, org

    def list(self, org_id: uuid.UUID) -> Sequence[ApiKey]:
        """The org's keys, newest first (revoked ones included, marked by ``revoked_at``)."""
        return (
            self.session.execute(
                select(ApiKey).where(ApiKey.org_id == org_id).order_by(ApiKey.created_at.desc())
            )
            .scalars()
            .all()
        )

    def find(self, org_id: uuid.UUID, prefix: str) -> ApiKey | None:
        """The org's key with this prefix, revoked or not."""
        return self.session.execute(
            select(ApiKey).where(ApiKey.org_id == org_id, ApiKey.prefix == prefix)
        ).scalar_one_or_none()

    def revoke(self, org_id: uuid.UUID, prefix: str) -> bool:
        """Revoke the org's key with this prefix; False when there is no such active key."""
        result = self.session.execute(
            update(ApiKey)
            .where(ApiKey.org_id == org_id, ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        return bool(getattr(result, "rowcount", 0))
