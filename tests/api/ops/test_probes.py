"""/healthz and /readyz: no credentials needed; not ready names every failed dependency."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from devbizops.db import Database
from tests.api.ops.conftest import REDIS_DB, ClientFactory
from tests.support.waiting import free_port


def failed_checks(answer: object) -> dict[str, str]:
    body = answer.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert body["error"]["code"] == "not_ready"
    return {f["check"]: f["detail"] for f in body["error"]["details"]["failed"]}


def test_healthz_answers_without_credentials(api: TestClient) -> None:
    answer = api.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_readyz_is_ready_on_a_migrated_database(api: TestClient) -> None:
    answer = api.get("/readyz")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"] == "ok"
    assert "redis" not in body["checks"]  # inline executor: Redis is not a dependency


def test_readyz_is_503_when_postgresql_is_unreachable(client_with: ClientFactory) -> None:
    port = free_port()
    client = client_with(database_url=f"postgresql://postgres@127.0.0.1:{port}/nowhere")

    answer = client.get("/readyz")

    assert answer.status_code == 503
    failed = failed_checks(answer)
    assert set(failed) == {"database", "migrations"}
    assert f"127.0.0.1:{port}" in failed["database"]
    assert client.get("/healthz").status_code == 200  # the process itself is fine


def test_readyz_is_503_when_the_schema_is_behind_the_code(api: TestClient, db: Database) -> None:
    with db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0001'"))

    failed = failed_checks(api.get("/readyz"))

    assert set(failed) == {"migrations"}
    assert "devbizops db upgrade" in failed["migrations"]


def test_readyz_with_celery_needs_redis(client_with: ClientFactory) -> None:
    up = client_with(executor="celery", redis_url=REDIS_DB).get("/readyz")
    assert up.status_code == 200, up.text
    assert up.json()["checks"]["redis"] == "ok"

    port = free_port()
    down = client_with(executor="celery", redis_url=f"redis://127.0.0.1:{port}/0").get("/readyz")
    assert down.status_code == 503
    failed = failed_checks(down)
    assert set(failed) == {"redis"}
    assert f"127.0.0.1:{port}" in failed["redis"]
