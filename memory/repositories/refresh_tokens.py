"""Refresh tokens: one row per issued token (its ``jti``), grouped in rotation families."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from memory.service_models import RefreshToken


class RefreshTokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        jti: uuid.UUID,
        family: uuid.UUID,
        user_id: uuid.UUID,
        org_id: uuid.UUID,
        expires_at: datetime,
    ) -> RefreshToken:
        row = RefreshToken(
            id=jti, family=family, user_id=user_id, org_id=org_id, expires_at=expires_at
        )
        self.session.add(row)
        self.session.flush()
        return row

    def lock(self, jti: uuid.UUID) -> RefreshToken | None:
        """The token row, locked: two concurrent refreshes with one token cannot both win."""
        return self.session.execute(
            select(RefreshToken).where(RefreshToken.id == jti).with_for_update()
        ).scalar_one_or_none()

    def revoke_family(self, family: uuid.UUID) -> int:
        """Revoke every still-valid token of the family; returns how many were revoked."""
        result = self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        return int(getattr(result, "rowcount", 0))
