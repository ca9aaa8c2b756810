"""The subset of LangGraph Platform's Agent Protocol that langgraph-sdk uses."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["agent-protocol"])
