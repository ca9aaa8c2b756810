"""Database access: one code path for the embedded server and for ``DATABASE_URL``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit, urlunsplit

import psycopg
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from devbizops import embedded_pg
from devbizops.errors import DatabaseUnavailable
from devbizops.settings import Settings


def libpq_url(url: str) -> str:
    """``postgresql+psycopg://…`` → ``postgresql://…`` (what psycopg and LangGraph take)."""
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme.startswith("postgres") else parts.scheme
    return urlunsplit((scheme, *parts[1:]))


def sqlalchemy_url(url: str) -> str:
    """Any PostgreSQL URL → the SQLAlchemy psycopg 3 dialect URL."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise DatabaseUnavailable(
            f"DATABASE_URL must be a postgresql:// URL, got {parts.scheme}://"
        )
    return urlunsplit(("postgresql+psycopg", *parts[1:]))


def masked(url: str) -> str:
    """The URL with any password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit((parts.scheme, netloc, *parts[2:]))
    return url


@dataclass
class Database:
    """Engine, sessions and libpq URL for the configured PostgreSQL."""

    url: str
    embedded: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        """Use ``DATABASE_URL`` when set, else start (or reuse) the embedded server."""
        if settings.database_url:
            return cls(url=libpq_url(settings.database_url), embedded=False)
        return cls(url=embedded_pg.start(settings.data_path), embedded=True)

    @cached_property
    def engine(self) -> Engine:
        return create_engine(sqlalchemy_url(self.url), pool_pre_ping=True, pool_size=5)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any error."""
        try:
            with self.sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise unavailable(self.url, exc) from exc

    def check(self) -> str:
        """Connect once and return the server version; DatabaseUnavailable when unreachable."""
        try:
            with self.engine.connect() as conn:
                return str(conn.execute(text("SHOW server_version")).scalar_one())
        except OperationalError as exc:
            raise unavailable(self.url, exc) from exc

    def connect(self) -> psycopg.Connection[dict[str, object]]:
        """A raw autocommit psycopg connection (for LangGraph's checkpointer)."""
        from psycopg.rows import dict_row

        try:
            return psycopg.connect(
                self.url, autocommit=True, prepare_threshold=0, row_factory=dict_row
            )
        except psycopg.OperationalError as exc:
            raise unavailable(self.url, exc) from exc

    def dispose(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def unavailable(url: str, exc: BaseException) -> DatabaseUnavailable:
    """One clear line for an unreachable database."""
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return DatabaseUnavailable(f"cannot reach PostgreSQL at {masked(url)}: {reason}")
