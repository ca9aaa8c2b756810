"""CRM v4 association routes: list one object's, create the default link, batch read."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tools.sandbox.servers.hubspot.errors import NOT_FOUND_MESSAGE, ApiError
from tools.sandbox.servers.hubspot.params import int_param, json_body, path_type, store_of
from tools.sandbox.servers.hubspot.render import iso
from tools.sandbox.servers.hubspot.schema import DEFAULT_ASSOCIATION, AssociationKind
from tools.sandbox.servers.hubspot.store import Store

MAX_LIMIT = 500
MAX_BATCH = 1000


def _to_json(to_id: str, kinds: list[AssociationKind]) -> dict[str, Any]:
    types: list[dict[str, Any]] = []
    for kind in kinds:
        item: dict[str, Any] = {"category": "HUBSPOT_DEFINED", "typeId": kind.type_id}
        if kind.label is not None:  # HubSpot sends null; its spec types the label as string
            item["label"] = kind.label
        types.append(item)
    # HubSpot sends toObjectId as a number; its spec (which the fake follows) says string.
    return {"toObjectId": to_id, "associationTypes": types}


def _exists(store: Store, request: Request, type_key: str, id_key: str) -> str:
    object_id = str(request.path_params[id_key])
    if store.get(path_type(request, type_key), object_id) is None:
        raise ApiError(404, NOT_FOUND_MESSAGE, "OBJECT_NOT_FOUND", context={"id": [object_id]})
    return object_id


async def list_associations(request: Request) -> Response:
    """``GET /crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}``."""
    store = store_of(request)
    object_id = _exists(store, request, "objectType", "objectId")
    pairs = store.associated(path_type(request), object_id, path_type(request, "toObjectType"))
    limit = max(1, min(int_param(request, "limit", MAX_LIMIT), MAX_LIMIT))
    start = _offset(request.query_params.get("after"))
    body: dict[str, Any] = {"results": [_to_json(i, k) for i, k in pairs[start : start + limit]]}
    if start + limit < len(pairs):
        after = base64.urlsafe_b64encode(str(start + limit).encode()).decode()
        link = str(request.url.include_query_params(after=after))
        body["paging"] = {"next": {"after": after, "link": link}}
    return JSONResponse(body)


async def create_default(request: Request) -> Response:
    """``PUT …/associations/default/{toObjectType}/{toObjectId}``: the unlabeled link, both ways."""
    store = store_of(request)
    from_type, to_type = path_type(request, "fromObjectType"), path_type(request, "toObjectType")
    from_id = _exists(store, request, "fromObjectType", "fromObjectId")
    to_id = _exists(store, request, "toObjectType", "toObjectId")
    if (from_type, to_type) not in DEFAULT_ASSOCIATION:
        raise ApiError(400, f"No default association type from {from_type} to {to_type}")
    now = iso(store.clock())
    made = store.associate(from_type, from_id, to_type, to_id)
    results = [
        {
            "from": {"id": f_id},
            "to": {"id": t_id},
            "associationSpec": {
                "associationCategory": "HUBSPOT_DEFINED",
                "associationTypeId": kind.type_id,
            },
        }
        for _, f_id, _, t_id, kind in made
    ]
    body = {"status": "COMPLETE", "results": results, "startedAt": now, "completedAt": now}
    return JSONResponse(body)


async def batch_read(request: Request) -> Response:
    """``POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read`` (207 on misses)."""
    store = store_of(request)
    from_type, to_type = path_type(request, "fromObjectType"), path_type(request, "toObjectType")
    inputs = (await json_body(request)).get("inputs")
    if not isinstance(inputs, list) or len(inputs) > MAX_BATCH:
        raise ApiError(400, f"'inputs' must be a list of at most {MAX_BATCH} objects")
    now = iso(store.clock())
    results: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for item in inputs:
        object_id = str(item.get("id")) if isinstance(item, dict) else ""
        pairs = store.associated(from_type, object_id, to_type)
        if pairs:
            to = [_to_json(i, k) for i, k in pairs]
            results.append({"from": {"id": object_id}, "to": to})
        else:
            errors.append(_no_associations(from_type, object_id, to_type))
    body: dict[str, Any] = {"status": "COMPLETE", "results": results}
    body.update(requestedAt=now, startedAt=now, completedAt=now)
    if errors:
        body.update(numErrors=len(errors), errors=errors)
    return JSONResponse(body, status_code=207 if errors else 200)


def _no_associations(from_type: str, object_id: str, to_type: str) -> dict[str, Any]:
    return {
        "status": "error",
        "category": "OBJECT_NOT_FOUND",
        "message": f"No {to_type} is associated with {from_type} {object_id}.",
        "context": {"fromObjectId": [object_id]},
        "errors": [],
        "links": {},
    }


def _offset(after: str | None) -> int:
    if not after:
        return 0
    try:
        return int(base64.urlsafe_b64decode(after.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, f"Invalid paging cursor: {after}") from None
