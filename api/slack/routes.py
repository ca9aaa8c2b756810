"""The Slack bot: slack-bolt behind /slack/events."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["slack"])
