"""Alembic environment: runs migrations on the connection given by ``devbizops.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from memory.schema import is_ours, metadata

config = context.config
target_metadata = metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_object=is_ours,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    # Plain `alembic` CLI use (e.g. `alembic revision --autogenerate`): resolve like the app does.
    from devbizops.db import Database, sqlalchemy_url
    from devbizops.settings import Settings

    url = sqlalchemy_url(Database.from_settings(Settings()).url)
    with create_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
