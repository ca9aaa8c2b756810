"""What the webhook receivers answer (202 in every accepted case)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# applied: written now; duplicate: this delivery id was applied before, nothing written;
# ignored: a verified event of a type we do not apply.
DeliveryStatus = Literal["applied", "duplicate", "ignored"]


class EventAck(BaseModel):
    """One event of a HubSpot delivery (which batches up to 100 events)."""

    delivery_id: str
    event: str
    status: DeliveryStatus


class WebhookAck(BaseModel):
    status: DeliveryStatus
    delivery_id: str | None = Field(
        description="the vendor's delivery id; null for HubSpot, whose events carry their own"
    )
    event: str
    events: list[EventAck] = Field(default_factory=list)
