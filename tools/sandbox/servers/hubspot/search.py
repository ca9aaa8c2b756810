"""``POST /crm/v3/objects/{objectType}/search``: filters, sorts, ``after`` offsets, result cap."""

from __future__ import annotations

from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tools.sandbox.servers.hubspot.errors import ApiError
from tools.sandbox.servers.hubspot.filters import comparable, matches, parse_groups
from tools.sandbox.servers.hubspot.objects import requested
from tools.sandbox.servers.hubspot.params import json_body, path_type, store_of
from tools.sandbox.servers.hubspot.render import object_json
from tools.sandbox.servers.hubspot.schema import PROPERTIES, PropertyType
from tools.sandbox.servers.hubspot.store import Record

MAX_LIMIT = 200


async def search_objects(request: Request) -> Response:
    """Matching objects sorted as asked (else by id); 400 once ``after`` reaches the cap."""
    kind, store = path_type(request), store_of(request)
    cap: int = request.app.state.search_cap
    # HubSpot's guide accepts ``{}``: every field of the spec's "required" list is optional here.
    body = await json_body(request)
    types = PROPERTIES[kind]
    groups = parse_groups(body, types)
    limit = _int(body.get("limit", 10), "limit")
    after = _int(body.get("after") or 0, "after")
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, f"limit must be between 1 and {MAX_LIMIT}")
    if after >= cap:
        raise ApiError(400, f"Search results are limited to {cap}; page with narrower filters")
    records = [r for r in store.sorted(kind) if matches(r, groups, types)]
    records = _text_query(records, body.get("query"))
    for name, descending in reversed(_sorts(body.get("sorts"), types)):
        records.sort(key=partial(_sort_key, name=name, types=types), reverse=descending)
    window = records[after : min(after + limit, cap)]
    names = requested(kind, [str(p) for p in body.get("properties") or []])
    out: dict[str, Any] = {
        "total": len(records),
        "results": [object_json(store, kind, r, names) for r in window],
    }
    if after + len(window) < len(records):
        out["paging"] = {"next": {"after": str(after + len(window))}}
    return JSONResponse(out)


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Invalid {name}: {value!r}") from None


def _sorts(raw: Any, types: dict[str, PropertyType]) -> list[tuple[str, bool]]:
    # The spec types sorts as strings; clients send {"propertyName", "direction"} objects.
    sorts: list[tuple[str, bool]] = []
    for item in raw or []:
        if isinstance(item, dict):
            name = str(item.get("propertyName", ""))
            descending = str(item.get("direction", "ASCENDING")).upper() == "DESCENDING"
        else:
            text = str(item)
            name, descending = text.lstrip("-"), text.startswith("-")
        if name not in types:
            raise ApiError(400, f"Cannot sort by unknown property {name!r}")
        sorts.append((name, descending))
    return sorts


def _sort_key(record: Record, *, name: str, types: dict[str, PropertyType]) -> tuple[int, Any]:
    raw = record.properties.get(name)
    return (1, 0) if raw is None else (0, comparable(types[name], raw))


def _text_query(records: list[Record], query: Any) -> list[Record]:
    if not query:
        return records
    needle = str(query).casefold()
    return [r for r in records if any(needle in v.casefold() for v in r.properties.values())]
