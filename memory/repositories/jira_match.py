"""Enrichment reads: Jira candidates (full-text, or semantic with pgvector) and account revenue.

The full-text query finds issues sharing any lexeme with the text; callers classify them from the
lexeme sets returned here. The semantic query (pgvector present and an embedder given) ranks
issues by cosine distance of embeddings and returns the similarity; callers classify that by
thresholds. Either way the matching rules live in code, not in SQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from memory.repositories.correlation import DEAL_SIGN, WON
from memory.repositories.pgvector import session_has_pgvector, vector_literal
from memory.source_models import Company, Deal
from tools.llm.embeddings import Embedder

LOST = "closedlost"

_LEXEMES = text("SELECT tsvector_to_array(to_tsvector('english', :value))")

# OR of the text's lexemes; quote_literal keeps every lexeme a valid, unstemmed tsquery operand.
_CANDIDATES = text(
    """
    WITH q AS (
        SELECT string_agg(quote_literal(w), ' | ')::tsquery AS q FROM unnest(:words) AS w
    )
    SELECT i.key, i.summary, i.status,
           tsvector_to_array(to_tsvector('english', i.summary)) AS lexemes
    FROM jira_issues AS i, q
    WHERE i.org_id = :org_id AND to_tsvector('english', i.summary) @@ q.q
    ORDER BY ts_rank_cd(to_tsvector('english', i.summary), q.q) DESC, i.key
    LIMIT :limit
    """
).bindparams(bindparam("words", type_=ARRAY(Text)))


# Serialises the runtime CREATE TABLE: two first runs at once would race on the catalog.
_EMBEDDINGS_LOCK = 727277
_EMBED_BATCH = 256

# Issues whose cached embedding (for this model) is missing or was made from another summary.
_STALE = text(
    """
    SELECT i.key, i.summary FROM jira_issues AS i
    LEFT JOIN jira_issue_embeddings AS e
      ON e.org_id = i.org_id AND e.key = i.key AND e.model = :model
    WHERE i.org_id = :org_id AND (e.summary_hash IS NULL OR e.summary_hash <> md5(i.summary))
    ORDER BY i.key
    """
)
_UPSERT = text(
    """
    INSERT INTO jira_issue_embeddings (org_id, key, model, summary_hash, embedding)
    VALUES (:org_id, :key, :model, md5(:summary), CAST(:embedding AS vector))
    ON CONFLICT (org_id, key, model)
    DO UPDATE SET summary_hash = EXCLUDED.summary_hash, embedding = EXCLUDED.embedding
    """
)
_NEAREST = text(
    """
    SELECT i.key, i.summary, i.status,
           1 - (e.embedding <=> CAST(:query AS vector)) AS similarity
    FROM jira_issues AS i
    JOIN jira_issue_embeddings AS e
      ON e.org_id = i.org_id AND e.key = i.key AND e.model = :model
     AND e.summary_hash = md5(i.summary)
    WHERE i.org_id = :org_id
    ORDER BY e.embedding <=> CAST(:query AS vector), i.key
    LIMIT :limit
    """
)


def _create_embeddings_table(dims: int) -> str:
    return f"""
    CREATE TABLE IF NOT EXISTS jira_issue_embeddings (
        org_id uuid NOT NULL,
        key text NOT NULL,
        model text NOT NULL,
        summary_hash text NOT NULL,
        embedding vector({int(dims)}) NOT NULL,
        PRIMARY KEY (org_id, key, model)
    )
    """


class JiraMatchRepository:
    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def lexemes(self, value: str) -> frozenset[str]:
        """The normalised words PostgreSQL's ``english`` configuration sees in ``value``."""
        found = self.session.execute(_LEXEMES, {"value": value}).scalar_one()
        return frozenset(found or ())

    def candidates(self, value: str, limit: int = 20) -> list[dict[str, Any]]:
        """Issues sharing at least one lexeme with ``value``, best full-text rank first."""
        words = sorted(self.lexemes(value))
        if not words:
            return []
        rows = self.session.execute(
            _CANDIDATES, {"words": words, "org_id": self.org_id, "limit": limit}
        ).all()
        return [
            {"key": r.key, "summary": r.summary, "status": r.status, "lexemes": list(r.lexemes)}
            for r in rows
        ]

    def has_pgvector(self) -> bool:
        """True when the database can store and compare embeddings."""
        return session_has_pgvector(self.session)

    def semantic_candidates(
        self, values: Sequence[str], embedder: Embedder, limit: int = 20
    ) -> list[list[dict[str, Any]]]:
        """Per value: the org's issues nearest by cosine distance, with ``similarity`` (1 - d).

        Needs pgvector. Issue embeddings are cached per (issue, model) and recomputed only when
        the summary's hash changes.
        """
        if not values:
            return []
        self._refresh_issue_embeddings(embedder)
        queries = embedder.embed(list(values))
        found: list[list[dict[str, Any]]] = []
        for query in queries:
            rows = self.session.execute(
                _NEAREST,
                {
                    "query": vector_literal(query),
                    "model": embedder.model,
                    "org_id": self.org_id,
                    "limit": limit,
                },
            ).all()
            found.append(
                [
                    {
                        "key": r.key,
                        "summary": r.summary,
                        "status": r.status,
                        "similarity": float(r.similarity),
                    }
                    for r in rows
                ]
            )
        return found

    def _refresh_issue_embeddings(self, embedder: Embedder) -> None:
        self.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _EMBEDDINGS_LOCK})
        self.session.execute(text(_create_embeddings_table(embedder.dims)))
        stale = self.session.execute(_STALE, {"model": embedder.model, "org_id": self.org_id}).all()
        for start in range(0, len(stale), _EMBED_BATCH):
            batch = stale[start : start + _EMBED_BATCH]
            vectors = embedder.embed([r.summary for r in batch])
            self.session.execute(
                _UPSERT,
                [
                    {
                        "org_id": self.org_id,
                        "key": r.key,
                        "model": embedder.model,
                        "summary": r.summary,
                        "embedding": vector_literal(v),
                    }
                    for r, v in zip(batch, vectors, strict=True)
                ],
            )


class AccountRepository:
    """An account's revenue from the synced CRM tables (ARR defined as in ``correlation``)."""

    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def revenue(self, account: str) -> dict[str, Any] | None:
        """The company named ``account`` with its ARR and open deals; None when not in the CRM."""
        company = self.session.execute(
            select(Company.id, Company.name)
            .where(Company.org_id == self.org_id, func.lower(Company.name) == account.lower())
            .order_by(Company.id)
            .limit(1)
        ).first()
        if company is None:
            return None
        deals = self.session.execute(
            select(Deal.stage, Deal.kind, Deal.amount).where(
                Deal.org_id == self.org_id, Deal.company_id == company.id
            )
        ).all()
        won = sum(
            DEAL_SIGN.get(d.kind or "", 0) * (d.amount or 0.0) for d in deals if d.stage == WON
        )
        open_deals = [d for d in deals if d.stage not in (WON, LOST)]
        return {
            "company_id": company.id,
            "company_name": company.name,
            "arr": max(won, 0.0),
            "open_deal_amount": sum(d.amount or 0.0 for d in open_deals),
            "open_deals": len(open_deals),
        }
