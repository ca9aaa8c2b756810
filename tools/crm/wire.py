"""HubSpot CRM v3/v4 wire shapes (only the fields we read), as in ../shared/vendor/hubspot/."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class _Wire(BaseModel):
    # HubSpot adds fields freely; v4 sends numeric ids where its spec says string.
    model_config = ConfigDict(extra="ignore", populate_by_name=True, coerce_numbers_to_str=True)


class NextPage(_Wire):
    after: str
    link: str | None = None


class Paging(_Wire):
    next: NextPage | None = None


def next_after(paging: Paging | None) -> str | None:
    """The cursor of the next page; None on the last page (no ``paging.next``)."""
    return paging.next.after if paging is not None and paging.next is not None else None


class AssociatedId(_Wire):
    id: str
    type: str


class AssociatedIds(_Wire):
    results: list[AssociatedId] = Field(default_factory=list)
    paging: Paging | None = None


class ValueWithTimestamp(_Wire):
    value: str | None = None
    timestamp: datetime
    source_type: str | None = Field(default=None, alias="sourceType")


class CrmObject(_Wire):
    """``SimplePublicObject`` / ``SimplePublicObjectWithAssociations``."""

    id: str
    # Requested properties without a value come back as null from the real API.
    properties: dict[str, str | None] = Field(default_factory=dict)
    properties_with_history: dict[str, list[ValueWithTimestamp]] = Field(
        default_factory=dict, alias="propertiesWithHistory"
    )
    associations: dict[str, AssociatedIds] = Field(default_factory=dict)
    created_at: datetime = Field(alias="createdAt")
    updated_at: datetime = Field(alias="updatedAt")
    archived: bool = False


class ObjectPage(_Wire):
    """``CollectionResponseSimplePublicObjectWithAssociationsForwardPaging``."""

    results: list[CrmObject]
    paging: Paging | None = None


class SearchPage(_Wire):
    """``CollectionResponseWithTotalSimplePublicObject``."""

    total: int
    results: list[CrmObject]
    paging: Paging | None = None


class PipelineStageWire(_Wire):
    id: str
    label: str
    display_order: int = Field(alias="displayOrder")
    metadata: dict[str, str | None] = Field(default_factory=dict)
    archived: bool = False


class PipelineWire(_Wire):
    id: str
    label: str
    display_order: int = Field(alias="displayOrder")
    stages: list[PipelineStageWire]
    archived: bool = False


class PipelineList(_Wire):
    results: list[PipelineWire]


class AssociationType(_Wire):
    category: str
    type_id: int = Field(alias="typeId")
    label: str | None = None


class AssociatedObject(_Wire):
    """v4 ``MultiAssociatedObjectWithLabel``."""

    to_object_id: str = Field(alias="toObjectId")
    association_types: list[AssociationType] = Field(default_factory=list, alias="associationTypes")


class AssociationPage(_Wire):
    results: list[AssociatedObject]
    paging: Paging | None = None


class ObjectId(_Wire):
    id: str


class BatchAssociations(_Wire):
    """v4 ``PublicAssociationMultiWithLabel``."""

    from_: ObjectId = Field(alias="from")
    to: list[AssociatedObject] = Field(default_factory=list)
    paging: Paging | None = None


class BatchAssociationsResponse(_Wire):
    """v4 batch read (200 or 207: objects without associations come back as ``errors``)."""

    status: str
    results: list[BatchAssociations] = Field(default_factory=list)


class ErrorBody(_Wire):
    """HubSpot's error body; 429s carry ``errorType``/``policyName`` and no ``category``."""

    status: str | None = None
    message: str | None = None
    correlation_id: str | None = Field(default=None, alias="correlationId")
    category: str | None = None
    error_type: str | None = Field(default=None, alias="errorType")
    policy_name: str | None = Field(default=None, alias="policyName")
