"""The Celery application of the ``celery`` executor, configured from Settings.

``celery -A api.workers.celery_app worker`` and ``devbizops worker`` both load ``app`` from here;
the API process builds its own instance with ``make_celery(settings)`` to send tasks.
"""

from __future__ import annotations

import uuid
from typing import Any

from celery import Celery
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from devbizops.errors import DevBizOpsError
from devbizops.settings import Settings, get_settings

EXECUTE_RUN = "devbizops.execute_run"
RUNS_QUEUE = "devbizops-runs"


class BrokerUnavailable(DevBizOpsError):
    """Redis refused or timed out; the run stays in the outbox for the relay."""

    code = "broker_unavailable"
    status = 503


def visibility_timeout(settings: Settings) -> int:
    """Seconds Redis waits for an ack before it hands a delivered message to another worker.

    With ``acks_late`` a message stays unacknowledged for the whole run, so this must outlast the
    longest run (``run_timeout_seconds``) or Redis would redeliver live runs. It is the last resort
    only: a dead worker's runs are re-sent by the relay as soon as their heartbeat goes stale
    (``dispatch_stale_seconds``), and a killed pool child is re-queued at once by
    ``task_reject_on_worker_lost``.
    """
    return max(3600, int(settings.run_timeout_seconds * 2))


def make_celery(settings: Settings) -> Celery:
    """A Celery app on ``settings.redis_url`` with the crash-safe delivery options."""
    app = Celery(
        "devbizops",
        broker=settings.redis_url,
        backend=settings.redis_url,
        # Imported by workers only: the task and the worker's relay and process hooks.
        include=["api.workers.tasks", "api.workers.lifecycle"],
    )
    conf: dict[str, Any] = {
        # Ack after the task returns: a worker that dies mid-run leaves the message to redeliver.
        "task_acks_late": True,
        # ...and a pool child killed by a signal (OOM, SIGKILL) re-queues it instead of acking.
        "task_reject_on_worker_lost": True,
        # One message at a time per process: a prefetched run would sit behind a long one.
        "worker_prefetch_multiplier": 1,
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_serializer": "json",
        # The runs table is the result; nothing waits on Celery results.
        "task_ignore_result": True,
        "task_default_queue": RUNS_QUEUE,
        "broker_connection_retry_on_startup": True,
        # A Redis blip must not abort a run in progress: it goes on, its late ack is lost, and
        # the redelivery that follows finds the run finished (the claim makes it a no-op).
        "worker_cancel_long_running_tasks_on_connection_loss": False,
        "broker_transport_options": {
            "visibility_timeout": visibility_timeout(settings),
            "socket_connect_timeout": 5,
        },
        # The API never blocks a request on a broker outage: one try, then the relay re-sends.
        "task_publish_retry": False,
        "broker_connection_timeout": 5,
        # Our structured logs go to stderr as configured, not through Celery's print redirect.
        "worker_hijack_root_logger": False,
        "worker_redirect_stdouts": False,
        "enable_utc": True,
    }
    app.conf.update(conf)
    return app


def send_run(app: Celery, run_id: uuid.UUID) -> None:
    """Publish one ``execute_run`` message; BrokerUnavailable when Redis is not there."""
    try:
        # ignore_result: otherwise the Redis result backend subscribes (and retries) per send.
        app.send_task(EXECUTE_RUN, args=[str(run_id)], retry=False, ignore_result=True)
    except (OperationalError, RedisError, OSError) as exc:
        raise BrokerUnavailable(f"cannot reach the broker: {exc}") from exc


app = make_celery(get_settings())
