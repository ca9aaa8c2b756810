"""Enrichment reads: full-text Jira candidates (PostgreSQL 15, no extension) and account revenue.

The query finds issues sharing any lexeme with the text; callers classify them from the lexeme
sets returned here, so the matching rules live in code, not in SQL.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from memory.repositories.correlation import DEAL_SIGN, WON
from memory.source_models import Company, Deal

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
