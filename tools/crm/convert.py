"""Turn HubSpot objects (string properties, ISO or epoch-ms dates) into our CRM records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tools.crm.models import (
    DEAL_KIND,
    IDEMPOTENCY_KEY,
    REQUESTED_ISSUE_KEYS,
    Company,
    Deal,
    Note,
    Pipeline,
    PipelineStage,
    StageChange,
)
from tools.crm.wire import CrmObject, PipelineWire

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def parse_datetime(value: str | None) -> datetime | None:
    """A HubSpot date property: ISO 8601 (v3 objects) or epoch milliseconds (older shapes)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.lstrip("-").isdigit():
        return _EPOCH + timedelta(milliseconds=int(text))
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def to_epoch_ms(moment: datetime) -> int:
    """Epoch milliseconds, the form HubSpot's search filters take for datetime properties."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass a timezone-aware (UTC) datetime")
    # Integer arithmetic: float timestamps can land a millisecond early.
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def to_hubspot_datetime(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and ``Z``, as HubSpot writes datetimes."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def company(obj: CrmObject) -> Company:
    """A company from its HubSpot object."""
    props = obj.properties
    return Company(
        id=obj.id,
        name=_text(props.get("name")),
        domain=_text(props.get("domain")),
        industry=_text(props.get("industry")),
        employees=_int(props.get("numberofemployees")),
        country=_text(props.get("country")),
        created_at=parse_datetime(props.get("createdate")) or obj.created_at,
        updated_at=parse_datetime(props.get("hs_lastmodifieddate")) or obj.updated_at,
        properties=dict(props),
    )


def deal(obj: CrmObject, company_ids: list[str] | None = None) -> Deal:
    """A deal from its HubSpot object; company ids from its associations unless given."""
    props = obj.properties
    history = obj.properties_with_history.get("dealstage", [])
    stages = [StageChange(stage_id=h.value, at=h.timestamp) for h in history if h.value]
    return Deal(
        id=obj.id,
        name=_text(props.get("dealname")),
        amount=_float(props.get("amount")),
        pipeline_id=_text(props.get("pipeline")),
        stage_id=_text(props.get("dealstage")),
        kind=_text(props.get(DEAL_KIND)),
        close_date=parse_datetime(props.get("closedate")),
        created_at=parse_datetime(props.get("createdate")) or obj.created_at,
        updated_at=parse_datetime(props.get("hs_lastmodifieddate")) or obj.updated_at,
        requested_issue_keys=split_keys(props.get(REQUESTED_ISSUE_KEYS)),
        company_ids=company_ids if company_ids is not None else associated_ids(obj, "companies"),
        # HubSpot lists history newest first; agents read it in the order it happened.
        stage_history=sorted(stages, key=lambda change: change.at),
        properties=dict(props),
    )


def note(obj: CrmObject) -> Note:
    """A note from its HubSpot object (associations only when they were requested)."""
    props = obj.properties
    return Note(
        id=obj.id,
        body=props.get("hs_note_body") or "",
        timestamp=parse_datetime(props.get("hs_timestamp")),
        idempotency_key=_text(props.get(IDEMPOTENCY_KEY)),
        created_at=parse_datetime(props.get("hs_createdate")) or obj.created_at,
        updated_at=parse_datetime(props.get("hs_lastmodifieddate")) or obj.updated_at,
        deal_ids=associated_ids(obj, "deals"),
        company_ids=associated_ids(obj, "companies"),
    )


def pipeline(wire: PipelineWire) -> Pipeline:
    """A pipeline with its stages in display order; deal stages carry probability and isClosed."""
    stages = [
        PipelineStage(
            id=s.id,
            label=s.label,
            display_order=s.display_order,
            probability=_float(s.metadata.get("probability")),
            is_closed=(s.metadata.get("isClosed") or "").lower() == "true",
        )
        for s in sorted(wire.stages, key=lambda s: (s.display_order, s.label))
        if not s.archived
    ]
    return Pipeline(id=wire.id, label=wire.label, display_order=wire.display_order, stages=stages)


def associated_ids(obj: CrmObject, to_type: str) -> list[str]:
    """Distinct ids of one associated type (v3 lists a primary and an unlabeled entry per id)."""
    found = obj.associations.get(to_type)
    if found is None:
        return []
    return list(dict.fromkeys(item.id for item in found.results))


def split_keys(value: str | None) -> list[str]:
    """``"DBO-1;DBO-7"`` → ``["DBO-1", "DBO-7"]`` (HubSpot multi-values are ``;``-joined)."""
    if not value:
        return []
    return [key.strip() for key in value.split(";") if key.strip()]


def _text(value: str | None) -> str | None:
    return value if value else None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return None if number is None else int(number)


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    return float(value)
