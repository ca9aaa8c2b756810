"""CRM sync: companies, deals with stage history, notes → tables and timeline events.

Incremental by ``hs_lastmodifieddate``: the cursor holds the newest modification time seen; the
next sync searches from it (inclusive, so a record modified in the same millisecond is not lost —
the upsert skips what is unchanged). ``full`` ignores the cursor and lists everything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
            event(
                writer.org_id,
                "crm",
                "company.created",
                c.id,
                c.created_at,
                c.name or c.id,
                company_id=c.id,
            )
            for c in batch
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
            {"org_id": writer.org_id, "deal_id": d.id, "at": s.at, "stage": s.stage_id}
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
    for s in d.stage_history:
        kind = {CLOSED_WON: "deal.won", CLOSED_LOST: "deal.lost"}.get(s.stage_id, "deal.stage")
        rows.append(
            event(
                writer.org_id,
                "crm",
                kind,
                f"{d.id}:{s.stage_id}:{s.at.isoformat()}",
                s.at,
                f"{name} → {s.stage_id}",
                stage=s.stage_id,
                **links,
            )
        )
    return rows


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
