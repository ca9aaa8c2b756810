"""Webhook use cases: find the org's secret, verify, then apply each delivery exactly once.

Which org? The ``org`` query parameter of the URL configured at the vendor
(``/v1/webhooks/github?org=acme``), else ``settings.org``. Its secret is ``webhook_secret`` in
the secrets of the org's connector for that source (several connectors of one source: any of
their secrets verifies, which also lets a secret be rotated). HubSpot signs the URL it called;
behind a proxy that rewrites it, put the public URL in the connector's ``webhook_url`` setting.

The delivery id is recorded in ``webhook_deliveries`` in the same transaction as the rows it
applies, so a crash cannot leave a delivery marked applied without its effect, and a redelivery
(or a concurrent duplicate) applies nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from api.webhooks import crm, github, jira
from api.webhooks.changes import Changes, apply
from api.webhooks.schemas import DeliveryStatus, EventAck, WebhookAck
from devbizops.db import Database
from devbizops.errors import DevBizOpsError, InvalidInput, NotFound
from devbizops.secrets import SecretBox
from memory.repositories.connectors import ConnectorRepository
from memory.repositories.orgs import OrgRepository
from memory.repositories.webhooks import WebhookRepository
from tools.crm import webhooks as crm_hooks
from tools.crm.errors import CrmWebhookSignatureError
from tools.github import webhooks as github_hooks
from tools.github.errors import WebhookSignatureError
from tools.jira import webhooks as jira_hooks
from tools.jira.errors import JiraWebhookError

SECRET_FIELD = "webhook_secret"
T = TypeVar("T")


class InvalidSignature(DevBizOpsError):
    """A delivery whose signature is missing, malformed, wrong or outside its time window."""

    code = "invalid_signature"
    status = 401

    def __init__(self, source: str, message: str, *, reason: str) -> None:
        super().__init__(message, details={"source": source, "reason": reason})


@dataclass(frozen=True)
class Receiver:
    """An org's configuration for one source's webhooks."""

    org_id: uuid.UUID
    secrets: list[str]
    settings: dict[str, Any]


class WebhookService:
    def __init__(self, db: Database, box: SecretBox, default_org: str) -> None:
        self.db = db
        self.box = box
        self.default_org = default_org

    def github(self, org: str | None, headers: Mapping[str, str], body: bytes) -> WebhookAck:
        """Verify ``X-Hub-Signature-256`` and apply the delivery once."""
        receiver = self._receiver(org, "github")
        try:
            delivery = github_hooks.parse_delivery(headers, body, receiver.secrets)
        except WebhookSignatureError as exc:
            raise InvalidSignature("github", exc.message, reason=_github_reason(exc)) from exc
        found = github.changes(receiver.org_id, delivery)
        status = self._once(receiver.org_id, "github", delivery.delivery_id, delivery.event, found)
        return WebhookAck(status=status, delivery_id=delivery.delivery_id, event=delivery.event)

    def jira(self, org: str | None, headers: Mapping[str, str], body: bytes) -> WebhookAck:
        """Verify Jira's ``X-Hub-Signature`` and the payload's age, and apply the delivery once."""
        receiver = self._receiver(org, "jira")
        lowered = {k.lower(): v for k, v in headers.items()}
        signature = lowered.get(jira_hooks.SIGNATURE_HEADER.lower())
        event = _first_valid(
            "jira",
            receiver.secrets,
            lambda secret: jira_hooks.verify(body, signature, secret),
        )
        delivery_id = jira.delivery_id(event, lowered)
        found = jira.changes(receiver.org_id, event, jira.field_ids(receiver.settings))
        status = self._once(receiver.org_id, "jira", delivery_id, event.event, found)
        return WebhookAck(status=status, delivery_id=delivery_id, event=event.event)

    def crm(
        self, org: str | None, method: str, url: str, headers: Mapping[str, str], body: bytes
    ) -> WebhookAck:
        """Verify HubSpot's v3 signature (5-minute window) and apply each event once."""
        receiver = self._receiver(org, "crm")
        signed_url = str(receiver.settings.get("webhook_url") or url)
        _first_valid(
            "crm",
            receiver.secrets,
            lambda secret: crm_hooks.verify(
                client_secret=secret, method=method, uri=signed_url, body=body, headers=headers
            ),
        )
        try:
            events = crm_hooks.parse_events(body)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from exc
        acks: list[EventAck] = []
        with self.db.transaction() as session:
            repo = WebhookRepository(session, receiver.org_id)
            for e in events:
                deal_id = crm.wanted_deal(e)
                deal = repo.deal(deal_id) if deal_id else None
                found = crm.changes(receiver.org_id, e, deal)
                ack_id = crm.delivery_id(e)
                status = _record_and_apply(repo, "crm", ack_id, e.subscription_type, found)
                acks.append(EventAck(delivery_id=ack_id, event=e.subscription_type, status=status))
        return WebhookAck(
            status=_overall([a.status for a in acks]), delivery_id=None, event="batch", events=acks
        )

    def _receiver(self, org: str | None, source: str) -> Receiver:
        slug = org or self.default_org
        with self.db.transaction() as session:
            org_id = OrgRepository(session).get_id(slug)
            rows = ConnectorRepository(session, org_id).list(source) if org_id else []
            opened = [(dict(r.settings), self.box.open(r.secret)) for r in rows]
        usable = [(s, sealed[SECRET_FIELD]) for s, sealed in opened if sealed.get(SECRET_FIELD)]
        if org_id is None or not usable:
            raise NotFound(
                f"organization {slug!r} has no {source} connector with a {SECRET_FIELD!r} secret;"
                f" store the webhook secret under {SECRET_FIELD!r} in its {source} connector",
                details={"org": slug, "source": source, "secret": SECRET_FIELD},
            )
        return Receiver(org_id, [secret for _, secret in usable], usable[0][0])

    def _once(
        self, org_id: uuid.UUID, source: str, delivery_id: str, event: str, found: Changes | None
    ) -> DeliveryStatus:
        if found is None:
            return "ignored"
        with self.db.transaction() as session:
            repo = WebhookRepository(session, org_id)
            return _record_and_apply(repo, source, delivery_id, event, found)


