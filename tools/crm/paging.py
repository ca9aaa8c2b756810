"""HubSpot paging: ``paging.next.after`` cursors, and search past its 10,000-result cap."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from tools.crm.convert import parse_datetime, to_epoch_ms
from tools.crm.errors import CrmError
from tools.crm.wire import CrmObject, SearchPage, next_after

T = TypeVar("T")
SearchFetch = Callable[[int, str | None], SearchPage]  # (lower bound in epoch ms, after) → page


def follow_after(fetch: Callable[[str | None], tuple[list[T], str | None]]) -> Iterator[T]:
    """Yield every item across pages until a page comes back without ``paging.next``."""
    after: str | None = None
    while True:
        items, after = fetch(after)
        yield from items
        if after is None:
            return


def search_since(
    fetch: SearchFetch,
    *,
    since_ms: int,
    page_size: int,
    cap: int,
    modified_property: str = "hs_lastmodifieddate",
) -> Iterator[CrmObject]:
    """Every match of a search sorted ascending on ``modified_property``, once each.

    HubSpot refuses to page a search past ``cap`` results (10,000), so before a page would
    cross it the search restarts with the lower bound moved up to the last value seen. Objects
    that share that boundary value were already yielded and are skipped by id.
    """
    lower, boundary_ids = since_ms, set[str]()
    while True:
        window, after = 0, None
        top, top_ids = lower, set(boundary_ids)
        while True:
            page = fetch(lower, after)
            for obj in page.results:
                value = _modified_ms(obj, modified_property)
                if value == lower and obj.id in boundary_ids:
                    continue
                if value > top:
                    top, top_ids = value, set()
                top_ids.add(obj.id)
                yield obj
            window += len(page.results)
            after = next_after(page.paging)
            if after is None:
                return
            if window + page_size > cap:
                break  # the next page would cross the cap: restart from the boundary
        if top == lower:
            # A whole window shares one value: moving the bound cannot make progress.
            raise CrmError(
                f"more than {cap} search results share {modified_property}={lower}; "
                "HubSpot cannot page past them"
            )
        lower, boundary_ids = top, top_ids


def _modified_ms(obj: CrmObject, name: str) -> int:
    moment = parse_datetime(obj.properties.get(name))
    if moment is None:
        raise CrmError(f"search result {obj.id} has no {name}; cannot page by it")
    return to_epoch_ms(moment)
