"""The latest roadmap of the organization and its scoring weights."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1/roadmap", tags=["roadmap"])
