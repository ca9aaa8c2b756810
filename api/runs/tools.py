"""The tools a write-back run gets: decision memory and the org's Jira connector."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from devbizops.connectors import ConnectorView, open_client
from devbizops.db import Database
from devbizops.errors import NotFound
from devbizops.secrets import SecretBox
from devbizops.settings import get_settings
from graphs.techtranslator.tools import WriteBackTools
from memory.repositories.connectors import ConnectorRepository
from memory.repositories.memory_store import DecisionMemory, setup_memory_store
from tools.llm.embeddings import Embedder


class ToolOpener:
    """Opens per-run tools; safe to share between executor threads."""

    def __init__(
        self, db: Database, embedder: Embedder | None, secrets: SecretBox | None = None
    ) -> None:
        self.db = db
        self._embedder = embedder  # semantic memory search when the database has pgvector
        self._secrets = secrets  # opens Jira connectors for write-back; from settings when None
        self._memory_ready = False

    @contextmanager
    def open(self, data: dict[str, Any]) -> Iterator[WriteBackTools | None]:
        """Memory and Jira for runs that asked for write-back; nothing for the others."""
        if not data.get("write_back"):
            yield None
            return
        with self.db.connect() as conn:
            if not self._memory_ready:
                # Idempotent; covers databases migrated before it (and the vector table).
                setup_memory_store(conn, self._embedder)
                self._memory_ready = True
            memory = DecisionMemory(conn, self._embedder)
            yield WriteBackTools(memory=memory, jira=self._open_jira)

    @contextmanager
    def _open_jira(self, org_id: uuid.UUID, name: str) -> Iterator[Any]:
        with self.db.transaction() as session:
            row = ConnectorRepository(session, org_id).get(name)
            if row is None or row.source != "jira":
                raise NotFound(f"no Jira connector {name!r} in this organization")
            view = ConnectorView(row.name, row.source, row.base_url, dict(row.settings))
            sealed = row.secret
        if self._secrets is None:
            self._secrets = SecretBox.from_settings(get_settings())
        with open_client(view, self._secrets.open(sealed)) as client:
            yield client
