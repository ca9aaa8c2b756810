"""Investor dashboard: metrics, chart specs and rendered charts."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1/dashboard", tags=["dashboard"])
