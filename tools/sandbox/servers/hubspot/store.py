"""The portal's mutable state: objects by type, association links, and the write-loss switch."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from tools.sandbox.model import CrmPipeline
from tools.sandbox.servers.hubspot.schema import (
    DEFAULT_ASSOCIATION,
    PRIMARY_ASSOCIATION,
    AssociationKind,
    ObjectType,
)


@dataclass(frozen=True)
class HistoryEntry:
    value: str
    at: datetime
    source_type: str = "CRM_UI"


@dataclass
class Record:
    """One CRM object: wire-ready string properties plus the history HubSpot keeps for them."""

    id: str
    created_at: datetime
    updated_at: datetime
    properties: dict[str, str]
    history: dict[str, list[HistoryEntry]] = field(default_factory=dict)  # oldest first


class Store:
    """Thread-safe: handlers run on the server's loop, tests inspect from their own thread."""

    def __init__(
        self, pipelines: list[CrmPipeline], *, epoch: datetime, clock: Callable[[], datetime]
    ) -> None:
        self.lock = threading.RLock()
        self.pipelines = pipelines
        self.epoch = epoch  # when the portal's pipelines were "created"
        self.clock = clock
        self.objects: dict[ObjectType, dict[str, Record]] = {
            "companies": {},
            "deals": {},
            "notes": {},
        }
        self._links: dict[tuple[ObjectType, str, ObjectType], dict[str, list[AssociationKind]]] = {}
        self._next_id = 1
        self._lost_writes: list[int] = []

    def add(self, object_type: ObjectType, record: Record) -> Record:
        """Insert a record; later generated ids stay above every id seen."""
        with self.lock:
            self.objects[object_type][record.id] = record
            self._next_id = max(self._next_id, int(record.id) + 1)
            return record

    def new_id(self) -> str:
        """A fresh numeric id, as HubSpot assigns on create."""
        with self.lock:
            self._next_id += 1
            return str(self._next_id - 1)

    def sorted(self, object_type: ObjectType) -> list[Record]:
        """Every record of a type, by numeric id (the order HubSpot's list endpoints page in)."""
        with self.lock:
            return sorted(self.objects[object_type].values(), key=lambda r: int(r.id))

    def get(
        self, object_type: ObjectType, object_id: str, id_property: str | None = None
    ) -> Record | None:
        """A record by id, or by the value of a unique property (``idProperty``)."""
        with self.lock:
            if id_property in (None, "hs_object_id"):
                return self.objects[object_type].get(object_id)
            for record in self.objects[object_type].values():
                if record.properties.get(id_property or "") == object_id:
                    return record
            return None

    def associate(
        self, a_type: ObjectType, a_id: str, b_type: ObjectType, b_id: str, *, primary: bool = False
    ) -> list[tuple[ObjectType, str, ObjectType, str, AssociationKind]]:
        """Link two objects both ways with the default type (and primary, for deal–company)."""
        made = []
        with self.lock:
            for f_type, f_id, t_type, t_id in (
                (a_type, a_id, b_type, b_id),
                (b_type, b_id, a_type, a_id),
            ):
                kinds = [DEFAULT_ASSOCIATION[(f_type, t_type)]]
                if primary and (f_type, t_type) in PRIMARY_ASSOCIATION:
                    kinds.insert(0, PRIMARY_ASSOCIATION[(f_type, t_type)])
                held = self._links.setdefault((f_type, f_id, t_type), {}).setdefault(t_id, [])
                for kind in kinds:
                    if kind not in held:
                        held.append(kind)
                    made.append((f_type, f_id, t_type, t_id, kind))
        return made

    def associated(
        self, from_type: ObjectType, from_id: str, to_type: ObjectType
    ) -> list[tuple[str, list[AssociationKind]]]:
        """``(to_id, kinds)`` pairs by numeric id."""
        with self.lock:
            found = self._links.get((from_type, from_id, to_type), {})
            return sorted(((k, list(v)) for k, v in found.items()), key=lambda kv: int(kv[0]))

    def lose_write_responses(self, *, times: int = 1, status: int = 502) -> None:
        """The next ``times`` creates are stored but answered with ``status`` (a lost response)."""
        with self.lock:
            self._lost_writes.extend([status] * times)

    def take_lost_write(self) -> int | None:
        """Consume one lost-response order; the status to answer with, if any."""
        with self.lock:
            return self._lost_writes.pop(0) if self._lost_writes else None
