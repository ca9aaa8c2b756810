"""Helpers for the ops tests: apps on variant settings, a port nobody listens on, log capture."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import pytest
import structlog
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import require
from devbizops.logging import configure, get_logger
from devbizops.settings import Settings

ClientFactory = Callable[..., TestClient]
# Redis database 13 belongs to these tests (the Celery executor tests use 14 and 15).
REDIS_DB = "redis://127.0.0.1:6379/13"


PROBE_ROUTE = "/_probe/runs/{run_id}"


def add_probe_route(app: FastAPI) -> None:
    """An authenticated route with a ``run_id`` path parameter that logs from inside."""

    @app.get(PROBE_ROUTE)
    def probe(
        run_id: str, principal: Annotated[Principal, require(Permission.RUNS_READ)]
    ) -> dict[str, str]:
        get_logger("tests.probe").info("probe_inside")
        return {"run_id": run_id}


@pytest.fixture
def probe_client(api_app: FastAPI) -> Iterator[TestClient]:
    """The test app plus the probe route, running its lifespan."""
    add_probe_route(api_app)
    with TestClient(api_app) as client:
        yield client


@pytest.fixture
def client_with(settings: Settings) -> Iterator[ClientFactory]:
    """``client_with(executor="celery", ...)``: a running app on a copy of the test settings."""
    clients: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        client = TestClient(create_app(settings.model_copy(update=changes)))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


class LogLines:
    """JSON log lines written through ``devbizops.logging`` during a test."""

    def __init__(self) -> None:
        self.stream = io.StringIO()

    def events(self, event: str) -> list[dict[str, Any]]:
        lines = [json.loads(line) for line in self.stream.getvalue().splitlines() if line]
        return [line for line in lines if line.get("event") == event]


@pytest.fixture
def json_logs() -> Iterator[LogLines]:
    """Our logging configured for JSON at INFO into a buffer; structlog defaults restored after."""
    lines = LogLines()
    root_handlers = list(logging.getLogger().handlers)
    configure("INFO", as_json=True, stream=lines.stream)
    yield lines
    structlog.reset_defaults()
    for handler in logging.getLogger().handlers:
        if handler not in root_handlers:
            logging.getLogger().removeHandler(handler)
