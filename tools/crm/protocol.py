"""What the agents need from a CRM; ``HubSpotClient`` implements it, tests may fake it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from tools.crm.models import (
    COMPANY_PROPERTIES,
    DEAL_PROPERTIES,
    Association,
    Company,
    CrmConnection,
    Deal,
    Note,
    Pipeline,
)


class CrmSource(Protocol):
    def whoami(self) -> CrmConnection:
        """One cheap authenticated call: proves the token works and reports rate-limit room."""
        ...

    def list_companies(
        self, *, properties: Sequence[str] = COMPANY_PROPERTIES
    ) -> Iterator[Company]:
        """Every company, each exactly once."""
        ...

    def list_deals(
        self,
        *,
        properties: Sequence[str] = DEAL_PROPERTIES,
        associations: Sequence[str] = ("companies",),
        stage_history: bool = False,
    ) -> Iterator[Deal]:
        """Every deal, with its company ids and, when asked, its dealstage history."""
        ...

    def get_deal(self, deal_id: str, *, stage_history: bool = True) -> Deal:
        """One deal by id, with its companies and (by default) its stage history."""
        ...

    def list_pipelines(self, object_type: str = "deals") -> list[Pipeline]:
        """Pipelines with their stages (probability and isClosed for deal stages)."""
        ...

    def search_deals(
        self,
        modified_since: datetime,
        *,
        until: datetime | None = None,
        deal_kind: str | None = None,
        properties: Sequence[str] = DEAL_PROPERTIES,
        associations: Sequence[str] = ("companies",),
    ) -> Iterator[Deal]:
        """Deals modified at or after ``modified_since`` (and up to ``until``), oldest first."""
        ...

    def search_companies(
        self,
        modified_since: datetime,
        *,
        until: datetime | None = None,
        properties: Sequence[str] = COMPANY_PROPERTIES,
    ) -> Iterator[Company]:
        """Companies modified at or after ``modified_since`` (and up to ``until``), oldest first."""
        ...

    def list_associations(
        self, from_type: str, from_id: str, to_type: str
    ) -> Iterator[Association]:
        """Objects of ``to_type`` associated with one object (v4 associations)."""
        ...

    def deal_company_ids(self, deal_ids: Sequence[str]) -> Mapping[str, list[str]]:
        """Company ids of many deals at once (v4 batch read); deals without any map to []."""
        ...

    def list_notes(
        self, *, deal_id: str | None = None, company_id: str | None = None
    ) -> Iterator[Note]:
        """Notes on one deal or company, or every note when neither is given."""
        ...

    def create_note(
        self,
        body: str,
        *,
        deal_id: str | None = None,
        company_id: str | None = None,
        idempotency_key: str,
        timestamp: datetime | None = None,
    ) -> Note:
        """Create a note at most once per ``idempotency_key``, however often it is retried."""
        ...
