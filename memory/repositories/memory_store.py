"""Long-term memory per org and account on LangGraph's ``PostgresStore``: facts and decisions.

Items live under ``("org", <org id>, "account", <account slug>, "decisions" | "facts")``. A past
rejection is found by its key, by PostgreSQL full-text over the stored titles (any PostgreSQL 15
server), and, when the database has pgvector and an embedder is given (provider ``openai``; none
runs offline), semantically: the store is opened with a vector index over decision titles.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from langgraph.store.postgres import PostgresStore
from langgraph.store.postgres.base import PostgresIndexConfig

from memory.repositories.pgvector import connection_has_pgvector
from tools.llm.embeddings import Embedder

SETUP_LOCK = 727276
# Cosine similarity above which a new title counts as a decision already taken.
SAME_DECISION_SIMILARITY = 0.85
_SAME_WORDS = """
    SELECT value->>'title' AS title FROM store
    WHERE prefix = %(prefix)s AND value->>'decision' = 'rejected'
      AND to_tsvector('english', value->>'title') @@ plainto_tsquery('english', %(title)s)
      AND to_tsvector('english', %(title)s) @@ plainto_tsquery('english', value->>'title')
    LIMIT 1
"""


def memory_index(
    conn: psycopg.Connection[Any], embedder: Embedder | None
) -> PostgresIndexConfig | None:
    """The store's vector index over decision titles; None without an embedder or pgvector."""
    if embedder is None or not connection_has_pgvector(conn):
        return None
    # Exact (flat) search: decisions per account are few, and no index build is needed.
    return {
        "dims": embedder.dims,
        "embed": embedder.embed,
        "fields": ["title"],
        "ann_index_config": {"kind": "flat"},
    }


def setup_memory_store(conn: psycopg.Connection[Any], embedder: Embedder | None = None) -> None:
    """Create or migrate LangGraph's store tables (its own ``setup()``), once at a time.

    With an embedder and pgvector this also creates the store's vector table.
    """
    conn.execute("SELECT pg_advisory_lock(%s)", (SETUP_LOCK,))
    try:
        PostgresStore(conn, index=memory_index(conn, embedder)).setup()
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK,))


def slug(value: str | None) -> str:
    """A namespace- and key-safe form (LangGraph namespaces may not contain dots)."""
    return re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-") or "-"


class DecisionMemory:
    """Account facts and past write-back decisions of one org, remembered across runs."""

    def __init__(self, conn: psycopg.Connection[Any], embedder: Embedder | None = None) -> None:
        self.conn = conn
        index = memory_index(conn, embedder)
        self.semantic = index is not None
        self.store = PostgresStore(conn, index=index)

    def _ns(self, org_id: uuid.UUID, account: str | None, kind: str) -> tuple[str, ...]:
        return ("org", str(org_id), "account", slug(account), kind)

    def remember_decisions(
        self, org_id: uuid.UUID, account: str | None, decisions: Iterable[dict[str, Any]]
    ) -> int:
        """Store each decision under its title's key; repeating one overwrites, never adds."""
        ns, count = self._ns(org_id, account, "decisions"), 0
        for item in decisions:
            # With a vector index the title is embedded (the configured field); else no vectors.
            self.store.put(ns, slug(str(item["title"])), dict(item))
            count += 1
        return count

    def decisions(self, org_id: uuid.UUID, account: str | None) -> list[dict[str, Any]]:
        """Every remembered decision for the account, oldest first."""
        ns = self._ns(org_id, account, "decisions")
        items = self.store.search(ns, limit=1000)
        return [dict(i.value) for i in sorted(items, key=lambda i: (i.created_at, i.key))]

    def rejected(self, org_id: uuid.UUID, account: str | None, titles: Sequence[str]) -> set[str]:
        """The titles rejected before: same key, a near meaning (semantic), or the same words."""
        ns = self._ns(org_id, account, "decisions")
        prefix = ".".join(ns)
        found: set[str] = set()
        for title in titles:
            item = self.store.get(ns, slug(title))
            if item is not None and item.value.get("decision") == "rejected":
                found.add(title)
                continue
            if self.semantic and self._similar_rejection(ns, title):
                found.add(title)
                continue
            # Also with an index: decisions stored before it existed have no vectors.
            with self.conn.cursor() as cur:
                cur.execute(_SAME_WORDS, {"prefix": prefix, "title": title})
                if cur.fetchone() is not None:
                    found.add(title)
        return found

    def _similar_rejection(self, ns: tuple[str, ...], title: str) -> bool:
        hits = self.store.search(ns, query=title, filter={"decision": "rejected"}, limit=1)
        return bool(hits) and (hits[0].score or 0.0) >= SAME_DECISION_SIMILARITY

    def remember_facts(self, org_id: uuid.UUID, account: str | None, facts: dict[str, Any]) -> None:
        """The latest known facts of the account (ARR, open deals) replace the previous ones."""
        self.store.put(self._ns(org_id, account, "facts"), "crm", facts, index=False)

    def facts(self, org_id: uuid.UUID, account: str | None) -> dict[str, Any] | None:
        item = self.store.get(self._ns(org_id, account, "facts"), "crm")
        return None if item is None else dict(item.value)
