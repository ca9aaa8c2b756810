"""HTTP routes of runs: create (idempotent), list, get, events (SSE), cancel, resume, state."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1/runs", tags=["runs"])
