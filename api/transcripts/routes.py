"""Transcripts upload and the requirements extracted from them."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1", tags=["transcripts"])
