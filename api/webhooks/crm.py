"""HubSpot events → rows and events, from what each event itself says.

HubSpot events carry only ``objectId``, ``propertyName``, ``propertyValue``, ``occurredAt`` and
``subscriptionType``, so only what those fields state is applied:

- ``deal.propertyChange`` on ``dealstage``: a ``deal_stage_changes`` row, a ``deal.stage`` /
  ``deal.won`` / ``deal.lost`` event (the same external id the sync gives that move), and the
  stored deal's stage when the deal is known and was not modified later;
- ``deal.creation`` / ``company.creation``: a ``deal.created`` / ``company.created`` event.

Not applied (acknowledged as ignored, the next sync fills them in): other property changes,
deletions, merges, association changes, contacts and every other subscription type; the deal or
company row itself is never created from a webhook, since the event lacks its name, amount, etc.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from api.webhooks.changes import Changes, DealStageMove, Upsert
from memory.source_models import Deal, DealStageChange
from memory.sync import crm as mapping
from memory.sync.base import event as timeline_event
from tools.crm.webhooks import WebhookEvent

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def delivery_id(e: WebhookEvent) -> str:
    """HubSpot sends no delivery id; an event keeps these four across retries."""
    return f"{e.portal_id}:{e.subscription_id}:{e.event_id}:{e.occurred_at}"


def occurred(e: WebhookEvent) -> datetime:
    """``occurredAt`` (epoch ms) exactly: floats can land a millisecond off the sync's value."""
    return EPOCH + timedelta(milliseconds=e.occurred_at)


def changes(org_id: uuid.UUID, e: WebhookEvent, deal: Deal | None) -> Changes | None:
    """What one event changes; None when it is not one we apply. ``deal`` is the stored deal."""
    if not e.object_id:
        return None
    at = occurred(e)
    if e.subscription_type == "deal.propertyChange" and e.property_name == "dealstage":
        if not e.property_value:
            return None
        stage = e.property_value
        name = deal.name if deal is not None and deal.name else e.object_id
        return Changes(
            [
                Upsert(
                    DealStageChange,
                    [mapping.stage_change_row(org_id, e.object_id, stage, at)],
                    ("org_id", "deal_id", "at", "stage"),
                )
            ],
            [mapping.stage_event(org_id, name, stage, at, _deal_links(e.object_id, deal))],
            deal_stage=DealStageMove(e.object_id, stage, at) if deal is not None else None,
        )
    if e.subscription_type == "deal.creation":
        name = deal.name if deal is not None and deal.name else e.object_id
        links = _deal_links(e.object_id, deal)
        created = timeline_event(org_id, "crm", "deal.created", e.object_id, at, name, **links)
        return Changes(events=[created])
    if e.subscription_type == "company.creation":
        return Changes(events=[mapping.company_created_event(org_id, e.object_id, at, e.object_id)])
    return None


def wanted_deal(e: WebhookEvent) -> str | None:
    """The deal id whose stored row the event's mapping reads, if any."""
    return e.object_id if e.subscription_type.startswith("deal.") else None


def _deal_links(deal_id: str, deal: Deal | None) -> dict[str, Any]:
    # The same links the sync writes, so a webhook event and a synced one are identical.
    if deal is None:
        return {"deal_id": deal_id}
    return {
        "deal_id": deal_id,
        "company_id": deal.company_id,
        "jira_keys": list(deal.requested_issue_keys or []),
        "amount": deal.amount,
        "deal_kind": deal.kind,
    }
