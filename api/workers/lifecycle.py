"""Worker process hooks: the relay runs in the main worker process, run services in the pool.

The relay starts once the worker is ready (the prefork pool has already forked its children) and
stops on shutdown. A child forked later (to replace a dead one) inherits the relay's engine: it
drops those connections without closing them, so the parent's stay usable (SQLAlchemy's
recommended handling of ``fork``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from celery.signals import worker_process_init, worker_process_shutdown, worker_ready
from celery.signals import worker_shutdown as worker_shutdown_signal

from api.workers.celery_app import send_run
from api.workers.relay import Relay
from api.workers.tasks import close_delivery
from devbizops.db import Database
from devbizops.logging import get_logger
from devbizops.settings import get_settings

log = get_logger(__name__)
_relay: dict[str, Relay] = {}


@worker_ready.connect  # type: ignore[untyped-decorator]
def start_relay(sender: Any = None, **_: Any) -> None:
    """Sweep the outbox from this worker (sender is the worker's consumer)."""
    settings = get_settings()
    send = partial(send_run, sender.app)
    relay = Relay(Database.from_settings(settings), send, settings.dispatch_stale_seconds)
    _relay["main"] = relay
    relay.start()
    log.info("worker.relay_started", interval=relay.interval)


@worker_shutdown_signal.connect  # type: ignore[untyped-decorator]
def stop_relay(**_: Any) -> None:
    relay = _relay.pop("main", None)
    if relay is not None:
        relay.stop()
        relay.db.dispose()


@worker_process_init.connect  # type: ignore[untyped-decorator]
def forget_parent_connections(**_: Any) -> None:
    relay = _relay.get("main")
    if relay is not None and "engine" in relay.db.__dict__:
        relay.db.engine.dispose(close=False)


@worker_process_shutdown.connect  # type: ignore[untyped-decorator]
def close_run_service(**_: Any) -> None:
    close_delivery()
