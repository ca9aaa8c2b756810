"""CRM adapter (HubSpot CRM v3): the ``CrmSource`` protocol, its httpx client and webhooks."""

from tools.crm.client import HubSpotClient
from tools.crm.errors import (
    CrmAuthError,
    CrmError,
    CrmNotFound,
    CrmRateLimited,
    CrmUnavailable,
    CrmWebhookSignatureError,
)
from tools.crm.models import Association, Company, CrmConnection, Deal, Note, Pipeline
from tools.crm.protocol import CrmSource
from tools.crm.retry import RetryPolicy
from tools.crm.transport import ClientStats

__all__ = [
    "Association",
    "ClientStats",
    "Company",
    "CrmAuthError",
    "CrmConnection",
    "CrmError",
    "CrmNotFound",
    "CrmRateLimited",
    "CrmSource",
    "CrmUnavailable",
    "CrmWebhookSignatureError",
    "Deal",
    "HubSpotClient",
    "Note",
    "Pipeline",
    "RetryPolicy",
]
