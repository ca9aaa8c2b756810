"""The persistence port graph nodes use: each call is one short transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from agents.dashboard.period import resolve_period
from memory.models import TERMINAL_STATUSES
from memory.repositories import metrics_sources, throughput
from memory.repositories.artifacts import ArtifactRepository
from memory.repositories.jira_match import AccountRepository, JiraMatchRepository
from tools.llm.embeddings import Embedder


class GraphStore(Protocol):
    """What the agents' graphs read from and write to PostgreSQL."""

    def save_translation(
        self,
        org_id: uuid.UUID,
        run_id: uuid.UUID,
        transcript: str,
        fmt: str,
        account: str | None,
        requirements: Sequence[dict[str, Any]],
    ) -> int: ...

    def org_requirements(self, org_id: uuid.UUID) -> list[dict[str, Any]]: ...

    def dashboard_snapshot(
        self, org_id: uuid.UUID, period_start: date | None = None, period_end: date | None = None
    ) -> dict[str, Any]: ...

    def arr_by_account(self, org_id: uuid.UUID) -> dict[str, float]: ...

    def weekly_throughput(
        self, org_id: uuid.UUID, until: date, weeks: int
    ) -> list[dict[str, Any]]: ...

    def scoring_weights(self, org_id: uuid.UUID) -> dict[str, dict[str, Any]] | None: ...

    def save_scoring_weights(
        self, org_id: uuid.UUID, rice: dict[str, Any], wsjf: dict[str, Any]
    ) -> None: ...

    def save_ranked_roadmap(
        self,
        org_id: uuid.UUID,
        run_id: uuid.UUID,
        method: str,
        items: Sequence[dict[str, Any]],
        quarter_end: str | None,
        unit: str | None,
    ) -> int: ...

    def account_revenue(self, org_id: uuid.UUID, account: str) -> dict[str, Any] | None: ...

    def jira_candidates(
        self, org_id: uuid.UUID, texts: Sequence[str]
    ) -> list[tuple[frozenset[str], list[dict[str, Any]]]]: ...


