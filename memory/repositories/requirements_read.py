"""Read-only queries over an org's transcripts and requirements, for the HTTP API."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from memory.models import Requirement, Transcript


@dataclass(frozen=True)
class RequirementFilter:
    """Optional filters of ``GET /v1/requirements``; None means any."""

    run_id: uuid.UUID | None = None
    account: str | None = None
    category: str | None = None
    priority: str | None = None


class RequirementsReadRepository:
    """Every query is scoped to one org: another org's rows are invisible, not forbidden."""

    def __init__(self, session: Session, org_id: uuid.UUID) -> None:
        self.session = session
        self.org_id = org_id

    def transcripts(
        self, *, account: str | None, limit: int, offset: int
    ) -> tuple[Sequence[Transcript], int]:
        """A page of the org's transcripts, newest first, and how many there are in all."""
        where = [Transcript.org_id == self.org_id]
        if account is not None:
            where.append(Transcript.account == account)
        total = self.session.execute(
            select(func.count()).select_from(Transcript).where(*where)
        ).scalar_one()
        stmt = (
            select(Transcript)
            .where(*where)
            .order_by(Transcript.created_at.desc(), Transcript.id)
            .limit(limit)
            .offset(offset)
        )
        return self.session.execute(stmt).scalars().all(), int(total)

    def transcript(self, transcript_id: uuid.UUID) -> Transcript | None:
        stmt = select(Transcript).where(
            Transcript.org_id == self.org_id, Transcript.id == transcript_id
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def transcript_of_run(self, run_id: uuid.UUID) -> Transcript | None:
        stmt = select(Transcript).where(
            Transcript.org_id == self.org_id, Transcript.run_id == run_id
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def requirement_counts(self, transcript_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        """How many requirements were extracted from each of these transcripts."""
        if not transcript_ids:
            return {}
        stmt = (
            select(Requirement.transcript_id, func.count())
            .where(Requirement.org_id == self.org_id, Requirement.transcript_id.in_(transcript_ids))
            .group_by(Requirement.transcript_id)
        )
        return {tid: int(n) for tid, n in self.session.execute(stmt).all() if tid is not None}

    def requirements(
        self, filters: RequirementFilter, *, limit: int, offset: int
    ) -> tuple[Sequence[Requirement], int]:
        """A page of the org's requirements, newest run first then in extraction order."""
        where = [Requirement.org_id == self.org_id]
        if filters.run_id is not None:
            where.append(Requirement.run_id == filters.run_id)
        if filters.account is not None:
            where.append(Requirement.account == filters.account)
        if filters.category is not None:
            where.append(Requirement.category == filters.category)
        if filters.priority is not None:
            where.append(Requirement.priority == filters.priority)
        total = self.session.execute(
            select(func.count()).select_from(Requirement).where(*where)
        ).scalar_one()
        stmt = (
            select(Requirement)
            .where(*where)
            .order_by(Requirement.created_at.desc(), Requirement.run_id, Requirement.position)
            .limit(limit)
            .offset(offset)
        )
        return self.session.execute(stmt).scalars().all(), int(total)

    def requirement(self, requirement_id: uuid.UUID) -> Requirement | None:
        stmt = select(Requirement).where(
            Requirement.org_id == self.org_id, Requirement.id == requirement_id
        )
        return self.session.execute(stmt).scalar_one_or_none()
