"""HubSpot notes: reading them per deal/company, and creating them at most once per key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import httpx

from tools.crm import convert
from tools.crm.associations import Associations
from tools.crm.models import IDEMPOTENCY_KEY, NOTE_PROPERTIES, Note
from tools.crm.paging import follow_after
from tools.crm.transport import Transport, decode
from tools.crm.wire import CrmObject, ObjectPage, SearchPage, next_after

# HubSpot-defined association types (HubSpot's "associations v4" docs): note → deal / company.
NOTE_TO_DEAL = 214
NOTE_TO_COMPANY = 190
_NOTE_READ = {"properties": ",".join(NOTE_PROPERTIES), "associations": "deals,companies"}


class Notes:
    """Note reads and idempotent note creation over a shared transport."""

    def __init__(self, transport: Transport, associations: Associations) -> None:
        self._t = transport
        self._associations = associations

    def list_for(
        self, *, deal_id: str | None, company_id: str | None, page_size: int
    ) -> Iterator[Note]:
        """Notes on a deal and/or company; every note (list endpoint) when neither is given."""
        if deal_id is None and company_id is None:
            yield from self._all(page_size)
            return
        owner_type, owner_id = ("deals", deal_id) if deal_id else ("companies", company_id)
        assert owner_id is not None
        for association in self._associations.list_for(owner_type, owner_id, "notes"):
            note = self.get(association.to_id)
            if company_id is None or company_id in note.company_ids:
                yield note

    def get(self, note_id: str) -> Note:
        """One note with its deal and company ids."""
        return self._get(note_id, self._t.request)

    def _get(self, note_id: str, send: Callable[..., httpx.Response]) -> Note:
        response = send("GET", f"/crm/v3/objects/notes/{note_id}", params=_NOTE_READ)
        return convert.note(decode(CrmObject, response))

    def create(
        self,
        body: str,
        *,
        deal_id: str | None,
        company_id: str | None,
        idempotency_key: str,
        timestamp: datetime | None,
    ) -> Note:
        """Look the key up, create only when absent; the pair is retried as one unit.

        A create whose answer was lost (timeout, 5xx after the write) is therefore followed by
        a lookup that finds the note instead of a second POST that would duplicate it.
        """
        if not idempotency_key.strip():
            raise ValueError("create_note needs a non-empty idempotency_key")
        moment = timestamp or datetime.now(UTC)
        payload = {
            "properties": {
                "hs_note_body": body,
                "hs_timestamp": convert.to_hubspot_datetime(moment),
                IDEMPOTENCY_KEY: idempotency_key,
            },
            # The spec requires the field even when empty.
            "associations": [
                *_association(deal_id, NOTE_TO_DEAL),
                *_association(company_id, NOTE_TO_COMPANY),
            ],
        }

        def attempt() -> Note:
            existing = self._find(idempotency_key)
            if existing is not None:
                return self._get(existing, self._t.send)
            response = self._t.send("POST", "/crm/v3/objects/notes", json=payload)
            created = convert.note(decode(CrmObject, response))
            # The create answer carries no associations; they are the ones we just sent.
            return created.model_copy(
                update={"deal_ids": _ids(deal_id), "company_ids": _ids(company_id)}
            )

        return self._t.retrying(attempt)

    def _find(self, idempotency_key: str) -> str | None:
        # Real HubSpot indexes new objects for search within seconds, not instantly; the
        # backoff before a retry is what gives a just-created note time to become findable.
        body = {
            "filterGroups": [
                {
                    "filters": [
                        {
                            "propertyName": IDEMPOTENCY_KEY,
                            "operator": "EQ",
                            "value": idempotency_key,
                        }
                    ]
                }
            ],
            "properties": [IDEMPOTENCY_KEY],
            "limit": 1,
        }
        response = self._t.send("POST", "/crm/v3/objects/notes/search", json=body)
        page = decode(SearchPage, response)
        return page.results[0].id if page.results else None

    def _all(self, page_size: int) -> Iterator[Note]:
        def fetch(after: str | None) -> tuple[list[Note], str | None]:
            params: dict[str, str | int] = {"limit": page_size, **_NOTE_READ}
            if after is not None:
                params["after"] = after
            response = self._t.request("GET", "/crm/v3/objects/notes", params=params)
            page = decode(ObjectPage, response)
            return [convert.note(obj) for obj in page.results], next_after(page.paging)

        return follow_after(fetch)


def _association(object_id: str | None, type_id: int) -> list[dict[str, object]]:
    if object_id is None:
        return []
    return [
        {
            "to": {"id": object_id},
            "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}],
        }
    ]


def _ids(object_id: str | None) -> list[str]:
    return [] if object_id is None else [object_id]
