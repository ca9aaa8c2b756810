"""The sandbox portal's object types, property definitions and HubSpot-defined association types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ObjectType = Literal["companies", "deals", "notes"]
PropertyType = Literal["string", "number", "datetime", "enumeration"]

# HubSpot accepts the plural name, the singular name or the object type id in paths.
_ALIASES: dict[str, ObjectType] = {
    "companies": "companies",
    "company": "companies",
    "0-2": "companies",
    "deals": "deals",
    "deal": "deals",
    "0-3": "deals",
    "notes": "notes",
    "note": "notes",
    "0-46": "notes",
}
TYPE_IDS: dict[ObjectType, str] = {"companies": "0-2", "deals": "0-3", "notes": "0-46"}

PROPERTIES: dict[ObjectType, dict[str, PropertyType]] = {
    "companies": {
        "name": "string",
        "domain": "string",
        "industry": "enumeration",
        "numberofemployees": "number",
        "country": "string",
        "createdate": "datetime",
        "hs_lastmodifieddate": "datetime",
        "hs_object_id": "number",
    },
    "deals": {
        "dealname": "string",
        "amount": "number",
        "dealstage": "enumeration",
        "pipeline": "enumeration",
        "closedate": "datetime",
        "createdate": "datetime",
        "hs_lastmodifieddate": "datetime",
        "hs_object_id": "number",
        # The portal's custom properties: plain strings, as every HubSpot custom property.
        "deal_kind": "string",
        "requested_issue_keys": "string",
    },
    "notes": {
        "hs_note_body": "string",
        "hs_timestamp": "datetime",
        "hs_createdate": "datetime",
        "hs_lastmodifieddate": "datetime",
        "hs_object_id": "number",
        "hubspot_owner_id": "enumeration",
        "hs_attachment_ids": "enumeration",
        "devbizops_idempotency_key": "string",
    },
}
READ_ONLY = frozenset({"hs_object_id", "hs_lastmodifieddate", "hs_createdate"})
CREATED_PROPERTY: dict[ObjectType, str] = {
    "companies": "createdate",
    "deals": "createdate",
    "notes": "hs_createdate",
}
# Returned when a read names no properties (HubSpot's documented defaults).
DEFAULT_PROPERTIES: dict[ObjectType, tuple[str, ...]] = {
    "companies": ("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"),
    "deals": (
        "amount",
        "closedate",
        "createdate",
        "dealname",
        "dealstage",
        "hs_lastmodifieddate",
        "hs_object_id",
        "pipeline",
    ),
    "notes": ("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
}


@dataclass(frozen=True)
class AssociationKind:
    """A HubSpot-defined association type: its id, its v3 name and its v4 label."""

    type_id: int
    name: str
    label: str | None = None


# Unlabeled ("default") association types per direction, and the primary company of a deal.
DEFAULT_ASSOCIATION: dict[tuple[ObjectType, ObjectType], AssociationKind] = {
    ("deals", "companies"): AssociationKind(341, "deal_to_company_unlabeled"),
    ("companies", "deals"): AssociationKind(342, "company_to_deal_unlabeled"),
    ("notes", "deals"): AssociationKind(214, "note_to_deal"),
    ("deals", "notes"): AssociationKind(213, "deal_to_note"),
    ("notes", "companies"): AssociationKind(190, "note_to_company"),
    ("companies", "notes"): AssociationKind(189, "company_to_note"),
}
PRIMARY_ASSOCIATION: dict[tuple[ObjectType, ObjectType], AssociationKind] = {
    ("deals", "companies"): AssociationKind(5, "deal_to_company", "Primary"),
    ("companies", "deals"): AssociationKind(6, "company_to_deal", "Primary"),
}
BY_TYPE_ID: dict[int, tuple[ObjectType, ObjectType]] = {
    kind.type_id: pair
    for table in (DEFAULT_ASSOCIATION, PRIMARY_ASSOCIATION)
    for pair, kind in table.items()
}


def object_type(name: str) -> ObjectType | None:
    """The canonical object type for a path segment, or None when HubSpot would not know it."""
    return _ALIASES.get(name.lower())
