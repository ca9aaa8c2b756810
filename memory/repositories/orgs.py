"""Organizations (tenants)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Organization


class OrgRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ensure(self, slug: str, name: str | None = None) -> uuid.UUID:
        """The id of the org with this slug, created when missing (safe under concurrency)."""
        stmt = (
            insert(Organization)
            .values(id=uuid.uuid4(), slug=slug, name=name or slug)
            .on_conflict_do_nothing(index_elements=["slug"])
        )
        self.session.execute(stmt)
        return self.session.execute(
            select(Organization.id).where(Organization.slug == slug)
        ).scalar_one()

    def get_id(self, slug: str) -> uuid.UUID | None:
        """The org's id, or None."""
        return self.session.execute(
            select(Organization.id).where(Organization.slug == slug)
        ).scalar_one_or_none()
