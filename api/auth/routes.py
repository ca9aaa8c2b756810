"""Login, token refresh, the current caller, API keys and members."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1", tags=["auth"])
