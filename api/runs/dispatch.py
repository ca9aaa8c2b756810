"""How committed runs reach an executor: the ``Dispatcher`` interface and its two kinds."""

from __future__ import annotations

import importlib
import uuid
from typing import Protocol, cast

from api.runs.inline import InlineDispatcher
from api.runs.service import RunService
from devbizops.db import Database
from devbizops.settings import Settings


class Dispatcher(Protocol):
    """Hands committed, queued runs to an executor (set up in the app's lifespan)."""

    def dispatch(self, run_id: uuid.UUID) -> None:
        """Queue the run for execution; returns at once and never raises for broker outages."""

    def start(self) -> None:
        """Begin executing; also takes over queued runs left behind by a previous process."""

    def stop(self) -> None:
        """Stop taking runs; runs in progress go back to the queue at their next node."""


def make_dispatcher(settings: Settings, db: Database, runs: RunService) -> Dispatcher:
    """``inline``: threads in this process; ``celery``: workers reached through Redis."""
    if settings.executor == "celery":
        # Imported on demand: the API with the inline executor needs no Celery at all.
        module = importlib.import_module("api.workers.dispatch")
        return cast(Dispatcher, module.CeleryDispatcher(settings, db))
    return InlineDispatcher(settings, db, runs)
