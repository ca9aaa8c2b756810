"""HubSpot v4 associations: one object's associated ids (paged) and many objects' at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tools.crm.models import Association
from tools.crm.paging import follow_after
from tools.crm.transport import Transport, decode
from tools.crm.wire import AssociationPage, BatchAssociationsResponse, next_after

# HubSpot reads at most this many objects per v4 batch request.
_BATCH = 1000


class Associations:
    """v4 association reads over a shared transport."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def list_for(self, from_type: str, from_id: str, to_type: str) -> Iterator[Association]:
        """Every object of ``to_type`` associated with ``from_type``/``from_id``."""
        path = f"/crm/v4/objects/{from_type}/{from_id}/associations/{to_type}"

        def fetch(after: str | None) -> tuple[list[Association], str | None]:
            params: dict[str, str | int] = {"limit": 500}
            if after is not None:
                params["after"] = after
            page = decode(AssociationPage, self._t.request("GET", path, params=params))
            items = [
                Association(
                    to_id=item.to_object_id,
                    type_ids=[t.type_id for t in item.association_types],
                    labels=[t.label for t in item.association_types if t.label],
                )
                for item in page.results
            ]
            return items, next_after(page.paging)

        return follow_after(fetch)

    def batch_ids(
        self, from_type: str, from_ids: Sequence[str], to_type: str
    ) -> dict[str, list[str]]:
        """Associated ids per object; objects with none (HubSpot's 207 errors) map to []."""
        found: dict[str, list[str]] = {object_id: [] for object_id in from_ids}
        path = f"/crm/v4/associations/{from_type}/{to_type}/batch/read"
        unique = list(found)
        for start in range(0, len(unique), _BATCH):
            inputs = [{"id": object_id} for object_id in unique[start : start + _BATCH]]
            response = self._t.request("POST", path, json={"inputs": inputs})
            for result in decode(BatchAssociationsResponse, response).results:
                ids = found.setdefault(result.from_.id, [])
                ids.extend(item.to_object_id for item in result.to if item.to_object_id not in ids)
        return found
