"""GDPR/CCPA: export and erase what is stored about a person."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1/privacy", tags=["privacy"])
