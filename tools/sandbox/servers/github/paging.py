"""GitHub's page-number pagination: ``page``/``per_page`` (30 by default, 100 at most) and the
``Link`` header with next/prev/first/last, absent when everything fits on one page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from starlette.datastructures import URL, QueryParams

T = TypeVar("T")
DEFAULT_PER_PAGE = 30
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class PageOf(Generic[T]):
    items: Sequence[T]
    link: str | None


def _positive(query: QueryParams, name: str, default: int) -> int:
    # GitHub ignores a page size or number it cannot read rather than failing the request.
    try:
        value = int(query.get(name, default))
    except ValueError:
        return default
    return value if value >= 1 else default


def paginate(url: URL, items: Sequence[T]) -> PageOf[T]:
    """Cut ``items`` to the page ``url`` asks for and build the Link header around it."""
    query = QueryParams(url.query)
    per_page = min(_positive(query, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    page = _positive(query, "page", 1)
    last = max(1, -(-len(items) // per_page))
    start = (page - 1) * per_page
    rels: list[tuple[str, int]] = []
    if page > 1:
        rels.append(("prev", page - 1))
    if page < last:
        rels += [("next", page + 1), ("last", last)]
    if page > 1:
        rels.append(("first", 1))
    link = ", ".join(f'<{url.include_query_params(page=n)}>; rel="{rel}"' for rel, n in rels)
    return PageOf(items[start : start + per_page], link or None)
