"""The GitHub client's ETag store, kept in PostgreSQL so a 304 is free across sync runs."""

from __future__ import annotations

import uuid

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert

from memory.source_models import HttpCacheEntry
from memory.sync.base import Transaction


class PgEtagStore:
    """EtagStore backed by the ``http_cache`` table, scoped to one org."""

    def __init__(self, transaction: Transaction, org_id: uuid.UUID) -> None:
        self.transaction = transaction
        self.org_id = org_id

    def get(self, url: str) -> tuple[str, bytes] | None:
        """The ``(etag, cached_body)`` saved for ``url``, or None."""
        with self.transaction() as session:
            row = session.execute(
                select(HttpCacheEntry.etag, HttpCacheEntry.body).where(
                    HttpCacheEntry.org_id == self.org_id, HttpCacheEntry.url == url
                )
            ).one_or_none()
        return None if row is None else (row.etag, bytes(row.body))

    def put(self, url: str, etag: str, body: bytes) -> None:
        """Remember ``etag`` and ``body`` for ``url``."""
        with self.transaction() as session:
            # A lost cache entry only costs a full request later: don't wait for the disk flush.
            session.execute(text("SET LOCAL synchronous_commit = off"))
            stmt = insert(HttpCacheEntry).values(org_id=self.org_id, url=url, etag=etag, body=body)
            session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["org_id", "url"],
                    set_={"etag": stmt.excluded.etag, "body": stmt.excluded.body},
                )
            )
