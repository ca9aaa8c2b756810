"""Every error the API returns has one shape: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from devbizops.db import Database
from devbizops.errors import Conflict
from devbizops.settings import Settings
from tests.api.conftest import KeyFactory


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    app = create_app(settings)

    @app.get("/_probe/conflict")
    def conflict() -> None:
        raise Conflict("run r1 is already running", details={"run_id": "r1"})

    @app.get("/_probe/count/{n}")
    def probe(n: int) -> dict[str, int]:
        return {"n": n}

    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def test_project_error_keeps_its_code_status_and_details(client: TestClient) -> None:
    answer = client.get("/_probe/conflict")
    assert answer.status_code == 409
    assert answer.json() == {
        "error": {
            "code": "conflict",
            "message": "run r1 is already running",
            "details": {"run_id": "r1"},
        }
    }


def test_request_validation_error_is_invalid_input_naming_the_fields(client: TestClient) -> None:
    answer = client.get("/_probe/count/many")
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert (error["code"], set(error)) == ("invalid_input", {"code", "message", "details"})
    assert [f["loc"] for f in error["details"]["fields"]] == [["path", "n"]]
    assert error["details"]["fields"][0]["message"]


def test_unknown_path_gets_the_same_shape(client: TestClient) -> None:
    answer = client.post("/v1/webhooks/gitlab")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_missing_webhook_secret_is_not_found_in_the_error_shape(client: TestClient) -> None:
    answer = client.post("/v1/webhooks/jira", content=b"{}")
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert error["code"] == "not_found"
    assert "webhook_secret" in error["message"]


def test_lifespan_opens_the_database_and_disposes_it(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    disposed: list[Database] = []
    real_dispose = Database.dispose

    def dispose(self: Database) -> None:
        # Record the call and still close the pool: a leaked connection fails a later test.
        disposed.append(self)
        real_dispose(self)

    monkeypatch.setattr(Database, "dispose", dispose)
    with TestClient(app):
        db = app.state.db
        assert isinstance(db, Database)
        assert db.check()
        assert disposed == []
    assert disposed == [db]


def test_a_value_postgres_cannot_store_is_invalid_input_not_a_server_error(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers("engineer")
    answer = api.post("/threads", json={"metadata": {"k": "a\u0000b"}}, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid_input"
    audit = api.get("/v1/audit", params={"before_id": 2**70}, headers=auth_headers("owner"))
    assert audit.status_code == 422
