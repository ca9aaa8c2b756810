"""``devbizops worker``: a Celery worker for ``DEVBIZOPS_EXECUTOR=celery``, with the relay."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from devbizops.cli_support import errors_to_exit
from devbizops.settings import Settings, get_settings

Pool = Literal["prefork", "solo"]


@errors_to_exit
def worker(
    concurrency: Annotated[
        int, typer.Option(min=1, help="runs executed at once by this worker (pool processes)")
    ] = 1,
    queues: Annotated[
        str | None, typer.Option(help="comma-separated queues to consume (default: the runs queue)")
    ] = None,
    loglevel: Annotated[
        str | None, typer.Option(help="worker log level (default: DEVBIZOPS_LOG_LEVEL)")
    ] = None,
    pool: Annotated[
        str, typer.Option(help="prefork (default; a killed child re-queues its run) or solo")
    ] = "prefork",
    hostname: Annotated[
        str | None, typer.Option(help="worker node name (default: celery@<host>)")
    ] = None,
) -> None:
    """Execute queued runs from Redis and re-send runs the broker lost (the outbox relay)."""
    # prefork even at concurrency 1: the run executes in a child process, so when that child is
    # killed (OOM, SIGKILL) the parent notices and re-queues the message
    # (task_reject_on_worker_lost) instead of acknowledging a run that never finished.
    from api.workers.celery_app import RUNS_QUEUE, app

    if pool not in ("prefork", "solo"):
        raise typer.BadParameter("use prefork or solo", param_hint="--pool")
    settings = get_settings()
    _check_schema(settings)
    argv = [
        "worker",
        f"--pool={pool}",
        f"--concurrency={concurrency}",
        f"--queues={queues or RUNS_QUEUE}",
        f"--loglevel={(loglevel or settings.log_level).upper()}",
        # Heartbeats of our own live in PostgreSQL; Celery's gossip and events add nothing.
        "--without-gossip",
        "--without-mingle",
    ]
    if hostname:
        argv.append(f"--hostname={hostname}")
    app.worker_main(argv)


def _check_schema(settings: Settings) -> None:
    """Refuse to start on an unmigrated database (an operator error, said once, up front)."""
    from devbizops.container import ensure_schema
    from devbizops.db import Database

    db = Database.from_settings(settings)
    try:
        ensure_schema(db)
    finally:
        db.dispose()  # before the pool forks: children open their own connections
