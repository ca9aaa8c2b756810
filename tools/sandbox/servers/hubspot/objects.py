"""CRM v3 object routes: list (``limit``/``after``), read by id or ``idProperty``, create."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tools.sandbox.servers.hubspot.errors import NOT_FOUND_MESSAGE, ApiError, error_response
from tools.sandbox.servers.hubspot.params import int_param, json_body, listed, path_type, store_of
from tools.sandbox.servers.hubspot.render import iso, object_json
from tools.sandbox.servers.hubspot.schema import (
    CREATED_PROPERTY,
    DEFAULT_PROPERTIES,
    ObjectType,
    object_type,
)
from tools.sandbox.servers.hubspot.store import HistoryEntry, Record
from tools.sandbox.servers.hubspot.writes import validated_associations, validated_properties

MAX_LIMIT = 100
HISTORY_LIMIT = 50  # HubSpot reads fewer objects per page when history is asked for


def requested(object_type_: ObjectType, names: Sequence[str]) -> list[str]:
    """The properties a read returns: the defaults, or the named ones plus the always-on three."""
    if not names:
        return list(DEFAULT_PROPERTIES[object_type_])
    always = (CREATED_PROPERTY[object_type_], "hs_lastmodifieddate", "hs_object_id")
    return list(dict.fromkeys([*names, *always]))


def associated_types(request: Request) -> list[ObjectType]:
    """``associations=`` types HubSpot knows; unknown ones are ignored, as its docs say."""
    found = (object_type(name) for name in listed(request, "associations"))
    return list(dict.fromkeys(t for t in found if t is not None))


async def list_objects(request: Request) -> Response:
    """``GET /crm/v3/objects/{objectType}``: a page by ascending id, ``paging.next.after``."""
    kind, store = path_type(request), store_of(request)
    history = listed(request, "propertiesWithHistory")
    limit = max(1, min(int_param(request, "limit", 10), HISTORY_LIMIT if history else MAX_LIMIT))
    after_raw = request.query_params.get("after") or "0"
    if not after_raw.isdigit():
        raise ApiError(400, f"Invalid paging cursor: {after_raw}")
    archived = request.query_params.get("archived", "false").lower() == "true"
    records = [] if archived else [r for r in store.sorted(kind) if int(r.id) >= int(after_raw)]
    page, rest = records[:limit], records[limit:]
    names = requested(kind, listed(request, "properties"))
    links = associated_types(request)
    body: dict[str, object] = {
        "results": [
            object_json(store, kind, r, names, history=history, associations=links) for r in page
        ]
    }
    if rest:
        after = rest[0].id
        link = str(request.url.include_query_params(after=after))
        body["paging"] = {"next": {"after": after, "link": link}}
    return JSONResponse(body)


async def get_object(request: Request) -> Response:
    """``GET /crm/v3/objects/{objectType}/{objectId}`` (``idProperty`` for unique properties)."""
    kind, store = path_type(request), store_of(request)
    object_id = str(request.path_params["objectId"])
    record = store.get(kind, object_id, request.query_params.get("idProperty"))
    if record is None:
        raise ApiError(404, NOT_FOUND_MESSAGE, "OBJECT_NOT_FOUND", context={"id": [object_id]})
    names = requested(kind, listed(request, "properties"))
    history = listed(request, "propertiesWithHistory")
    body = object_json(
        store, kind, record, names, history=history, associations=associated_types(request)
    )
    return JSONResponse(body)


async def create_object(request: Request) -> Response:
    """``POST /crm/v3/objects/{objectType}``: validate, store, link; 201 with the new object."""
    kind, store = path_type(request), store_of(request)
    body = await json_body(request)
    properties = validated_properties(store, kind, body.get("properties"))
    links = validated_associations(store, kind, body.get("associations", []))
    now = store.clock()
    object_id = store.new_id()
    properties.update(
        {
            CREATED_PROPERTY[kind]: iso(now),
            "hs_lastmodifieddate": iso(now),
            "hs_object_id": object_id,
        }
    )
    if kind == "deals":
        properties.setdefault("pipeline", "default")
    history = (
        {"dealstage": [HistoryEntry(properties["dealstage"], now)]}
        if "dealstage" in properties
        else {}
    )
    record = store.add(kind, Record(object_id, now, now, properties, history))
    for to_type, to_id, primary in links:
        store.associate(kind, object_id, to_type, to_id, primary=primary)
    lost = store.take_lost_write()
    if lost is not None:
        # The write is committed; only its answer is lost, as when a gateway times out.
        return error_response(lost, "internal error (sandbox lost response)", "INTERNAL_ERROR")
    return JSONResponse(object_json(store, kind, record, list(properties)), status_code=201)
