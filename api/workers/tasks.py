"""Celery tasks: thin wrappers that hand a run id to the worker's ``RunDelivery``."""

from __future__ import annotations

import random
import uuid
from contextlib import ExitStack
from typing import Any

from celery import shared_task

from api.runs.factory import build_run_service
from api.workers.celery_app import EXECUTE_RUN
from api.workers.execution import RunDelivery
from devbizops.db import Database
from devbizops.settings import get_settings
from memory.repositories.run_dispatch import Claim

# One run service per worker process, built after the fork (connections never cross a fork).
_process: dict[str, Any] = {}


def delivery() -> RunDelivery:
    """This process's RunDelivery, built on first use and closed by ``close_delivery``."""
    if "delivery" not in _process:
        settings = get_settings()
        stack = ExitStack()
        db = Database.from_settings(settings)
        stack.callback(db.dispose)
        runs = stack.enter_context(build_run_service(settings, db))
        _process["stack"] = stack
        _process["delivery"] = RunDelivery(settings, db, runs)
    result: RunDelivery = _process["delivery"]
    return result


def close_delivery() -> None:
    """Close the process's database connections (worker process shutdown)."""
    stack = _process.pop("stack", None)
    _process.pop("delivery", None)
    if stack is not None:
        stack.close()


def busy_countdown(stale_seconds: float) -> float:
    """Wait before retrying a run whose org is at its limit: jittered, inside the stale window.

    Staying under ``dispatch_stale_seconds`` keeps the relay from sending a second message
    while this one is still scheduled; the jitter spreads an org's waiting runs apart.
    """
    return min(stale_seconds / 2, 10.0) * random.uniform(0.5, 1.0)


@shared_task(name=EXECUTE_RUN, bind=True, max_retries=None)  # type: ignore[untyped-decorator]
def execute_run(self: Any, run_id: str) -> str:
    """Execute (or resume) a run; safe to deliver any number of times."""
    claim = delivery().handle(uuid.UUID(run_id))
    if claim is Claim.BUSY:
        raise self.retry(countdown=busy_countdown(get_settings().dispatch_stale_seconds))
    return claim.value
