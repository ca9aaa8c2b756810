"""Transcript use cases: accept one (check, store, start its run), read them back."""

from __future__ import annotations

import uuid

from agents.techtranslator.parsers import parse_transcript
from api.auth.principal import Principal
from api.runs.service import RunService
from api.transcripts.schemas import (
    TranscriptAccepted,
    TranscriptOut,
    TranscriptPage,
    TranscriptSummary,
    TranscriptUpload,
)
from devbizops.db import Database
from devbizops.errors import NotFound
from memory.models import Transcript
from memory.repositories.artifacts import ArtifactRepository
from memory.repositories.audit import AuditRepository
from memory.repositories.requirements_read import RequirementsReadRepository

GRAPH = "techtranslator"


def next_offset(offset: int, count: int, total: int) -> int | None:
    """Where the next page starts, None after the last page."""
    return offset + count if offset + count < total else None


class TranscriptService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def submit(
        self,
        principal: Principal,
        upload: TranscriptUpload,
        runs: RunService,
        idempotency_key: str | None,
    ) -> tuple[TranscriptAccepted, bool]:
        """Check the transcript parses, queue its run and store it; True when newly stored.

        A malformed file is refused (``invalid_transcript`` naming format and line or field)
        before anything is written. The same ``Idempotency-Key`` returns the same run.
        """
        principal.check_graph(GRAPH)
        parsed = parse_transcript(
            upload.content,
            upload.format,
            customer_speakers=upload.customer_speakers,
            internal_speakers=upload.internal_speakers,
        )
        data = upload.model_dump(exclude_none=True, exclude={"content"})
        data["transcript"] = upload.content
        run, _ = runs.submit(
            principal.org_id, GRAPH, data, idempotency_key, created_by=principal.actor
        )
        with self.db.transaction() as session:
            reads = RequirementsReadRepository(session, principal.org_id)
            first = reads.transcript_of_run(run.id) is None
            transcript_id = ArtifactRepository(session, principal.org_id).save_transcript(
                run.id, upload.content, parsed.format, upload.account
            )
            if first:
                AuditRepository(session).record(
                    principal.org_id,
                    principal.actor,
                    "transcript.upload",
                    target=str(transcript_id),
                    run_id=run.id,
                    details={
                        "format": parsed.format,
                        "bytes": len(upload.content.encode()),
                        "account": upload.account,
                    },
                )
        accepted = TranscriptAccepted(
            transcript_id=transcript_id, run_id=run.id, format=parsed.format, status=run.status
        )
        return accepted, first

    def page(
        self, org_id: uuid.UUID, *, account: str | None, limit: int, offset: int
    ) -> TranscriptPage:
        with self.db.transaction() as session:
            reads = RequirementsReadRepository(session, org_id)
            rows, total = reads.transcripts(account=account, limit=limit, offset=offset)
            counts = reads.requirement_counts([r.id for r in rows])
            items = [_summary(r, counts.get(r.id, 0)) for r in rows]
        return TranscriptPage(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next_offset=next_offset(offset, len(items), total),
        )

    def get(self, org_id: uuid.UUID, transcript_id: uuid.UUID) -> TranscriptOut:
        with self.db.transaction() as session:
            reads = RequirementsReadRepository(session, org_id)
            row = reads.transcript(transcript_id)
            if row is None:
                raise NotFound(f"no transcript {transcript_id}")
            count = reads.requirement_counts([row.id]).get(row.id, 0)
            return TranscriptOut(**_summary(row, count).model_dump(), content=row.content)


def _summary(row: Transcript, requirements: int) -> TranscriptSummary:
    return TranscriptSummary(
        id=row.id,
        run_id=row.run_id,
        account=row.account,
        format=row.format,
        sha256=row.sha256,
        size_bytes=len(row.content.encode()),
        requirements=requirements,
        created_at=row.created_at,
    )
