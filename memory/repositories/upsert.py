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

from psycopg.types.json import Jsonb
from sqlalchemy import Table, literal_column, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Base

# PostgreSQL's protocol allows 65,535 bind parameters per statement.
MAX_PARAMS = 60_000
# From this many rows on, staging through COPY beats one big VALUES statement.
COPY_THRESHOLD = 200
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
    """Insert new rows, update changed ones, leave identical ones alone; count each.

    Large batches go through ``COPY`` into a temporary staging table and one
    ``INSERT … SELECT … ON CONFLICT``; small ones through a multi-row ``VALUES`` statement.
    """
    counts = UpsertCounts(fetched=len(rows))
    if not rows:
        return counts
    table = cast(Table, model.__table__)
    unique = _dedupe(rows, key)
    columns = list(unique[0])
    compared = [c for c in columns if c not in key and c not in TOUCH_ONLY]
    if len(unique) >= COPY_THRESHOLD:
        flags = _staged(session, table, unique, columns, key, compared)
    else:
        flags = _values(session, table, unique, columns, key, compared)
    counts.inserted = sum(1 for f in flags if f)
    counts.updated = len(flags) - counts.inserted
    counts.skipped = counts.fetched - counts.inserted - counts.updated
    return counts


def _values(
    session: Session,
    table: Table,
    rows: list[Mapping[str, Any]],
    columns: list[str],
    key: Sequence[str],
    compared: list[str],
) -> list[bool]:
    flags: list[bool] = []
    per_statement = max(1, MAX_PARAMS // max(1, len(columns)))
    for chunk in _chunks(rows, per_statement):
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
        returned: Sequence[Any] = (
            session.execute(stmt.returning(literal_column("xmax = 0"))).scalars().all()
        )
        flags += [bool(f) for f in returned]
    return flags


def _staged(
    session: Session,
    table: Table,
    rows: list[Mapping[str, Any]],
    columns: list[str],
    key: Sequence[str],
    compared: list[str],
) -> list[bool]:
    # COPY is an order of magnitude cheaper than binding every value into a statement.
    raw = session.connection().connection.driver_connection
    assert raw is not None, "a live psycopg connection"
    stage = f"_stage_{table.name}"
    cols = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cur:
        cur.execute(
            f'CREATE TEMP TABLE IF NOT EXISTS "{stage}" (LIKE "{table.name}" INCLUDING DEFAULTS) '
            "ON COMMIT DROP"
        )
        cur.execute(f'TRUNCATE "{stage}"')
        with cur.copy(f'COPY "{stage}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([_adapt(row[c]) for c in columns])
        keys = ", ".join(f'"{c}"' for c in key)
        if compared:
            sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in columns if c not in key)
            mine = ", ".join(f't."{c}"' for c in compared)
            theirs = ", ".join(f'EXCLUDED."{c}"' for c in compared)
            action = f"DO UPDATE SET {sets} WHERE ({mine}) IS DISTINCT FROM ({theirs})"
        else:
            action = "DO NOTHING"
        cur.execute(
            f'INSERT INTO "{table.name}" AS t ({cols}) SELECT {cols} FROM "{stage}" '
            f"ON CONFLICT ({keys}) {action} RETURNING (xmax = 0)"
        )
        return [bool(r[0]) for r in cur.fetchall()]


def _adapt(value: Any) -> Any:
    # JSON columns need an explicit wrapper for COPY; everything else psycopg adapts itself.
    return Jsonb(value) if isinstance(value, dict) else value


def _dedupe(rows: Iterable[Mapping[str, Any]], key: Sequence[str]) -> list[Mapping[str, Any]]:
    # One statement may not touch a row twice; the last version of a key wins.
    latest: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for row in rows:
        latest[tuple(row[k] for k in key)] = row
    return list(latest.values())


def _chunks(rows: list[Mapping[str, Any]], size: int) -> Iterable[list[Mapping[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
