"""Connectors: per-org source credentials (sealed) and settings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.source_models import Connector


class ConnectorRepository:
    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def upsert(
        self, name: str, source: str, base_url: str, settings: dict[str, Any], secret: bytes
    ) -> Connector:
        """Create the connector or replace its source, URL, settings and secret."""
        values = {"source": source, "base_url": base_url, "settings": settings, "secret": secret}
        stmt = (
            insert(Connector)
            .values(id=uuid.uuid4(), org_id=self.org_id, name=name, **values)
            .on_conflict_do_update(index_elements=["org_id", "name"], set_=values)
        )
        self.session.execute(stmt)
        found = self.get(name)
        assert found is not None
        return found

    def get(self, name: str) -> Connector | None:
        stmt = select(Connector).where(Connector.org_id == self.org_id, Connector.name == name)
        return self.session.execute(stmt).scalar_one_or_none()

    def list(self, source: str | None = None) -> Sequence[Connector]:
        stmt = select(Connector).where(Connector.org_id == self.org_id)
        if source:
            stmt = stmt.where(Connector.source == source)
        return self.session.execute(stmt.order_by(Connector.name)).scalars().all()

    def remove(self, name: str) -> bool:
        stmt = delete(Connector).where(Connector.org_id == self.org_id, Connector.name == name)
        return bool(self.session.execute(stmt).rowcount)  # type: ignore[attr-defined]
