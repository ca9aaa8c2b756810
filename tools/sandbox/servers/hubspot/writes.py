"""Create-body checks as HubSpot makes them: known, writable, well-typed properties; real links."""

from __future__ import annotations

from typing import Any

from tools.sandbox.servers.hubspot.errors import ApiError, invalid_properties
from tools.sandbox.servers.hubspot.render import iso, parse_moment
from tools.sandbox.servers.hubspot.schema import (
    BY_TYPE_ID,
    PRIMARY_ASSOCIATION,
    PROPERTIES,
    READ_ONLY,
    ObjectType,
)
from tools.sandbox.servers.hubspot.store import Store

Problem = tuple[str, str, str]  # (property, HubSpot error code, message)


def validated_properties(store: Store, kind: ObjectType, given: Any) -> dict[str, str]:
    """String property values ready to store; 400 listing every invalid one."""
    if not isinstance(given, dict):
        raise ApiError(400, "Invalid input JSON: 'properties' must be an object")
    known = PROPERTIES[kind]
    problems: list[Problem] = []
    values: dict[str, str] = {}
    for name, value in given.items():
        if name not in known:
            problems.append((name, "PROPERTY_DOESNT_EXIST", f'Property "{name}" does not exist'))
        elif name in READ_ONLY:
            problems.append((name, "READ_ONLY_VALUE", f'"{name}" is a read only property'))
        elif value is not None:
            text = str(value).lower() if isinstance(value, bool) else str(value)
            checked = _typed(name, known[name], text, problems)
            if checked is not None:
                values[name] = checked
    if kind == "notes" and "hs_timestamp" not in given:
        problems.append(("hs_timestamp", "REQUIRED_FIELD", "hs_timestamp is required"))
    if kind == "deals" and "dealstage" in values:
        _check_stage(store, values.get("pipeline", "default"), values["dealstage"], problems)
    if problems:
        raise invalid_properties(problems)
    return values


def validated_associations(
    store: Store, kind: ObjectType, given: Any
) -> list[tuple[ObjectType, str, bool]]:
    """``(to_type, to_id, primary)`` for each association in a create body; 400 if any is bad."""
    if not isinstance(given, list):
        raise ApiError(400, "Invalid input JSON: 'associations' must be an array")
    links: list[tuple[ObjectType, str, bool]] = []
    for item in given:
        target = item.get("to") if isinstance(item, dict) else None
        types = item.get("types") if isinstance(item, dict) else None
        if not isinstance(target, dict) or "id" not in target or not isinstance(types, list):
            raise ApiError(400, "Invalid input JSON: an association needs 'to.id' and 'types'")
        to_id = str(target["id"])
        for spec in types:
            type_id = spec.get("associationTypeId") if isinstance(spec, dict) else None
            pair = BY_TYPE_ID.get(type_id) if isinstance(type_id, int) else None
            if pair is None or pair[0] != kind:
                raise ApiError(400, f"{type_id} is not a valid association type from {kind}")
            if store.get(pair[1], to_id) is None:
                raise ApiError(400, f"One or more associations are invalid: no {pair[1]} {to_id}")
            primary = PRIMARY_ASSOCIATION.get(pair)
            links.append((pair[1], to_id, primary is not None and primary.type_id == type_id))
    return links


def _typed(name: str, kind: str, text: str, problems: list[Problem]) -> str | None:
    if kind == "datetime":
        try:
            return iso(parse_moment(text))
        except ValueError:
            problems.append((name, "INVALID_DATE", f"{text} is not a valid ISO 8601 or epoch ms"))
            return None
    if kind == "number":
        try:
            float(text)
        except ValueError:
            problems.append((name, "INVALID_FLOAT", f"{text} is not a valid number"))
            return None
    return text


def _check_stage(store: Store, pipeline_id: str, stage_id: str, problems: list[Problem]) -> None:
    pipeline = next((p for p in store.pipelines if p.id == pipeline_id), None)
    if pipeline is None:
        problems.append(("pipeline", "INVALID_OPTION", f"{pipeline_id} is not a deal pipeline"))
    elif stage_id not in {stage.id for stage in pipeline.stages}:
        allowed = [stage.id for stage in pipeline.stages]
        problems.append(
            (
                "dealstage",
                "INVALID_OPTION",
                f"{stage_id} was not one of the allowed options: {allowed}",
            )
        )
