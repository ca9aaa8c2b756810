"""Verify Jira admin-webhook deliveries: ``X-Hub-Signature: sha256=<hex HMAC of the raw body>``.

Jira signs the exact bytes it sends with the webhook's secret (WebSub ``method=signature`` form;
the header is not ``X-Hub-Signature-256``). The signature covers no timestamp, so replays are
bounded by the payload's own ``timestamp`` (epoch ms) against ``max_age``.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tools.jira.errors import JiraWebhookError

SIGNATURE_HEADER = "X-Hub-Signature"
_SCHEME = "sha256="


class JiraWebhookEvent(BaseModel):
    """The parts of a delivery the receivers use; the raw payload stays in ``payload``."""

    model_config = ConfigDict(frozen=True)

    event: str  # "jira:issue_created", "jira:issue_updated", ...
    at: datetime
    issue_id: str | None = None
    issue_key: str | None = None
    user_account_id: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)


def signature(body: bytes, secret: str) -> str:
    """The header value Jira would send for ``body``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return _SCHEME + digest


def verify(
    body: bytes,
    signature_header: str | None,
    secret: str,
    *,
    max_age: timedelta = timedelta(minutes=5),
    now: datetime | None = None,
) -> JiraWebhookEvent:
    """Check the signature over the raw bytes, then the payload's age; return the event."""
    if not secret:
        raise JiraWebhookError("no webhook secret is configured", reason="no_secret")
    if not signature_header:
        raise JiraWebhookError(f"missing {SIGNATURE_HEADER} header", reason="missing")
    if not signature_header.startswith(_SCHEME):
        raise JiraWebhookError(f"{SIGNATURE_HEADER} is not a sha256= signature", reason="malformed")
    if not hmac.compare_digest(signature_header.encode(), signature(body, secret).encode()):
        raise JiraWebhookError("webhook signature does not match the body", reason="mismatch")
    event = _parse(body)
    age = (now or datetime.now(UTC)) - event.at
    # A little future skew is the sender's clock, not an attack; far-future is as bad as stale.
    if age > max_age or age < -max_age:
        raise JiraWebhookError(f"webhook delivery is stale ({age} old)", reason="stale")
    return event


def _parse(body: bytes) -> JiraWebhookEvent:
    try:
        raw = _Payload.model_validate_json(body)
    except ValidationError as exc:
        message = f"webhook body is not a Jira event: {exc}"
        raise JiraWebhookError(message, reason="bad_payload") from exc
    issue = raw.issue or {}
    user = raw.user or {}
    return JiraWebhookEvent(
        event=raw.webhook_event,
        at=datetime.fromtimestamp(raw.timestamp / 1000, UTC),
        issue_id=_str(issue.get("id")),
        issue_key=_str(issue.get("key")),
        user_account_id=_str(user.get("accountId")),
        payload=raw.model_dump(by_alias=True),
    )


class _Payload(BaseModel):
    model_config = ConfigDict(extra="allow")

    webhook_event: str = Field(alias="webhookEvent")
    timestamp: int
    issue: dict[str, Any] | None = None
    user: dict[str, Any] | None = None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
