"""Records → HubSpot JSON: ``SimplePublicObject(WithAssociations)``, pipelines, timestamps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tools.sandbox.model import CrmPipeline, CrmStage
from tools.sandbox.servers.hubspot.schema import ObjectType
from tools.sandbox.servers.hubspot.store import HistoryEntry, Record, Store

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def iso(moment: datetime) -> str:
    """HubSpot's datetime form: UTC, milliseconds, ``Z``."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def number(value: float) -> str:
    """A number property as HubSpot writes it: no trailing ``.0``, no exponent."""
    return str(int(value)) if float(value).is_integer() else format(value, "f").rstrip("0")


def parse_moment(value: str) -> datetime:
    """A datetime value given as epoch milliseconds or ISO 8601; ValueError if neither."""
    text = value.strip()
    if text.lstrip("-").isdigit():
        return EPOCH + timedelta(milliseconds=int(text))
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def object_json(
    store: Store,
    object_type: ObjectType,
    record: Record,
    properties: Sequence[str],
    *,
    history: Sequence[str] = (),
    associations: Sequence[ObjectType] = (),
) -> dict[str, Any]:
    """One object with the named properties that have values (unset ones are left out)."""
    body: dict[str, Any] = {
        "id": record.id,
        "properties": {n: record.properties[n] for n in properties if n in record.properties},
        "createdAt": iso(record.created_at),
        "updatedAt": iso(record.updated_at),
        "archived": False,
    }
    with_history = {n: _history(record, n) for n in history if n in record.properties}
    if with_history:
        body["propertiesWithHistory"] = with_history
    linked: dict[str, Any] = {}
    for to_type in associations:
        pairs = store.associated(object_type, record.id, to_type)
        results = [{"id": to_id, "type": kind.name} for to_id, kinds in pairs for kind in kinds]
        if results:
            linked[to_type] = {"results": results}
    if linked:
        body["associations"] = linked
    return body


def _history(record: Record, name: str) -> list[dict[str, str]]:
    entries = record.history.get(name) or [HistoryEntry(record.properties[name], record.updated_at)]
    # HubSpot lists a property's history newest first.
    ordered = sorted(entries, key=lambda e: e.at, reverse=True)
    return [
        {"value": e.value, "timestamp": iso(e.at), "sourceType": e.source_type} for e in ordered
    ]


def pipeline_json(pipeline: CrmPipeline, display_order: int, created: datetime) -> dict[str, Any]:
    """A deals pipeline; HubSpot's own default pipeline reports ``createdAt`` as epoch 0."""
    stamp = iso(EPOCH if pipeline.id == "default" else created)
    return {
        "id": pipeline.id,
        "label": pipeline.label,
        "displayOrder": display_order,
        "stages": [stage_json(stage, stamp) for stage in pipeline.stages],
        "createdAt": stamp,
        "updatedAt": stamp,
        "archived": False,
    }


def stage_json(stage: CrmStage, stamp: str) -> dict[str, Any]:
    """A deal stage; its metadata values are strings, as HubSpot sends them."""
    return {
        "id": stage.id,
        "label": stage.label,
        "displayOrder": stage.display_order,
        "metadata": {
            "isClosed": str(stage.is_closed).lower(),
            "probability": number(stage.probability),
        },
        "createdAt": stamp,
        "updatedAt": stamp,
        "archived": False,
        "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT",
    }
