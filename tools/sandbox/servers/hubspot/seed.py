"""Fill a portal from the sandbox company: companies, deals (with stage history), notes, links."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tools.sandbox.model import CrmCompany, CrmDeal, CrmNote, SandboxCompany
from tools.sandbox.servers.hubspot.render import iso, number
from tools.sandbox.servers.hubspot.store import HistoryEntry, Record, Store


def store_from(company: SandboxCompany, *, clock: Callable[[], datetime]) -> Store:
    """A store holding the company's CRM records in HubSpot's property form."""
    store = Store(list(company.pipelines), epoch=company.start, clock=clock)
    for crm_company in company.companies:
        store.add("companies", _company(crm_company))
    for deal in company.deals:
        store.add("deals", _deal(deal))
        store.associate("deals", deal.id, "companies", deal.company_id, primary=True)
    for note in company.notes:
        store.add("notes", _note(note))
        if note.deal_id:
            store.associate("notes", note.id, "deals", note.deal_id)
        if note.company_id:
            store.associate("notes", note.id, "companies", note.company_id)
    return store


def _company(c: CrmCompany) -> Record:
    properties = {
        "name": c.name,
        "domain": c.domain,
        "industry": c.industry,
        "numberofemployees": str(c.employees),
        "country": c.country,
        "createdate": iso(c.created_at),
        "hs_lastmodifieddate": iso(c.updated_at),
        "hs_object_id": c.id,
    }
    return Record(c.id, c.created_at, c.updated_at, properties)


def _deal(d: CrmDeal) -> Record:
    properties = {
        "dealname": d.name,
        "amount": number(d.amount),
        "dealstage": d.stage_id,
        "pipeline": d.pipeline_id,
        "createdate": iso(d.create_date),
        "hs_lastmodifieddate": iso(d.updated_at),
        "hs_object_id": d.id,
        "deal_kind": d.kind,
    }
    if d.close_date is not None:
        properties["closedate"] = iso(d.close_date)
    if d.requested_issue_keys:
        properties["requested_issue_keys"] = ";".join(d.requested_issue_keys)
    history = [HistoryEntry(change.stage_id, change.at) for change in d.stage_history]
    if not history:
        history = [HistoryEntry(d.stage_id, d.create_date)]
    return Record(d.id, d.create_date, d.updated_at, properties, {"dealstage": history})


def _note(n: CrmNote) -> Record:
    properties = {
        "hs_note_body": n.body,
        "hs_timestamp": iso(n.timestamp),
        "hs_createdate": iso(n.timestamp),
        "hs_lastmodifieddate": iso(n.updated_at),
        "hs_object_id": n.id,
    }
    return Record(n.id, n.timestamp, n.updated_at, properties)
