"""The organization's RICE and WSJF weights: show, change some, reset (CLI and HTTP share this)."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from agents.roadmap.schemas import RiceWeights, WsjfWeights
from devbizops.db import Database
from devbizops.errors import InvalidInput
from memory.repositories import throughput
from memory.repositories.audit import AuditRepository

MODELS: dict[str, type[BaseModel]] = {"rice": RiceWeights, "wsjf": WsjfWeights}
Weights = dict[str, dict[str, Any]]


def defaults() -> Weights:
    """The built-in weights of every method."""
    return {m: cls().model_dump(mode="json") for m, cls in MODELS.items()}


def in_force(session: Session, org_id: uuid.UUID) -> Weights:
    """The stored weights over the defaults, per method."""
    stored = throughput.scoring_weights(session, org_id) or {}
    return {
        m: cls.model_validate(stored.get(m) or {}).model_dump(mode="json")
        for m, cls in MODELS.items()
    }


def merged(current: Weights, changes: dict[str, dict[str, Any]]) -> Weights:
    """``current`` with the fields in ``changes`` replaced, validated per method."""
    result = {m: dict(v) for m, v in current.items()}
    for method, fields in changes.items():
        if method not in MODELS:
            raise InvalidInput(
                f"unknown method {method!r}; choose rice or wsjf", details={"method": method}
            )
        unknown = sorted(set(fields) - set(MODELS[method].model_fields))
        if unknown:
            raise InvalidInput(
                f"{method} weights have no field {', '.join(map(repr, unknown))}",
                details={
                    "fields": [{"loc": [method, f], "message": "unknown field"} for f in unknown]
                },
            )
        result[method].update(fields)
        try:
            checked = MODELS[method].model_validate(result[method])
        except ValidationError as exc:
            errors = [
                {"loc": [method, *(str(p) for p in e["loc"])], "message": e["msg"]}
                for e in exc.errors()
            ]
            first = errors[0]
            where = ".".join(first["loc"][1:]) or method
            raise InvalidInput(
                f"{method} weights: {where}: {first['message']}", details={"fields": errors}
            ) from exc
        result[method] = checked.model_dump(mode="json")
    return result


class WeightsService:
    """Each change is validated before it is stored, with its audit row, in one transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def show(self, org_id: uuid.UUID) -> Weights:
        with self.db.transaction() as session:
            return in_force(session, org_id)

    def update(self, org_id: uuid.UUID, changes: dict[str, dict[str, Any]], actor: str) -> Weights:
        """Set some fields of some methods; the others keep the values in force."""
        with self.db.transaction() as session:
            # Lock-free read-modify-write is fine: the last writer wins a whole, valid document.
            result = merged(in_force(session, org_id), changes)
            changed = {m: sorted(fields) for m, fields in changes.items()}  # names checked above
            self._save(session, org_id, result, actor, "roadmap.weights.set", changed)
            return result

    def reset(self, org_id: uuid.UUID, actor: str) -> Weights:
        """Back to the built-in defaults."""
        with self.db.transaction() as session:
            result = defaults()
            self._save(session, org_id, result, actor, "roadmap.weights.reset", {})
            return result

    @staticmethod
    def _save(
        session: Session,
        org_id: uuid.UUID,
        weights: Weights,
        actor: str,
        action: str,
        changed: dict[str, Any],
    ) -> None:
        throughput.save_scoring_weights(session, org_id, weights["rice"], weights["wsjf"])
        AuditRepository(session).record(
            org_id, actor, action, target="roadmap_weights", details={"changed": changed}
        )
