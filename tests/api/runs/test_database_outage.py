"""PostgreSQL going away: a clear 503, nothing half-written, and answers again once it is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from devbizops.db import Database
from devbizops.settings import Settings
from memory.models import Run
from tests.api.conftest import issue_key
from tests.api.runs.conftest import translate
from tests.support.tcp_proxy import TcpProxy


def _via(url: str, port: int) -> str:
    """``url`` pointed at 127.0.0.1:``port`` (a socket-directory ``host=`` parameter dropped)."""
    parts = urlsplit(url)
    user = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "host"])
    return urlunsplit((parts.scheme, f"{user}127.0.0.1:{port}", parts.path, query, ""))


@pytest.fixture
def proxy(database_url: str) -> Iterator[TcpProxy]:
    """A proxy to the test's server: TCP, or the Unix socket the embedded server listens on."""
    target = urlsplit(database_url)
    port = target.port or 5432
    socket_dir = dict(parse_qsl(target.query)).get("host")
    unix = str(Path(socket_dir) / f".s.PGSQL.{port}") if socket_dir else None
    with TcpProxy(target.hostname or "127.0.0.1", port, unix_socket=unix) as running:
        yield running


def _runs(db: Database) -> int:
    with db.transaction() as session:
        return int(session.execute(select(func.count()).select_from(Run)).scalar_one())


def test_requests_get_503_while_postgres_is_away_and_are_served_again_after(
    settings: Settings, db: Database, database_url: str, proxy: TcpProxy
) -> None:
    key = issue_key(db, "acme", "engineer")
    headers = {"X-Api-Key": key}
    app = create_app(settings.model_copy(update={"database_url": _via(database_url, proxy.port)}))
    with TestClient(app) as api:
        first = api.post("/v1/runs/wait", json=translate(), headers=headers)
        assert first.status_code == 200 and first.json()["status"] == "succeeded"
        before = _runs(db)

        proxy.cut()
        answer = api.post("/v1/runs", json=translate(), headers=headers)
        assert answer.status_code == 503
        error = answer.json()["error"]
        assert error["code"] == "database_unavailable"
        assert "Traceback" not in answer.text and "cannot reach PostgreSQL" in error["message"]
        assert _runs(db) == before  # nothing half-written

        proxy.restore()
        # Pooled connections broken by the outage are replaced at checkout: reads work at once.
        listed = api.get("/v1/runs", headers=headers)
        assert listed.status_code == 200 and len(listed.json()["items"]) == before
        assert api.get("/readyz").status_code == 200
