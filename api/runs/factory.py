"""A RunService for long-lived, multi-threaded processes (the API, Celery workers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from api.runs.service import FinishHook, RunService
from api.slack.notify import SlackNotifier
from devbizops.db import Database
from devbizops.llm import embedder, language_model
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from graphs.registry import GraphRegistry
from memory.checkpointer import PooledPostgresSaver
from memory.store import SqlGraphStore

# Checkpoint connections: one per executing run plus a few for state/history reads.
POOL_MAX = 12


@contextmanager
def build_run_service(settings: Settings, db: Database) -> Iterator[RunService]:
    """The service with a pooled (thread-safe) checkpointer; the pool closes on exit."""
    llm = language_model(settings)
    vectors = embedder(settings)
    # CLI commands hand PostgresSaver one connection; threads need a pool (one conn per call).
    pool: ConnectionPool = ConnectionPool(
        db.url,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        min_size=1,
        max_size=POOL_MAX,
        # A connection broken while PostgreSQL was away must not fail the next run: checked at
        # checkout (one round trip) and replaced.
        check=ConnectionPool.check_connection,
        open=True,
        name="devbizops-checkpoints",
    )
    try:
        graphs = GraphRegistry(
            llm,
            SqlGraphStore(db.transaction, vectors),
            PooledPostgresSaver(pool),
            data_dir=settings.data_path,
        )
        service = RunService(
            db,
            graphs,
            SecretBox.from_settings(settings),
            vectors,
            timeout=settings.run_timeout_seconds,
            heartbeat_seconds=settings.dispatch_stale_seconds / 3,
            hooks=finish_hooks(settings, db),
        )
        try:
            yield service
        finally:
            service.close()
    finally:
        pool.close()


def finish_hooks(settings: Settings, db: Database) -> list[FinishHook]:
    """What hears about finished runs: the Slack bot replies in its threads when it is on."""
    if settings.slack_bot_token is None:
        return []
    return [SlackNotifier(settings, db)]
