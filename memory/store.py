"""The persistence port graph nodes use: each call is one short transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

from sqlalchemy.orm import Session

from memory.models import TERMINAL_STATUSES
from memory.repositories.artifacts import ArtifactRepository


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

    def save_roadmap(
        self, org_id: uuid.UUID, run_id: uuid.UUID, items: Sequence[dict[str, Any]]
    ) -> int: ...

    def dashboard_snapshot(self, org_id: uuid.UUID) -> dict[str, Any]: ...


class SqlGraphStore:
    """GraphStore on SQLAlchemy sessions."""

    def __init__(self, transaction: Callable[[], AbstractContextManager[Session]]) -> None:
        self._transaction = transaction

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

    def save_roadmap(
        self, org_id: uuid.UUID, run_id: uuid.UUID, items: Sequence[dict[str, Any]]
    ) -> int:
        """Store a roadmap's items with their score inputs; idempotent per run."""
        rows = [
            {
                "rank": it["rank"],
                "key": it["key"],
                "title": it["title"],
                "source": it["source"],
                "category": it["category"],
                "priority": it["priority"],
                "method": "rice",
                "score": it["rice"]["score"],
                "score_inputs": it["rice"],
                "accounts": it["accounts"],
                "arr_at_stake": it["arr_at_stake"],
            }
            for it in items
        ]
        with self._repo(org_id) as repo:
            return repo.save_roadmap(run_id, rows)

    def dashboard_snapshot(self, org_id: uuid.UUID) -> dict[str, Any]:
        """The raw facts the dashboard computes its metrics from."""
        with self._repo(org_id) as repo:
            runs = repo.runs()
            return {
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


def _duration(run: Any) -> float | None:
    if run.status not in TERMINAL_STATUSES or run.started_at is None or run.finished_at is None:
        return None
    return float((run.finished_at - run.started_at).total_seconds())
