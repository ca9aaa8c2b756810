"""Incremental reads through HubSpot's search API: modified-since filters, ascending, capped."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from tools.crm import convert
from tools.crm.associations import Associations
from tools.crm.models import DEAL_KIND, Company, Deal
from tools.crm.paging import search_since
from tools.crm.transport import Transport, decode
from tools.crm.wire import CrmObject, SearchPage

MODIFIED = "hs_lastmodifieddate"
_SORT_ASCENDING = [{"propertyName": MODIFIED, "direction": "ASCENDING"}]


class Search:
    """``POST /crm/v3/objects/{type}/search`` with ``after`` paging past the result cap."""

    def __init__(
        self, transport: Transport, associations: Associations, *, page_size: int, cap: int
    ) -> None:
        self._t = transport
        self._associations = associations
        self._page_size = min(page_size, cap)
        self._cap = cap

    def deals(
        self,
        since: datetime,
        until: datetime | None,
        deal_kind: str | None,
        properties: Sequence[str],
        associations: Sequence[str],
    ) -> Iterator[Deal]:
        """Deals modified in [since, until], oldest first, with company ids when asked."""
        extra = [] if deal_kind is None else [_filter(DEAL_KIND, "EQ", deal_kind)]
        companies: dict[str, list[str]] = {}

        def with_companies(page: SearchPage) -> None:
            # Search results carry no associations: one v4 batch read per page fills them in.
            if "companies" in associations and page.results:
                ids = [obj.id for obj in page.results]
                companies.update(self._associations.batch_ids("deals", ids, "companies"))

        for obj in self._run("deals", since, until, extra, properties, with_companies):
            yield convert.deal(obj, companies.pop(obj.id, []))

    def companies(
        self, since: datetime, until: datetime | None, properties: Sequence[str]
    ) -> Iterator[Company]:
        """Companies modified in [since, until], oldest first."""
        for obj in self._run("companies", since, until, [], properties, None):
            yield convert.company(obj)

    def _run(
        self,
        object_type: str,
        since: datetime,
        until: datetime | None,
        extra: list[dict[str, str]],
        properties: Sequence[str],
        on_page: Callable[[SearchPage], None] | None,
    ) -> Iterator[CrmObject]:
        upper = [] if until is None else [_filter(MODIFIED, "LTE", until)]
        path = f"/crm/v3/objects/{object_type}/search"

        def fetch(lower_ms: int, after: str | None) -> SearchPage:
            body: dict[str, object] = {
                "filterGroups": [{"filters": [_filter(MODIFIED, "GTE", lower_ms), *upper, *extra]}],
                "sorts": _SORT_ASCENDING,
                "properties": list(properties),
                "limit": self._page_size,
            }
            if after is not None:
                body["after"] = after
            page = decode(SearchPage, self._t.request("POST", path, json=body))
            if on_page is not None:
                on_page(page)
            return page

        return search_since(
            fetch,
            since_ms=convert.to_epoch_ms(since),
            page_size=self._page_size,
            cap=self._cap,
            modified_property=MODIFIED,
        )


def _filter(name: str, operator: str, value: str | int | datetime) -> dict[str, str]:
    # Datetime filters take epoch milliseconds as a string.
    if isinstance(value, datetime):
        value = convert.to_epoch_ms(value)
    return {"propertyName": name, "operator": operator, "value": str(value)}
