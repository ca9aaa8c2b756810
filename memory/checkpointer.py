"""LangGraph's PostgreSQL checkpointer for multi-threaded processes (the API, Celery workers)."""

from __future__ import annotations

import contextlib
from typing import Any

from langgraph.checkpoint.postgres import PostgresSaver
from psycopg_pool import ConnectionPool


class PooledPostgresSaver(PostgresSaver):
    """``PostgresSaver`` on a connection pool, without its process-wide lock.

    The stock saver serialises every checkpoint read and write through one ``threading.Lock``,
    which a single shared connection needs. On a pool each call checks out a connection of its
    own, so the lock only made concurrent runs wait for each other's round trips.
    """

    def __init__(self, pool: ConnectionPool[Any]) -> None:
        super().__init__(pool)
        self.lock = contextlib.nullcontext()  # type: ignore[assignment]
