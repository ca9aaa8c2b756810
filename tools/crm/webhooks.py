"""Receive HubSpot webhooks: verify the v3 signature (5-minute window) and parse the events."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from tools.crm.errors import CrmWebhookSignatureError

SIGNATURE_HEADER = "X-HubSpot-Signature-v3"
TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp"
MAX_AGE = timedelta(minutes=5)

# HubSpot signs the URI with these escapes decoded (its "Validating requests" page).
_DECODED = {
    "%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$",
    "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";",
}  # fmt: skip


class WebhookEvent(BaseModel):
    """One event of a delivery (HubSpot posts a JSON array of them)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, coerce_numbers_to_str=True)

    event_id: str = Field(alias="eventId")
    subscription_id: str = Field(alias="subscriptionId")
    portal_id: str = Field(alias="portalId")
    app_id: str | None = Field(default=None, alias="appId")
    occurred_at: int = Field(alias="occurredAt")  # epoch ms
    subscription_type: str = Field(alias="subscriptionType")  # "deal.propertyChange", ...
    attempt_number: int = Field(default=0, alias="attemptNumber")
    object_id: str | None = Field(default=None, alias="objectId")
    property_name: str | None = Field(default=None, alias="propertyName")
    property_value: str | None = Field(default=None, alias="propertyValue")
    change_source: str | None = Field(default=None, alias="changeSource")


_EVENTS = TypeAdapter(list[WebhookEvent])


def verify(
    *,
    client_secret: str,
    method: str,
    uri: str,
    body: bytes,
    headers: Mapping[str, str],
    now: datetime | None = None,
) -> None:
    """Accept a delivery signed with v3, or raise ``CrmWebhookSignatureError``.

    ``uri`` is the full URL HubSpot called (``https://host/path?query``); ``body`` the raw bytes.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    signature = lowered.get(SIGNATURE_HEADER.lower())
    stamp = lowered.get(TIMESTAMP_HEADER.lower())
    if not signature or not stamp:
        raise CrmWebhookSignatureError("webhook lacks the v3 signature headers", reason="missing")
    try:
        sent = datetime.fromtimestamp(int(stamp) / 1000, tz=UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise CrmWebhookSignatureError(
            "webhook timestamp is not epoch ms", reason="malformed"
        ) from exc
    # A future timestamp is refused too, so a captured request cannot be pre-dated for replay.
    if abs((now or datetime.now(UTC)) - sent) > MAX_AGE:
        raise CrmWebhookSignatureError(
            "webhook timestamp outside the 5-minute window", reason="stale"
        )
    expected = signature_v3(client_secret, method, uri, body, stamp.strip())
    if not hmac.compare_digest(expected.encode(), signature.strip().encode()):
        raise CrmWebhookSignatureError("webhook signature does not match", reason="mismatch")


def signature_v3(client_secret: str, method: str, uri: str, body: bytes, timestamp: str) -> str:
    """base64(HMAC-SHA256(secret, method + decoded uri + body + timestamp))."""
    source = method.upper().encode() + _decode_uri(uri).encode() + body + timestamp.encode()
    digest = hmac.new(client_secret.encode(), source, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def parse_events(body: bytes) -> list[WebhookEvent]:
    """The events of a verified delivery; ``ValueError`` when the body is not HubSpot's shape."""
    try:
        return _EVENTS.validate_json(body)
    except ValidationError as exc:
        raise ValueError(f"not a HubSpot webhook payload: {exc.error_count()} problem(s)") from exc


def _decode_uri(uri: str) -> str:
    for escaped, char in _DECODED.items():
        uri = uri.replace(escaped, char).replace(escaped.lower(), char)
    return uri
