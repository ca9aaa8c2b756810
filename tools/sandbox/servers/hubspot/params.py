"""Reading HubSpot requests: object types in paths, list-valued query params, JSON bodies."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

from tools.sandbox.servers.hubspot.errors import ApiError
from tools.sandbox.servers.hubspot.schema import ObjectType, object_type
from tools.sandbox.servers.hubspot.store import Store


def store_of(request: Request) -> Store:
    """The portal behind this app."""
    store = request.app.state.store
    assert isinstance(store, Store)
    return store


def path_type(request: Request, key: str = "objectType") -> ObjectType:
    """The object type named in the path; 400 as HubSpot answers for an unknown one."""
    name = str(request.path_params[key])
    found = object_type(name)
    if found is None:
        raise ApiError(400, f"Unable to infer object type from: {name}")
    return found


def listed(request: Request, name: str) -> list[str]:
    """A list parameter sent repeated (``?p=a&p=b``) or comma-joined (``?p=a,b``), or both."""
    values = request.query_params.getlist(name)
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def int_param(request: Request, name: str, default: int) -> int:
    """An integer query parameter; 400 when it is not one."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ApiError(400, f"Invalid value for {name}: {raw!r} is not an integer") from None


async def json_body(request: Request) -> dict[str, Any]:
    """The JSON object body; 400 in HubSpot's words when it is not one."""
    raw = await request.body()
    try:
        body = json.loads(raw or b"{}")
    except ValueError as exc:
        raise ApiError(400, f"Invalid input JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ApiError(400, "Invalid input JSON: expected an object")
    return body