class SqlGraphStore:
    """GraphStore on SQLAlchemy sessions."""

    def __init__(
        self,
        transaction: Callable[[], AbstractContextManager[Session]],
        embedder: Embedder | None = None,
    ) -> None:
        self._transaction = transaction
        # Semantic Jira matching when given and the database has pgvector; full-text otherwise.
        self._embedder = embedder

    @contextmanager
    def _repo(self, org_id: uuid.UUID) -> Iterator[ArtifactRepository]:
        with self._transaction() as session:
            yield ArtifactRepository(session, org_id)

    def save_translation(
        self,
        org_id: uuid.UUID,
        run_id: uuid.UUID,
        transcript: str,
        fmt: str,
        account: str | None,
        requirements: Sequence[dict[str, Any]],
    ) -> int:
        """Store the transcript and its requirements; a repeat for the same run adds nothing."""
        short = run_id.hex[:8].upper()
        rows = [
            {
                "key": f"REQ-{short}-{i + 1}",
                "title": r["title"],
                "user_story": r["user_story"],
                "acceptance_criteria": r["acceptance_criteria"],
                "category": r["category"],
                "priority": r["priority"],
                "evidence": r["evidence"],
                "account": account,
            }
            for i, r in enumerate(requirements)
        ]
        with self._repo(org_id) as repo:
            transcript_id = repo.save_transcript(run_id, transcript, fmt, account)
            return repo.save_requirements(run_id, transcript_id, rows)

    def org_requirements(self, org_id: uuid.UUID) -> list[dict[str, Any]]:
        """Every stored requirement of the org, as plain dicts."""
        with self._repo(org_id) as repo:
            return [
                {
                    "key": r.key,
                    "title": r.title,
                    "user_story": r.user_story,
                    "acceptance_criteria": list(r.acceptance_criteria),
                    "category": r.category,
                    "priority": r.priority,
                    "evidence": list(r.evidence),
                    "account": r.account,
                }
                for r in repo.requirements()
            ]

    def dashboard_snapshot(
        self, org_id: uuid.UUID, period_start: date | None = None, period_end: date | None = None
    ) -> dict[str, Any]:
        """The raw facts the dashboard computes its metrics from, synced facts of the period
        (default: the 90 days ending on the newest synced event's day) included."""
        with self._repo(org_id) as repo:
            runs = repo.runs()
            newest = metrics_sources.newest_event_at(repo.session, org_id)
            period = resolve_period(period_start, period_end, newest, datetime.now(UTC))
            return {
                "period_start": period.start,
                "period_end": period.end,
                "sources": metrics_sources.source_facts(
                    repo.session, org_id, period.start, period.until
                ),
                "requirements": [
                    {"category": r.category, "priority": r.priority, "account": r.account}
                    for r in repo.requirements()
                ],
                "roadmap_items": [
                    {
                        "rank": i.rank,
                        "key": i.key,
                        "score": i.score,
                        "category": i.category,
                        "priority": i.priority,
                        "arr_at_stake": i.arr_at_stake,
                    }
                    for i in repo.latest_roadmap()
                ],
                "runs": [
                    {"graph_id": r.graph_id, "status": r.status, "duration_seconds": _duration(r)}
                    for r in runs
                ],
                "transcripts_count": repo.transcripts_count(),
                "source_events": repo.events_by_source(),
            }

    def account_revenue(self, org_id: uuid.UUID, account: str) -> dict[str, Any] | None:
        """The CRM company named ``account`` (case-insensitive) with its ARR and open deals."""
        with self._transaction() as session:
            return AccountRepository(session, org_id).revenue(account)

    def jira_candidates(
        self, org_id: uuid.UUID, texts: Sequence[str]
    ) -> list[tuple[frozenset[str], list[dict[str, Any]]]]:
        """Per text: its full-text lexemes and its candidate Jira issues.

        Semantic (candidates carry ``similarity``) when an embedder is set and the database has
        pgvector; otherwise the issues sharing any lexeme (candidates carry ``lexemes``).
        """
        with self._transaction() as session:
            repo = JiraMatchRepository(session, org_id)
            lexemes = [repo.lexemes(t) for t in texts]
            if self._embedder is not None and repo.has_pgvector():
                found = repo.semantic_candidates(texts, self._embedder)
            else:
                found = [repo.candidates(t) for t in texts]
            return list(zip(lexemes, found, strict=True))

    def arr_by_account(self, org_id: uuid.UUID) -> dict[str, float]:
        """Current ARR of each CRM company with won deals, by company name."""
        with self._repo(org_id) as repo:
            return throughput.arr_by_account(repo.session, org_id)

    def weekly_throughput(self, org_id: uuid.UUID, until: date, weeks: int) -> list[dict[str, Any]]:
        """Done Jira work per ISO week (``week``, ``points``, ``items``), oldest week first."""
        with self._repo(org_id) as repo:
            rows = throughput.weekly_throughput(repo.session, org_id, until, weeks)
        return [{"week": w.isoformat(), "points": p, "items": n} for w, p, n in rows]

    def scoring_weights(self, org_id: uuid.UUID) -> dict[str, dict[str, Any]] | None:
        """The org's stored roadmap weights (``rice`` and ``wsjf``), None when never set."""
        with self._repo(org_id) as repo:
            return throughput.scoring_weights(repo.session, org_id)

    def save_scoring_weights(
        self, org_id: uuid.UUID, rice: dict[str, Any], wsjf: dict[str, Any]
    ) -> None:
        """Replace the org's roadmap weights."""
        with self._repo(org_id) as repo:
            throughput.save_scoring_weights(repo.session, org_id, rice, wsjf)

    def save_ranked_roadmap(
        self,
        org_id: uuid.UUID,
        run_id: uuid.UUID,
        method: str,
        items: Sequence[dict[str, Any]],
        quarter_end: str | None,
        unit: str | None,
    ) -> int:
        """Store items scored by ``method`` (both scores kept as inputs) and their forecasts."""
        rows = [
            {
                "rank": it["rank"],
                "key": it["key"],
                "title": it["title"],
                "source": it["source"],
                "category": it["category"],
                "priority": it["priority"],
                "method": method,
                "score": it[method]["score"],
                "score_inputs": {"method": method, "rice": it["rice"], "wsjf": it["wsjf"]},
                "accounts": it["accounts"],
                "arr_at_stake": it["arr_at_stake"],
            }
            for it in items
        ]
        forecasts = [
            {
                "key": it["key"],
                "unit": unit,
                "size": f["size"],
                "p50_week": f["p50_week"],
                "p85_week": f["p85_week"],
                "p50_date": f["p50_date"] and date.fromisoformat(f["p50_date"]),
                "p85_date": f["p85_date"] and date.fromisoformat(f["p85_date"]),
                "fits_quarter": f["fits_quarter"],
                "fits_quarter_probability": f["fits_quarter_probability"],
                "quarter_end": date.fromisoformat(quarter_end),
            }
            for it in items
            if (f := it.get("forecast")) and quarter_end and unit
        ]
        with self._repo(org_id) as repo:
            stored = repo.save_roadmap(run_id, rows)
            throughput.save_forecasts(repo.session, org_id, run_id, forecasts)
            return stored


def _duration(run: Any) -> float | None:
    if run.status not in TERMINAL_STATUSES or run.started_at is None or run.finished_at is None:
        return None
    return float((run.finished_at - run.started_at).total_seconds())
