"""``CeleryDispatcher``: hand committed runs to Celery workers through an outbox.

``dispatch`` is called after the run row commits (never inside the transaction, so a worker can
never receive a run it cannot read yet). It sends the task and then records ``dispatched_at``;
when Redis is unreachable it logs and returns, the run stays ``queued`` with ``dispatched_at``
NULL, and the relay (``start`` runs one in this process) sends it once Redis is back.
"""

from __future__ import annotations

import uuid
from functools import partial

from api.workers.celery_app import BrokerUnavailable, make_celery, send_run
from api.workers.relay import Relay
from devbizops.db import Database
from devbizops.errors import DatabaseUnavailable
from devbizops.logging import get_logger
from devbizops.settings import Settings
from memory.repositories.run_dispatch import RunDispatchRepository

log = get_logger(__name__)


class CeleryDispatcher:
    """The ``Dispatcher`` of ``executor = "celery"``: ``dispatch``, ``start``, ``stop``."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.db = db
        self.celery = make_celery(settings)
        self.send = partial(send_run, self.celery)
        self.relay = Relay(db, self.send, settings.dispatch_stale_seconds)

    def dispatch(self, run_id: uuid.UUID) -> None:
        """Send a committed queued run to the workers; never raises for a broker outage."""
        try:
            self.send(run_id)
        except BrokerUnavailable as exc:
            log.warning("dispatch.deferred", run_id=str(run_id), error=exc.message)
            return
        try:
            with self.db.transaction() as session:
                RunDispatchRepository(session).mark_dispatched([run_id])
        except DatabaseUnavailable as exc:
            # The message is out; at worst the relay sends it again and the claim drops it.
            log.warning("dispatch.unrecorded", run_id=str(run_id), error=exc.message)

    def start(self) -> None:
        """Run the relay in this process (a daemon thread)."""
        self.relay.start()

    def stop(self) -> None:
        self.relay.stop()
        self.celery.close()
