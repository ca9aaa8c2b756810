"""GDPR/CCPA: export and erase what is stored about a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import DatabaseDep, require
from api.privacy.schemas import EraseIn, PrivacyErasure, PrivacyExport
from api.privacy.service import PrivacyService

router = APIRouter(prefix="/v1/privacy", tags=["privacy"])

PrivacyOfficer = Annotated[Principal, require(Permission.PRIVACY_MANAGE)]


def get_privacy(db: DatabaseDep) -> PrivacyService:
    return PrivacyService(db)


Privacy = Annotated[PrivacyService, Depends(get_privacy)]


@router.get("/export")
def export(
    principal: PrivacyOfficer,
    privacy: Privacy,
    email: Annotated[str, Query(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")],
) -> PrivacyExport:
    """Everything the organization stores about the person with this email."""
    return privacy.export(principal.org_id, principal.org_slug, email)


@router.post("/erase")
def erase(principal: PrivacyOfficer, body: EraseIn, privacy: Privacy) -> PrivacyErasure:
    """Pseudonymise the person in transcripts and evidence, delete their personal fields and
    (when no other org keeps them) their account. Repeating it changes nothing."""
    return privacy.erase(principal.org_id, principal.actor, body.email)
