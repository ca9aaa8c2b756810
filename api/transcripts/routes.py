"""Transcripts upload and the requirements extracted from them."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from starlette.concurrency import run_in_threadpool

from agents.techtranslator.schemas import Category, Priority
from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import DatabaseDep, require
from api.runs.deps import DispatcherDep, RunServiceDep
from api.transcripts.requirements import RequirementService
from api.transcripts.schemas import (
    NO_NUL,
    RequirementDetail,
    RequirementPage,
    TranscriptAccepted,
    TranscriptOut,
    TranscriptPage,
    TranscriptUpload,
)
from api.transcripts.service import TranscriptService
from api.transcripts.upload import MAX_TRANSCRIPT_BYTES, read_upload
from memory.repositories.requirements_read import RequirementFilter

router = APIRouter(prefix="/v1", tags=["transcripts"])

Writer = Annotated[Principal, require(Permission.TRANSCRIPTS_WRITE)]
Reader = Annotated[Principal, require(Permission.TRANSCRIPTS_READ)]
RequirementsReader = Annotated[Principal, require(Permission.REQUIREMENTS_READ)]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Account = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]

_MULTIPART: dict[str, Any] = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "the transcript file"},
        "content": {"type": "string", "description": "the transcript text (instead of file)"},
        "format": {"type": "string", "description": "text|vtt|srt|gong|slack"},
        "account": {"type": "string"},
        "customer_speakers": {"type": "array", "items": {"type": "string"}},
        "internal_speakers": {"type": "array", "items": {"type": "string"}},
        "write_back": {"type": "string", "description": 'JSON: {"jira_connector", "project"}'},
    },
}
_UPLOAD_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": TranscriptUpload.model_json_schema()},
            "multipart/form-data": {"schema": _MULTIPART},
        },
    }
}


@router.post(
    "/transcripts",
    status_code=202,
    openapi_extra=_UPLOAD_DOC,
    responses={
        409: {"description": "the Idempotency-Key was used for another request"},
        413: {"description": f"transcript_too_large: over {MAX_TRANSCRIPT_BYTES} bytes"},
        415: {"description": "unsupported_media_type"},
        422: {"description": "invalid_transcript (format, line, field) or invalid_input"},
    },
)
async def upload_transcript(
    request: Request,
    principal: Writer,
    db: DatabaseDep,
    runs: RunServiceDep,
    dispatcher: DispatcherDep,
    idempotency_key: Annotated[str | None, Header(max_length=200, pattern=NO_NUL)] = None,
) -> TranscriptAccepted:
    """Store a call (file upload or JSON) and start its TechTranslator run (202)."""
    upload = await read_upload(request)
    service = TranscriptService(db)
    # The service's database work is synchronous: keep it off the event loop.
    accepted, first = await run_in_threadpool(
        service.submit, principal, upload, runs, idempotency_key
    )
    if first:  # a replayed request finds its run already handed over
        await run_in_threadpool(dispatcher.dispatch, accepted.run_id)
    return accepted


@router.get("/transcripts")
def list_transcripts(
    principal: Reader,
    db: DatabaseDep,
    account: Account = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> TranscriptPage:
    """The org's transcripts, newest first (without their text)."""
    return TranscriptService(db).page(principal.org_id, account=account, limit=limit, offset=offset)


@router.get("/transcripts/{transcript_id}")
def get_transcript(transcript_id: uuid.UUID, principal: Reader, db: DatabaseDep) -> TranscriptOut:
    """One transcript with its text."""
    return TranscriptService(db).get(principal.org_id, transcript_id)


@router.get("/requirements")
def list_requirements(
    principal: RequirementsReader,
    db: DatabaseDep,
    run_id: uuid.UUID | None = None,
    account: Account = None,
    category: Category | None = None,
    priority: Priority | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> RequirementPage:
    """Requirements extracted for the org, filtered; newest run first, in extraction order."""
    filters = RequirementFilter(run_id, account, category, priority)
    return RequirementService(db).page(principal.org_id, filters, limit=limit, offset=offset)


@router.get("/requirements/{requirement_id}")
def get_requirement(
    requirement_id: uuid.UUID, principal: RequirementsReader, db: DatabaseDep
) -> RequirementDetail:
    """One requirement with its evidence: the customer's own words, speaker and timestamp."""
    return RequirementService(db).get(principal.org_id, requirement_id)
