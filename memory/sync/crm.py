"""CRM sync: companies, deals with stage history, notes → tables and timeline events.

Incremental by ``hs_lastmodifieddate``: the cursor holds the newest modification time seen; the
next sync searches from it (inclusive, so a record modified in the same millisecond is not lost —
the upsert skips what is unchanged). ``full`` ignores the cursor and lists everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from memory.source_models import Company, CrmNote, Deal, DealStageChange
from memory.sync.base import Progress, SyncWriter, batched, event, iso, latest
from tools.crm.models import Company as WireCompany
from tools.crm.models import Deal as WireDeal
from tools.crm.protocol import CrmSource

BATCH = 500
CLOSED_WON, CLOSED_LOST = "closedwon", "closedlost"


def sync_crm(client: CrmSource, writer: SyncWriter, *, full: bool, progress: Progress) -> None:
    """Bring the org's CRM tables and events up to date."""
    _companies(client, writer, full, progress)
    _deals(client, writer, full, progress)
    _notes(client, writer, progress)


def _since(writer: SyncWriter, resource: str, full: bool) -> datetime | None:
    stamp = None if full else writer.cursor(resource).get("modified_since")
    return datetime.fromisoformat(stamp) if stamp else None


def _companies(client: CrmSource, writer: SyncWriter, full: bool, progress: Progress) -> None:
    since = _since(writer, "companies", full)
    found = client.list_companies() if since is None else client.search_companies(since)
    newest = since
    for batch in batched(iter(found), BATCH):
        rows = [_company_row(writer, c) for c in batch]
        events = [
            company_created_event(writer.org_id, c.id, c.created_at, c.name or c.id) for c in batch
        ]
        writer.write([(Company, rows, ("org_id", "id"))], events)
        newest = latest(newest, (c.updated_at for c in batch))
        progress("crm companies", len(batch))
    if newest is not None:
        writer.save_cursor("companies", {"modified_since": iso(newest)})


def _company_row(writer: SyncWriter, c: WireCompany) -> dict[str, Any]:
    return {
        "org_id": writer.org_id,
        "id": c.id,
        "name": c.name or "",
        "domain": c.domain,
        "industry": c.industry,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    }


def _deals(client: CrmSource, writer: SyncWriter, full: bool, progress: Progress) -> None:
    since = _since(writer, "deals", full)
    if since is None:
        found = client.list_deals(stage_history=True)
    else:
        # Search results carry no stage history: fetch it for each changed deal.
        found = (client.get_deal(d.id, stage_history=True) for d in client.search_deals(since))
    newest = since
    for batch in batched(iter(found), BATCH):
        deals = [_deal_row(writer, d) for d in batch]
        stages = [
            stage_change_row(writer.org_id, d.id, s.stage_id, s.at)
            for d in batch
            for s in d.stage_history
        ]
        writer.write(
            [
                (Deal, deals, ("org_id", "id")),
                (DealStageChange, stages, ("org_id", "deal_id", "at", "stage")),
            ],
            [e for d in batch for e in _deal_events(writer, d)],
        )
        newest = latest(newest, (d.updated_at for d in batch))
        progress("crm deals", len(batch))
    if newest is not None:
        writer.save_cursor("deals", {"modified_since": iso(newest)})


def _deal_row(writer: SyncWriter, d: WireDeal) -> dict[str, Any]:
    return {
        "org_id": writer.org_id,
        "id": d.id,
        "name": d.name or "",
        "company_id": d.company_ids[0] if d.company_ids else None,
        "pipeline": d.pipeline_id or "default",
        "stage": d.stage_id or "",
        "kind": d.kind,
        "amount": d.amount,
        "create_date": d.created_at,
        "close_date": d.close_date,
        "updated_at": d.updated_at,
        "requested_issue_keys": d.requested_issue_keys,
    }


def _deal_events(writer: SyncWriter, d: WireDeal) -> list[dict[str, Any]]:
    links = {
        "deal_id": d.id,
        "company_id": d.company_ids[0] if d.company_ids else None,
        "jira_keys": d.requested_issue_keys,
        "amount": d.amount,
        "deal_kind": d.kind,
    }
    name = d.name or d.id
    rows = [event(writer.org_id, "crm", "deal.created", d.id, d.created_at, name, **links)]
    rows += [stage_event(writer.org_id, name, s.stage_id, s.at, links) for s in d.stage_history]
    return rows


# Per-record mappings, shared by the sync and the webhook receivers so both write the same rows.


def company_created_event(org_id: UUID, company_id: str, at: datetime, name: str) -> dict[str, Any]:
    """The ``company.created`` event."""
    return event(org_id, "crm", "company.created", company_id, at, name, company_id=company_id)


def stage_change_row(org_id: UUID, deal_id: str, stage: str, at: datetime) -> dict[str, Any]:
    """The ``deal_stage_changes`` row of one move into ``stage``."""
    return {"org_id": org_id, "deal_id": deal_id, "at": at, "stage": stage}


def stage_event(
    org_id: UUID, name: str, stage: str, at: datetime, links: Mapping[str, Any]
) -> dict[str, Any]:
    """``deal.won``, ``deal.lost`` or ``deal.stage`` for a move into ``stage``.

    ``links`` must carry ``deal_id``; the external id is deal, stage and time, so the same move
    seen by the sync and by a webhook is one event.
    """
    deal_id = links["deal_id"]
    kind = {CLOSED_WON: "deal.won", CLOSED_LOST: "deal.lost"}.get(stage, "deal.stage")
    return event(
        org_id,
        "crm",
        kind,
        f"{deal_id}:{stage}:{at.isoformat()}",
        at,
        f"{name} → {stage}",
        stage=stage,
        **links,
    )


def _notes(client: CrmSource, writer: SyncWriter, progress: Progress) -> None:
    for batch in batched(iter(client.list_notes()), BATCH):
        rows = [
            {
                "org_id": writer.org_id,
                "id": n.id,
                "body": n.body,
                "timestamp": n.timestamp or n.created_at,
                "deal_id": n.deal_ids[0] if n.deal_ids else None,
                "company_id": n.company_ids[0] if n.company_ids else None,
                "updated_at": n.updated_at,
            }
            for n in batch
        ]
        events = [
            event(
                writer.org_id,
                "crm",
                "note.created",
                n.id,
                n.timestamp or n.created_at,
                n.body[:200],
                deal_id=n.deal_ids[0] if n.deal_ids else None,
            )
            for n in batch
        ]
        writer.write([(CrmNote, rows, ("org_id", "id"))], events)
        progress("crm notes", len(batch))