def _record_and_apply(
    repo: WebhookRepository, source: str, delivery_id: str, event: str, found: Changes | None
) -> DeliveryStatus:
    if found is None:
        return "ignored"
    if not repo.record_delivery(source, delivery_id, event):
        return "duplicate"
    apply(repo, found)
    return "applied"


def _overall(statuses: list[DeliveryStatus]) -> DeliveryStatus:
    if "applied" in statuses:
        return "applied"
    return "duplicate" if "duplicate" in statuses else "ignored"


def _first_valid(source: str, secrets: list[str], check: Callable[[str], T]) -> T:
    """Run ``check`` with each secret; a signature that matches none is rejected.

    Only a mismatch moves on to the next secret: a stale or malformed delivery is rejected
    for that reason, whichever secret is tried.
    """
    last: JiraWebhookError | CrmWebhookSignatureError | None = None
    for secret in secrets:
        try:
            return check(secret)
        except (JiraWebhookError, CrmWebhookSignatureError) as exc:
            if exc.reason == "bad_payload":  # signed correctly, but not an event we can read
                raise InvalidInput(exc.message, details={"source": source}) from exc
            if exc.reason != "mismatch":
                raise InvalidSignature(source, exc.message, reason=exc.reason) from exc
            last = exc
    if last is None:
        raise InvalidSignature(source, "no webhook secret to verify with", reason="no_secret")
    raise InvalidSignature(source, last.message, reason=last.reason) from last


def _github_reason(exc: WebhookSignatureError) -> str:
    if exc.message.startswith("missing"):
        return "missing"
    return "malformed" if "is not" in exc.message else "mismatch"
