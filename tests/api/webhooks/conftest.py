"""Fixtures for the webhook receivers: the sandbox company, the app on the test's database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from devbizops.connectors import ConnectorService
from devbizops.db import Database
from devbizops.secrets import SecretBox
from devbizops.settings import Settings
from memory.models import Base
from memory.source_models import Event, WebhookDelivery

SECRET = "whsec-devbizops-test"
# What each source's connector needs besides the webhook secret.
CONNECTOR_FIELDS: dict[str, tuple[dict[str, str], dict[str, str], str | None]] = {
    "github": ({"token": "ghp-test"}, {"org": "acme"}, None),
    "jira": (
        {"api_token": "jira-test"},
        {"email": "bot@acme.test", "project": "DBO"},
        "https://acme.atlassian.net",
    ),
    "crm": ({"token": "pat-test"}, {}, None),
}


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The API with its lifespan running (database opened, then disposed)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def add_connector(
    settings: Settings, db: Database, source: str, secret: str | None = SECRET, org: str = ""
) -> None:
    """Store the org's connector for ``source`` with ``webhook_secret`` (none when None)."""
    secrets, plain, url = CONNECTOR_FIELDS[source]
    sealed = {**secrets, **({"webhook_secret": secret} if secret else {})}
    ConnectorService(db, SecretBox.from_settings(settings)).add(
        org or settings.org, f"{source}-main", source, url, sealed, plain
    )


def count(db: Database, model: type[Base], *where: Any) -> int:
    with db.transaction() as session:
        return int(
            session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()
        )


def event_kinds(db: Database, source: str) -> list[str]:
    """Kinds of the source's timeline events, sorted."""
    with db.transaction() as session:
        rows = session.execute(select(Event.kind).where(Event.source == source)).scalars()
        return sorted(rows)


def deliveries(db: Database, source: str) -> int:
    return count(db, WebhookDelivery, WebhookDelivery.source == source)


def assert_error(body: dict[str, Any], code: str) -> dict[str, Any]:
    """The documented error shape; returns the error for further checks."""
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], dict)
    return error
