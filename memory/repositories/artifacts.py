"""What runs produce for an org: transcripts, requirements and roadmap items."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.models import Requirement, RoadmapItem, Run, Transcript
from memory.source_models import Event


class ArtifactRepository:
    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def save_transcript(
        self, run_id: uuid.UUID, content: str, fmt: str, account: str | None
    ) -> uuid.UUID:
        """Store a run's transcript once (a resumed run finds the row already there)."""
        digest = hashlib.sha256(content.encode()).hexdigest()
        self.session.execute(
            insert(Transcript)
            .values(
                id=uuid.uuid4(),
                org_id=self.org_id,
                run_id=run_id,
                account=account,
                format=fmt,
                content=content,
                sha256=digest,
            )
            .on_conflict_do_nothing(index_elements=["run_id"])
        )
        return self.session.execute(
            select(Transcript.id).where(Transcript.run_id == run_id)
        ).scalar_one()

    def save_requirements(
        self, run_id: uuid.UUID, transcript_id: uuid.UUID | None, rows: Sequence[dict[str, Any]]
    ) -> int:
        """Store a run's requirements idempotently (keyed by run and position)."""
        if not rows:
            return 0
        values = [
            {
                "id": uuid.uuid4(),
                "org_id": self.org_id,
                "run_id": run_id,
                "transcript_id": transcript_id,
                "position": i,
                **row,
            }
            for i, row in enumerate(rows)
        ]
        stmt = (
            insert(Requirement)
            .values(values)
            .on_conflict_do_nothing(index_elements=["run_id", "position"])
        )
        return int(self.session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]

    def requirements(self, run_id: uuid.UUID | None = None) -> Sequence[Requirement]:
        """The org's requirements (of one run when given), oldest first."""
        stmt = select(Requirement).where(Requirement.org_id == self.org_id)
        if run_id is not None:
            stmt = stmt.where(Requirement.run_id == run_id)
        return (
            self.session.execute(stmt.order_by(Requirement.created_at, Requirement.position))
            .scalars()
            .all()
        )

    def save_roadmap(self, run_id: uuid.UUID, rows: Sequence[dict[str, Any]]) -> int:
        """Store a run's roadmap items idempotently (keyed by run and item key)."""
        if not rows:
            return 0
        values = [{"id": uuid.uuid4(), "org_id": self.org_id, "run_id": run_id, **r} for r in rows]
        stmt = (
            insert(RoadmapItem)
            .values(values)
            .on_conflict_do_nothing(index_elements=["run_id", "key"])
        )
        return int(self.session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]

    def latest_roadmap(self) -> Sequence[RoadmapItem]:
        """Items of the org's newest stored roadmap, by rank."""
        latest = (
            select(RoadmapItem.run_id)
            .where(RoadmapItem.org_id == self.org_id)
            .order_by(RoadmapItem.created_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        stmt = select(RoadmapItem).where(RoadmapItem.run_id == latest).order_by(RoadmapItem.rank)
        return self.session.execute(stmt).scalars().all()

    def transcripts_count(self) -> int:
        stmt = select(func.count()).select_from(Transcript).where(Transcript.org_id == self.org_id)
        return int(self.session.execute(stmt).scalar_one())

    def events_by_source(self) -> dict[str, int]:
        """How many timeline events each synced source has for the org."""
        stmt = (
            select(Event.source, func.count())
            .where(Event.org_id == self.org_id)
            .group_by(Event.source)
        )
        return {str(source): int(n) for source, n in self.session.execute(stmt).all()}

    def runs(self) -> Sequence[Run]:
        """Every run of the org (for dashboard metrics)."""
        return self.session.execute(select(Run).where(Run.org_id == self.org_id)).scalars().all()
