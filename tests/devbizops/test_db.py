"""One code path for PostgreSQL: embedded server reuse, migrations, schema status."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from devbizops import embedded_pg, migrate
from devbizops.db import Database, masked, sqlalchemy_url
from devbizops.errors import DatabaseUnavailable
from memory.schema import is_ours, metadata
from tests.support.postgres import private_dir


def test_embedded_server_starts_once_and_is_reused_with_its_data() -> None:
    with private_dir("devbizops-test-embedded-") as directory:
        _start_reuse_stop(directory / "d")


def _start_reuse_stop(data: Path) -> None:
    url = embedded_pg.start(data)
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE kept (v int)")
            conn.execute("INSERT INTO kept VALUES (42)")
            has_vector = conn.execute(
                "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'"
            ).fetchone()
        assert has_vector == (1,)
        again = embedded_pg.start(data)
        assert again == url
        with psycopg.connect(again) as conn:
            assert conn.execute("SELECT v FROM kept").fetchone() == (42,)
        assert embedded_pg.is_running(data)
    finally:
        assert embedded_pg.stop(data)
    assert not embedded_pg.is_running(data)
    assert embedded_pg.stop(data) is False


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_object": is_ours}), metadata
        )
    assert diff == []


def test_schema_is_at_head_with_langgraph_tables(db: Database) -> None:
    status = migrate.status(db)
    assert status.up_to_date and status.current == migrate.head_revision()
    with db.engine.connect() as conn:
        tables = set(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname='public'")
            ).scalars()
        )
    assert {
        "organizations",
        "users",
        "memberships",
        "runs",
        "run_events",
        "transcripts",
        "requirements",
        "roadmap_items",
        "audit_log",
        "checkpoints",
        "checkpoint_writes",
    } <= tables


def test_upgrade_twice_changes_nothing(db: Database) -> None:
    assert migrate.upgrade(db) == migrate.upgrade(db) == migrate.head_revision()


def test_unreachable_server_is_one_clear_error() -> None:
    db = Database(url="postgresql://nobody:pw@127.0.0.1:1/none", embedded=False)
    with pytest.raises(DatabaseUnavailable, match=r"cannot reach PostgreSQL at .*:\*\*\*@127"):
        db.check()
    db.dispose()


def test_urls_are_normalised_and_masked() -> None:
    assert sqlalchemy_url("postgres://a:b@h/d") == "postgresql+psycopg://a:b@h/d"
    assert masked("postgresql://a:secret@h:5/d") == "postgresql://a:***@h:5/d"
    with pytest.raises(DatabaseUnavailable, match="postgresql://"):
        sqlalchemy_url("mysql://h/d")
