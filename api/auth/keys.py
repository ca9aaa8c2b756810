"""API keys of an organization (service accounts for scripts, CI and the Slack bot)."""

from __future__ import annotations

import uuid
from typing import cast

from api.auth.members import check_may_grant
from api.auth.schemas import ApiKeyCreated, ApiKeyOut, Role
from devbizops.db import Database
from devbizops.errors import NotFound
from memory.repositories.api_keys import ApiKeyRepository
from memory.repositories.audit import AuditRepository
from memory.service_models import ApiKey


def key_out(row: ApiKey) -> ApiKeyOut:
    return ApiKeyOut(
        prefix=row.prefix,
        name=row.name,
        role=cast(Role, row.role),
        created_by=row.created_by,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


class ApiKeyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self, org_id: uuid.UUID, actor: str, actor_role: str, name: str, role: str
    ) -> ApiKeyCreated:
        """A new key; the full key is in the answer and nowhere else."""
        check_may_grant(actor_role, role)
        with self.db.transaction() as session:
            row, key = ApiKeyRepository(session).create(org_id, name, role, actor)
            session.refresh(row)
            AuditRepository(session).record(
                org_id,
                actor,
                "apikeys.create",
                target=row.prefix,
                details={"name": name, "role": role},
            )
            return ApiKeyCreated(**key_out(row).model_dump(), key=key)

    def list(self, org_id: uuid.UUID) -> list[ApiKeyOut]:
        with self.db.transaction() as session:
            return [key_out(row) for row in ApiKeyRepository(session).list(org_id)]

    def revoke(self, org_id: uuid.UUID, actor: str, prefix: str) -> bool:
        """Revoke the key; False when it was already revoked (nothing changes), 404 if unknown."""
        with self.db.transaction() as session:
            keys = ApiKeyRepository(session)
            if keys.find(org_id, prefix) is None:
                raise NotFound(f"no API key {prefix!r}", details={"prefix": prefix})
            if not keys.revoke(org_id, prefix):
                return False
            AuditRepository(session).record(org_id, actor, "apikeys.revoke", target=prefix)
            return True
