"""Jira webhook deliveries from the sandbox: payloads as Jira builds them, signed as Jira signs.

An admin webhook saved with a secret is sent with ``X-Hub-Signature: sha256=<lowercase hex
HMAC-SHA256 of the raw body keyed with the secret>``. The payload carries ``webhookEvent``,
``timestamp`` (epoch ms), ``issue_event_type_name``, ``user`` and ``issue``; updates add
``changelog``. Deliberately independent of ``tools.jira.webhooks`` so tests check one against
the other.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Any

import httpx

from tools.sandbox.servers.jira import beans, render, workflow
from tools.sandbox.servers.jira.store import IssueEvent

_TYPE_NAMES = {"jira:issue_created": "issue_created", "jira:issue_updated": "issue_generic"}


def payload(event: IssueEvent, site: beans.Site) -> dict[str, Any]:
    """The JSON Jira would POST for ``event``."""
    issue = site.store.get(event.issue_key)
    if issue is None:
        raise KeyError(event.issue_key)
    body: dict[str, Any] = {
        "timestamp": int(event.at.timestamp() * 1000),
        "webhookEvent": event.kind,
        "issue_event_type_name": _TYPE_NAMES[event.kind],
        "issue": beans.issue_bean(issue, site, fields=["*all"], expand=()),
    }
    user = site.store.user(event.user_account_id)
    if user is not None:
        body["user"] = render.user(user, site.base)
    if event.change is not None:
        body["changelog"] = {
            "id": event.change.id,
            "items": [
                {
                    "field": "status",
                    "fieldtype": "jira",
                    "fieldId": "status",
                    "from": workflow.status(event.change.from_status).id,
                    "fromString": event.change.from_status,
                    "to": workflow.status(event.change.to_status).id,
                    "toString": event.change.to_status,
                }
            ],
        }
    return body


def sign(body: bytes, secret: str) -> str:
    """The ``X-Hub-Signature`` value for ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def delivery(event_payload: dict[str, Any], secret: str | None) -> tuple[bytes, dict[str, str]]:
    """The exact bytes and headers of one delivery (unsigned when there is no secret)."""
    body = json.dumps(event_payload, separators=(",", ":")).encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Atlassian Webhook HTTP Client",
        "X-Atlassian-Webhook-Identifier": str(uuid.uuid4()),
    }
    if secret:
        headers["X-Hub-Signature"] = sign(body, secret)
    return body, headers


def deliver(
    url: str, event_payload: dict[str, Any], secret: str | None, *, client: httpx.Client
) -> httpx.Response:
    """POST one delivery to ``url`` (a receiver under test) and return its answer."""
    body, headers = delivery(event_payload, secret)
    return client.post(url, content=body, headers=headers)
