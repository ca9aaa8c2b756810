"""Connectors CRUD; secrets are write-only."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1/connectors", tags=["connectors"])
