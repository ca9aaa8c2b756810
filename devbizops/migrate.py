"""Schema management: Alembic migrations plus LangGraph's own checkpoint tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from langgraph.checkpoint.postgres import PostgresSaver
from sqlalchemy import text

from devbizops.db import Database
from memory.repositories.memory_store import setup_memory_store

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration in the code."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The migration the database is at (None when never migrated)."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database) -> str:
    """Apply every pending migration and set up the checkpointer tables; returns the head."""
    with db.engine.begin() as conn:
        # Serialise concurrent upgrades (two CLI commands, several test workers).
        conn.execute(text("SELECT pg_advisory_xact_lock(727274)"))
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with db.connect() as conn:
        conn.execute("SELECT pg_advisory_lock(727275)")
        try:
            PostgresSaver(conn).setup()
        finally:
            conn.execute("SELECT pg_advisory_unlock(727275)")
        setup_memory_store(conn)
    return head_revision()


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str
    pgvector: bool
    server_version: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def status(db: Database) -> SchemaStatus:
    """Where the schema stands against the code."""
    version = db.check()
    with db.engine.connect() as conn:
        has_vector = conn.execute(
            text("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")
        ).scalar_one()
    return SchemaStatus(current_revision(db), head_revision(), bool(has_vector), version)
