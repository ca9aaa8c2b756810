"""Connector use cases over HTTP: validated like the CLI's, sealed, audited in one transaction."""

from __future__ import annotations

import uuid

from api.connectors.schemas import ConnectorCreate, ConnectorOut, ConnectorUpdate
from devbizops.connectors import DEFAULT_URLS, SECRET_FIELDS, SETTING_FIELDS
from devbizops.db import Database
from devbizops.errors import Conflict, InvalidInput, NotFound
from devbizops.secrets import SecretBox
from memory.repositories.audit import AuditRepository
from memory.repositories.connectors import ConnectorRepository
from memory.source_models import Connector


class ConnectorExists(Conflict):
    code = "connector_exists"


def _view(row: Connector) -> ConnectorOut:
    # Built field by field so the sealed secret can never leak through a model dump.
    return ConnectorOut(
        name=row.name,
        source=row.source,
        base_url=row.base_url,
        settings={str(k): str(v) for k, v in dict(row.settings).items()},
        has_secret=bool(row.secret),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _checked(source: str, base_url: str | None, settings: dict[str, str]) -> str:
    """The URL to store; InvalidInput naming every missing field."""
    missing = [f for f in SETTING_FIELDS[source] if not settings.get(f)]
    url = (base_url or DEFAULT_URLS[source]).rstrip("/")
    if not url:
        missing.append("base_url")
    if missing:
        raise InvalidInput(
            f"{source} connector needs: {', '.join(missing)}",
            details={"missing": missing, "source": source},
        )
    return url


class ConnectorApiService:
    def __init__(self, db: Database, box: SecretBox) -> None:
        self.db = db
        self.box = box

    def list(self, org_id: uuid.UUID) -> list[ConnectorOut]:
        with self.db.transaction() as session:
            return [_view(r) for r in ConnectorRepository(session, org_id).list()]

    def get(self, org_id: uuid.UUID, name: str) -> ConnectorOut:
        with self.db.transaction() as session:
            return _view(self._row(ConnectorRepository(session, org_id), name))

    def create(self, org_id: uuid.UUID, body: ConnectorCreate, actor: str) -> ConnectorOut:
        """Store a new connector; repeating the same request returns it (409 if it differs)."""
        base_url = None if body.base_url is None else str(body.base_url)
        url = _checked(body.source, base_url, body.settings)
        secrets = {SECRET_FIELDS[body.source][0]: body.secret}
        with self.db.transaction() as session:
            repo = ConnectorRepository(session, org_id)
            existing = repo.get(body.name)
            if existing is not None:
                same = (existing.source, existing.base_url, dict(existing.settings)) == (
                    body.source,
                    url,
                    body.settings,
                )
                if same and self.box.open(existing.secret) == secrets:
                    return _view(existing)  # a retried create: nothing to change
                raise ConnectorExists(
                    f"connector {body.name!r} exists; PATCH or DELETE it",
                    details={"name": body.name},
                )
            row = repo.upsert(body.name, body.source, url, body.settings, self.box.seal(secrets))
            AuditRepository(session).record(
                org_id,
                actor,
                "connector.create",
                target=body.name,
                details={"source": body.source, "base_url": url},
            )
            return _view(row)

    def update(
        self, org_id: uuid.UUID, name: str, body: ConnectorUpdate, actor: str
    ) -> ConnectorOut:
        """Change the URL, merge settings, or rotate the secret."""
        with self.db.transaction() as session:
            repo = ConnectorRepository(session, org_id)
            row = self._row(repo, name)
            settings = {**dict(row.settings), **(body.settings or {})}
            base_url = row.base_url if body.base_url is None else str(body.base_url)
            url = _checked(row.source, base_url, settings)
            sealed = row.secret
            if body.secret is not None:
                sealed = self.box.seal({SECRET_FIELDS[row.source][0]: body.secret})
            row.base_url, row.settings, row.secret = url, settings, sealed
            changed = sorted(body.model_dump(exclude_none=True))
            AuditRepository(session).record(
                org_id, actor, "connector.update", target=name, details={"changed": changed}
            )
            session.flush()
            session.refresh(row)  # updated_at comes from the server
            return _view(row)

    def delete(self, org_id: uuid.UUID, name: str, actor: str) -> None:
        with self.db.transaction() as session:
            if not ConnectorRepository(session, org_id).remove(name):
                raise NotFound(f"no connector {name!r}", details={"name": name})
            AuditRepository(session).record(org_id, actor, "connector.delete", target=name)

    @staticmethod
    def _row(repo: ConnectorRepository, name: str) -> Connector:
        row = repo.get(name)
        if row is None:
            raise NotFound(f"no connector {name!r}", details={"name": name})
        return row
