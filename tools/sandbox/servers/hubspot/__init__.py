"""Loopback HubSpot CRM (v3 objects, search, pipelines; v4 associations) and its webhooks."""

from tools.sandbox.servers.hubspot.app import (
    SANDBOX_TOKEN,
    create_app,
    fault_plan,
    portal,
    serve,
)
from tools.sandbox.servers.hubspot.ratelimit import RateLimits

__all__ = ["SANDBOX_TOKEN", "RateLimits", "create_app", "fault_plan", "portal", "serve"]
