"""What one webhook event changes in the store, built before the transaction, applied inside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from devbizops.errors import InvalidInput
from memory.models import Base
from memory.repositories.webhooks import WebhookRepository

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Upsert:
    """Rows of one table; with ``newer_than`` a stored row newer by that column is kept."""

    model: type[Base]
    rows: list[dict[str, Any]]
    key: tuple[str, ...]
    newer_than: str | None = None


@dataclass(frozen=True)
class DealStageMove:
    deal_id: str
    stage: str
    at: datetime


@dataclass
class Changes:
    upserts: list[Upsert] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    deal_stage: DealStageMove | None = None


def apply(repo: WebhookRepository, changes: Changes) -> None:
    """Write the rows, then the timeline events (the caller's transaction commits)."""
    for up in changes.upserts:
        if up.newer_than is None:
            repo.upsert(up.model, up.rows, up.key)
        else:
            for row in up.rows:
                repo.upsert_newer(up.model, row, up.key, up.newer_than)
    repo.add_events(changes.events)
    if changes.deal_stage is not None:
        move = changes.deal_stage
        repo.move_deal_stage(move.deal_id, move.stage, move.at)


def load(model: type[M], raw: Any, what: str) -> M:
    """Validate part of a verified payload; a shape we cannot use is the sender's error (422)."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput(
            f"{what} payload is not what the vendor documents: {exc.error_count()} problem(s)",
            details={"errors": _problems(exc)},
        ) from exc


def _problems(exc: ValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e["loc"]), "message": e["msg"]} for e in exc.errors()]
