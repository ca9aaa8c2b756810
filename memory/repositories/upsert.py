"""Idempotent bulk upserts that report what they changed.

``INSERT … ON CONFLICT (key) DO UPDATE … WHERE (columns) IS DISTINCT FROM (new values)`` writes a
row only when it is new or different; ``RETURNING (xmax = 0)`` tells inserts from updates. A row
that is already stored unchanged is neither — it is counted as skipped — so re-running a sync
changes nothing and says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, literal_column, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Base

# PostgreSQL's protocol allows 65,535 bind parameters per statement.
MAX_PARAMS = 60_000
TOUCH_ONLY = ("synced_at", "updated_at_db")


@dataclass
class UpsertCounts:
    fetched: int = 0
    inserted: int = 0
    updated: int = 0
    skipped: int = 0

    def add(self, other: UpsertCounts) -> None:
        self.fetched += other.fetched
        self.inserted += other.inserted
        self.updated += other.updated
        self.skipped += other.skipped

    def as_dict(self) -> dict[str, int]:
        return {
            "fetched": self.fetched,
            "inserted": self.inserted,
            "updated": self.updated,
            "skipped": self.skipped,
        }


def upsert(
    session: Session, model: type[Base], rows: Sequence[Mapping[str, Any]], key: Sequence[str]
) -> UpsertCounts:
    """Insert new rows, update changed ones, leave identical ones alone; count each."""
    table = cast(Table, model.__table__)
    counts = UpsertCounts(fetched=len(rows))
    if not rows:
        return counts
    columns = list(rows[0])
    compared = [c for c in columns if c not in key and c not in TOUCH_ONLY]
    per_statement = max(1, MAX_PARAMS // max(1, len(columns)))
    for chunk in _chunks(_dedupe(rows, key), per_statement):
        stmt = insert(table).values(list(chunk))
        if compared:
            stmt = stmt.on_conflict_do_update(
                index_elements=list(key),
                set_={c: stmt.excluded[c] for c in columns if c not in key},
                where=tuple_(*(table.c[c] for c in compared)).is_distinct_from(
                    tuple_(*(stmt.excluded[c] for c in compared))
                ),
            )
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
        flags: Sequence[bool] = (
            session.execute(stmt.returning(literal_column("xmax = 0"))).scalars().all()
        )
        inserted = sum(1 for f in flags if f)
        counts.inserted += inserted
        counts.updated += len(flags) - inserted
    counts.skipped = counts.fetched - counts.inserted - counts.updated
    return counts


def _dedupe(rows: Iterable[Mapping[str, Any]], key: Sequence[str]) -> list[Mapping[str, Any]]:
    # One statement may not touch a row twice; the last version of a key wins.
    latest: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for row in rows:
        latest[tuple(row[k] for k in key)] = row
    return list(latest.values())


def _chunks(rows: list[Mapping[str, Any]], size: int) -> Iterable[list[Mapping[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
