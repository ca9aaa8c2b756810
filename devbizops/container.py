"""Composition root: settings → database, language model, graphs and services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from langgraph.checkpoint.postgres import PostgresSaver

from api.runs.service import RunService
from devbizops import migrate
from devbizops.db import Database
from devbizops.errors import ConfigurationError
from devbizops.llm import embedder, language_model
from devbizops.logging import configure as configure_logging
from devbizops.settings import Provider, Settings
from graphs.registry import GraphRegistry
from memory.store import SqlGraphStore
from tools.llm import LanguageModel


@dataclass
class Container:
    settings: Settings
    db: Database
    llm: LanguageModel
    graphs: GraphRegistry
    runs: RunService


def ensure_schema(db: Database) -> None:
    """Migrate an embedded database on first use; ask for ``db upgrade`` on a shared server."""
    status = migrate.status(db)
    if status.up_to_date:
        return
    if db.embedded:
        migrate.upgrade(db)
        return
    raise ConfigurationError(
        f"database schema is at {status.current or 'nothing'}, the code needs {status.head}: "
        "run `devbizops db upgrade`"
    )


@contextmanager
def open_container(
    settings: Settings, *, provider: Provider | None = None, model: str | None = None
) -> Iterator[Container]:
    """Everything a command needs, with the database checked and connections closed after."""
    configure_logging(settings.log_level, settings.log_json)
    db = Database.from_settings(settings)
    try:
        ensure_schema(db)
        llm = language_model(settings, provider=provider, model=model)
        vectors = embedder(settings, provider=provider)
        with db.connect() as conn:
            graphs = GraphRegistry(
                llm,
                SqlGraphStore(db.transaction, vectors),
                PostgresSaver(conn),
                data_dir=settings.data_path,
            )
            runs = RunService(db, graphs, embedder=vectors)
            try:
                yield Container(settings, db, llm, graphs, runs)
            finally:
                runs.close()
    finally:
        db.dispose()
