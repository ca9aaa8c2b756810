"""HubSpot webhook deliveries for the sandbox: event arrays signed with v3, posted to a receiver.

HubSpot posts a JSON array of up to 100 events with ``X-HubSpot-Signature-v3`` =
base64(HMAC-SHA256(client secret, method + URI + body + timestamp)) and
``X-HubSpot-Request-Timestamp`` (epoch ms); receivers reject requests older than 5 minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.hubspot.render import EPOCH

CLIENT_SECRET = "sandbox-hubspot-client-secret"
PORTAL_ID = 24_680_135
APP_ID = 1_357_913
MAX_EVENTS = 100  # per delivery
# HubSpot hashes the URI with these escapes decoded (its "Validating requests" page).
_DECODED = {
    "%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$",
    "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";",
}  # fmt: skip


@dataclass(frozen=True)
class Delivery:
    """One signed POST, ready to send (or to hand to a receiver in-process)."""

    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "POST"


def property_change(
    object_kind: str,
    object_id: str,
    name: str,
    value: str,
    *,
    occurred_at: datetime,
    event_id: int,
    subscription_id: int = 1,
    attempt_number: int = 0,
) -> dict[str, Any]:
    """A ``<kind>.propertyChange`` event, e.g. ``deal`` / ``dealstage`` / ``closedwon``."""
    return {
        "eventId": event_id,
        "subscriptionId": subscription_id,
        "portalId": PORTAL_ID,
        "appId": APP_ID,
        "occurredAt": epoch_ms(occurred_at),
        "subscriptionType": f"{object_kind}.propertyChange",
        "attemptNumber": attempt_number,
        "objectId": int(object_id),
        "propertyName": name,
        "propertyValue": value,
        "changeSource": "CRM_UI",
    }


def stage_change_events(
    company: SandboxCompany, *, since: datetime | None = None
) -> list[dict[str, Any]]:
    """``deal.propertyChange`` events for each dealstage change after ``since``, oldest first."""
    changes = [
        (change.at, deal.id, change.stage_id)
        for deal in company.deals
        for change in deal.stage_history
        if since is None or change.at > since
    ]
    changes.sort()
    return [
        property_change("deal", deal_id, "dealstage", stage, occurred_at=at, event_id=i + 1)
        for i, (at, deal_id, stage) in enumerate(changes)
    ]


def epoch_ms(moment: datetime) -> int:
    """Epoch milliseconds, in integer arithmetic (floats can land a millisecond early)."""
    return (moment - EPOCH) // timedelta(milliseconds=1)


def sign_v3(client_secret: str, method: str, uri: str, body: bytes, timestamp_ms: int) -> str:
    """HubSpot's v3 signature of one request."""
    for escaped, char in _DECODED.items():
        uri = uri.replace(escaped, char).replace(escaped.lower(), char)
    source = method.upper().encode() + uri.encode() + body + str(timestamp_ms).encode()
    return base64.b64encode(
        hmac.new(client_secret.encode(), source, hashlib.sha256).digest()
    ).decode()


def build_deliveries(
    events: list[dict[str, Any]],
    *,
    url: str,
    client_secret: str = CLIENT_SECRET,
    now: datetime | None = None,
) -> list[Delivery]:
    """Signed deliveries of at most 100 events each, stamped ``now`` (default: the clock)."""
    stamp = epoch_ms(now or datetime.now(UTC))
    deliveries = []
    for start in range(0, len(events), MAX_EVENTS):
        body = json.dumps(events[start : start + MAX_EVENTS], separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "X-HubSpot-Signature-v3": sign_v3(client_secret, "POST", url, body, stamp),
            "X-HubSpot-Request-Timestamp": str(stamp),
            # Still sent for old receivers: v1 is sha256 hex of secret + body.
            "X-HubSpot-Signature": hashlib.sha256(client_secret.encode() + body).hexdigest(),
            "X-HubSpot-Signature-Version": "v1",
        }
        deliveries.append(Delivery(url=url, body=body, headers=headers))
    return deliveries


def deliver(delivery: Delivery, client: httpx.Client) -> httpx.Response:
    """POST one delivery with exactly the signed bytes."""
    return client.request(
        delivery.method, delivery.url, content=delivery.body, headers=delivery.headers
    )
