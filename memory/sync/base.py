"""What every source sync shares: a batch writer with counts, cursors and progress."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Base
from memory.repositories.upsert import UpsertCounts, upsert
from memory.source_models import Event, SyncCursor

Transaction = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[str, int], None]  # (what, how many records just fetched)
EVENT_KEY = ("org_id", "source", "kind", "external_id")


@dataclass
class SourceReport:
    """Counts over the source's records (events are written alongside, not counted twice)."""

    counts: UpsertCounts = field(default_factory=UpsertCounts)
    events: UpsertCounts = field(default_factory=UpsertCounts)


def event(
    org_id: uuid.UUID,
    source: str,
    kind: str,
    external_id: str,
    occurred_at: datetime,
    subject: str,
    **links: Any,
) -> dict[str, Any]:
    """One row of the unified timeline."""
    return {
        "org_id": org_id,
        "source": source,
        "kind": kind,
        "external_id": external_id,
        "occurred_at": occurred_at,
        "subject": subject[:500],
        "links": {k: v for k, v in links.items() if v not in (None, [], "")},
    }


class SyncWriter:
    """Writes batches of one source for one org, each batch in its own transaction."""

    def __init__(self, transaction: Transaction, org_id: uuid.UUID, source: str) -> None:
        self.transaction = transaction
        self.org_id = org_id
        self.source = source
        self.report = SourceReport()

    def write(
        self,
        tables: Sequence[tuple[type[Base], Sequence[Mapping[str, Any]], Sequence[str]]],
        events: Sequence[Mapping[str, Any]] = (),
        *,
        counted: int = 1,
    ) -> None:
        """Upsert rows of several tables plus their events atomically.

        Only the first ``counted`` tables count as fetched records in the report (detail tables
        such as stage changes are part of their parent record).
        """
        with self.transaction() as session:
            for i, (table, rows, key) in enumerate(tables):
                counts = upsert(session, table, rows, key)
                if i < counted:
                    self.report.counts.add(counts)
            self.report.events.add(upsert(session, Event, events, EVENT_KEY))

    def cursor(self, resource: str) -> dict[str, Any]:
        """The stored cursor of a resource ({} before the first sync)."""
        with self.transaction() as session:
            found = session.execute(
                select(SyncCursor.cursor).where(
                    SyncCursor.org_id == self.org_id,
                    SyncCursor.source == self.source,
                    SyncCursor.resource == resource,
                )
            ).scalar_one_or_none()
        return dict(found or {})

    def save_cursor(self, resource: str, value: Mapping[str, Any]) -> None:
        with self.transaction() as session:
            stmt = insert(SyncCursor).values(
                org_id=self.org_id, source=self.source, resource=resource, cursor=dict(value)
            )
            session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["org_id", "source", "resource"],
                    set_={"cursor": stmt.excluded.cursor},
                )
            )


def batched(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items from an iterator (bounded memory for large syncs)."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def latest(current: datetime | None, values: Iterable[datetime]) -> datetime | None:
    """The newest of ``current`` and ``values`` (a high-water mark)."""
    return max([*(v for v in values), *([current] if current else [])], default=None)


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
