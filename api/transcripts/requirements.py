"""Reading the requirements TechTranslator runs extracted, with their evidence."""

from __future__ import annotations

import uuid

from api.transcripts.schemas import RequirementDetail, RequirementOut, RequirementPage
from api.transcripts.service import next_offset
from devbizops.db import Database
from devbizops.errors import NotFound
from memory.models import Requirement
from memory.repositories.requirements_read import RequirementFilter, RequirementsReadRepository


def _out(row: Requirement) -> RequirementOut:
    return RequirementOut.model_validate(
        {**_columns(row), "evidence_count": len(row.evidence or [])}
    )


def _columns(row: Requirement) -> dict[str, object]:
    return {c: getattr(row, c) for c in RequirementOut.model_fields if hasattr(row, c)}


class RequirementService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def page(
        self, org_id: uuid.UUID, filters: RequirementFilter, *, limit: int, offset: int
    ) -> RequirementPage:
        with self.db.transaction() as session:
            reads = RequirementsReadRepository(session, org_id)
            rows, total = reads.requirements(filters, limit=limit, offset=offset)
            items = [_out(r) for r in rows]
        return RequirementPage(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset(offset, len(items), total),
        )

    def get(self, org_id: uuid.UUID, requirement_id: uuid.UUID) -> RequirementDetail:
        with self.db.transaction() as session:
            row = RequirementsReadRepository(session, org_id).requirement(requirement_id)
            if row is None:
                raise NotFound(f"no requirement {requirement_id}")
            return RequirementDetail.model_validate(
                {
                    **_columns(row),
                    "evidence_count": len(row.evidence or []),
                    "evidence": list(row.evidence or []),
                }
            )
