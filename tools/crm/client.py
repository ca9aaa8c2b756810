"""``HubSpotClient``: CRM v3 objects, search and pipelines, and v4 associations, over httpx."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from types import TracebackType

import httpx

from tools.crm import convert
from tools.crm.associations import Associations
from tools.crm.models import (
    COMPANY_PROPERTIES,
    DEAL_PROPERTIES,
    Association,
    Company,
    CrmConnection,
    Deal,
    Note,
    Pipeline,
)
from tools.crm.notes import Notes
from tools.crm.paging import follow_after
from tools.crm.retry import RetryPolicy
from tools.crm.search import Search
from tools.crm.transport import HUBSPOT_API, ClientStats, Transport, decode
from tools.crm.wire import CrmObject, ObjectPage, PipelineList, next_after

# HubSpot caps list pages at 100 objects, and at 50 when propertiesWithHistory is asked for.
_HISTORY_PAGE = 50


class HubSpotClient:
    """A private-app (bearer token) client for one HubSpot account; implements ``CrmSource``."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = HUBSPOT_API,
        http: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        page_size: int = 100,
        search_page_size: int = 200,
        search_result_cap: int = 10_000,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._t = Transport(
            token,
            base_url=base_url,
            http=http,
            transport=transport,
            timeout=timeout,
            retry=retry,
            sleep=sleep,
        )
        self._page_size = page_size
        self._associations = Associations(self._t)
        self._search = Search(
            self._t, self._associations, page_size=search_page_size, cap=search_result_cap
        )
        self._notes = Notes(self._t, self._associations)

    @property
    def stats(self) -> ClientStats:
        """Requests sent, retries made and 429s seen by this client."""
        return self._t.stats

    def whoami(self) -> CrmConnection:
        """Read one company: proves the token and reports the rate-limit headers."""
        response = self._t.request("GET", "/crm/v3/objects/companies", params={"limit": 1})
        headers = response.headers
        return CrmConnection(
            base_url=self._t.base_url,
            daily_limit=_header_int(headers, "X-HubSpot-RateLimit-Daily"),
            daily_remaining=_header_int(headers, "X-HubSpot-RateLimit-Daily-Remaining"),
            interval_limit=_header_int(headers, "X-HubSpot-RateLimit-Max"),
            interval_remaining=_header_int(headers, "X-HubSpot-RateLimit-Remaining"),
        )

    def list_companies(
        self, *, properties: Sequence[str] = COMPANY_PROPERTIES
    ) -> Iterator[Company]:
        """Every company, each exactly once, following ``paging.next.after``."""
        for obj in self._list("companies", properties, (), history=False):
            yield convert.company(obj)

    def list_deals(
        self,
        *,
        properties: Sequence[str] = DEAL_PROPERTIES,
        associations: Sequence[str] = ("companies",),
        stage_history: bool = False,
    ) -> Iterator[Deal]:
        """Every deal with its company ids and, when asked, its dealstage history."""
        for obj in self._list("deals", properties, associations, history=stage_history):
            yield convert.deal(obj)

    def get_deal(self, deal_id: str, *, stage_history: bool = True) -> Deal:
        """One deal by id; ``CrmNotFound`` when HubSpot has no such deal."""
        params = _read_params(DEAL_PROPERTIES, ("companies",), history=stage_history)
        response = self._t.request("GET", f"/crm/v3/objects/deals/{deal_id}", params=params)
        return convert.deal(decode(CrmObject, response))

    def list_pipelines(self, object_type: str = "deals") -> list[Pipeline]:
        """Pipelines (not paged by HubSpot) in display order, stages in display order."""
        response = self._t.request("GET", f"/crm/v3/pipelines/{object_type}")
        pipelines = decode(PipelineList, response).results
        ordered = sorted((p for p in pipelines if not p.archived), key=lambda p: p.display_order)
        return [convert.pipeline(p) for p in ordered]

    def search_deals(
        self,
        modified_since: datetime,
        *,
        until: datetime | None = None,
        deal_kind: str | None = None,
        properties: Sequence[str] = DEAL_PROPERTIES,
        associations: Sequence[str] = ("companies",),
    ) -> Iterator[Deal]:
        """Deals with ``hs_lastmodifieddate`` ≥ ``modified_since`` (≤ ``until``), oldest first."""
        return self._search.deals(modified_since, until, deal_kind, properties, associations)

    def search_companies(
        self,
        modified_since: datetime,
        *,
        until: datetime | None = None,
        properties: Sequence[str] = COMPANY_PROPERTIES,
    ) -> Iterator[Company]:
        """Companies with ``hs_lastmodifieddate`` ≥ ``modified_since`` (≤ ``until``)."""
        return self._search.companies(modified_since, until, properties)

    def list_associations(
        self, from_type: str, from_id: str, to_type: str
    ) -> Iterator[Association]:
        """Objects of ``to_type`` associated with one object, with their association types."""
        return self._associations.list_for(from_type, from_id, to_type)

    def deal_company_ids(self, deal_ids: Sequence[str]) -> Mapping[str, list[str]]:
        """Company ids of many deals (v4 batch read); deals without companies map to []."""
        return self._associations.batch_ids("deals", deal_ids, "companies")

    def list_notes(
        self, *, deal_id: str | None = None, company_id: str | None = None
    ) -> Iterator[Note]:
        """Notes on one deal or company (via v4 associations), or every note."""
        return self._notes.list_for(
            deal_id=deal_id, company_id=company_id, page_size=self._page_size
        )

    def create_note(
        self,
        body: str,
        *,
        deal_id: str | None = None,
        company_id: str | None = None,
        idempotency_key: str,
        timestamp: datetime | None = None,
    ) -> Note:
        """Create a note once per ``idempotency_key``: looked up before every create attempt."""
        return self._notes.create(
            body,
            deal_id=deal_id,
            company_id=company_id,
            idempotency_key=idempotency_key,
            timestamp=timestamp,
        )

    def _list(
        self,
        object_type: str,
        properties: Sequence[str],
        associations: Sequence[str],
        *,
        history: bool,
    ) -> Iterator[CrmObject]:
        limit = min(self._page_size, _HISTORY_PAGE) if history else self._page_size
        base = {"limit": limit, **_read_params(properties, associations, history=history)}

        def fetch(after: str | None) -> tuple[list[CrmObject], str | None]:
            params = base if after is None else {**base, "after": after}
            response = self._t.request("GET", f"/crm/v3/objects/{object_type}", params=params)
            page = decode(ObjectPage, response)
            return page.results, next_after(page.paging)

        return follow_after(fetch)

    def close(self) -> None:
        """Close the HTTP client if this client opened it."""
        self._t.close()

    def __enter__(self) -> HubSpotClient:
        return self

    def __exit__(
        self, exc: type[BaseException] | None, val: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _read_params(
    properties: Sequence[str], associations: Sequence[str], *, history: bool
) -> dict[str, str | int]:
    params: dict[str, str | int] = {"properties": ",".join(properties)}
    if associations:
        params["associations"] = ",".join(associations)
    if history:
        params["propertiesWithHistory"] = "dealstage"
    return params


def _header_int(headers: httpx.Headers, name: str) -> int | None:
    value = headers.get(name)
    return int(value) if value is not None and value.strip().isdigit() else None
