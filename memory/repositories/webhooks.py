"""Webhook writes: the delivery log that de-duplicates redeliveries, and order-safe upserts.

All SQL of the webhook receivers lives here; callers own the transaction (nothing commits).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, literal_column, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Base
from memory.repositories.upsert import UpsertCounts, upsert
from memory.source_models import Deal, Event, WebhookDelivery

EVENT_KEY = ("org_id", "source", "kind", "external_id")


class WebhookRepository:
    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def record_delivery(self, source: str, delivery_id: str, event: str) -> bool:
        """Log a delivery id; False when it was already logged (a redelivery).

        A concurrent duplicate waits on the primary key until the first transaction ends, so
        exactly one of them sees True.
        """
        stmt = (
            insert(WebhookDelivery)
            .values(source=source, delivery_id=delivery_id, org_id=self.org_id, event=event)
            .on_conflict_do_nothing(index_elements=["source", "delivery_id"])
            .returning(WebhookDelivery.delivery_id)
        )
        return self.session.execute(stmt).first() is not None

    def upsert(
        self, model: type[Base], rows: Sequence[Mapping[str, Any]], key: Sequence[str]
    ) -> UpsertCounts:
        """Insert or update rows keyed by ``key`` (identical rows are left alone)."""
        return upsert(self.session, model, rows, key)

    def upsert_newer(
        self, model: type[Base], row: Mapping[str, Any], key: Sequence[str], stamp: str
    ) -> bool:
        """Insert ``row``, or replace the stored one unless it is newer by ``stamp``.

        Webhooks can arrive out of order; an older delivery must not undo a newer state.
        Returns whether the row was written.
        """
        table = cast(Table, model.__table__)
        stmt = insert(table).values(dict(row))
        stmt = stmt.on_conflict_do_update(
            index_elements=list(key),
            set_={c: stmt.excluded[c] for c in row if c not in key},
            where=or_(table.c[stamp].is_(None), table.c[stamp] <= stmt.excluded[stamp]),
        )
        return self.session.execute(stmt.returning(literal_column("1"))).first() is not None

    def add_events(self, events: Sequence[Mapping[str, Any]]) -> UpsertCounts:
        """Upsert timeline events by (org, source, kind, external id)."""
        return upsert(self.session, Event, events, EVENT_KEY)

    def deal(self, deal_id: str) -> Deal | None:
        """The stored deal, if the sync has seen it."""
        return self.session.execute(
            select(Deal).where(Deal.org_id == self.org_id, Deal.id == deal_id)
        ).scalar_one_or_none()

    def move_deal_stage(self, deal_id: str, stage: str, at: datetime) -> bool:
        """Set the deal's stage unless the stored deal was modified after ``at``."""
        stmt = (
            update(Deal)
            .where(Deal.org_id == self.org_id, Deal.id == deal_id, Deal.updated_at <= at)
            .values(stage=stage, updated_at=at)
        )
        return bool(self.session.execute(stmt).rowcount)  # type: ignore[attr-defined]
