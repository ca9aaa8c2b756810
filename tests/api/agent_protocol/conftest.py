"""The real app served by uvicorn on a loopback port, for the real langgraph-sdk to drive."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from fastapi import FastAPI

from api.app import create_app
from devbizops.db import Database
from devbizops.settings import Settings
from tests.api.conftest import issue_key
from tools.sandbox.servers.loopback import LoopbackServer


@dataclass
class Server:
    url: str
    app: FastAPI
    db: Database

    def key(self, org: str = "acme", role: str = "engineer") -> str:
        """A fresh API key of ``role`` in ``org``."""
        return issue_key(self.db, org, role)


@contextmanager
def serving(settings: Settings, db: Database) -> Iterator[Server]:
    """The app (lifespan, inline executor) on 127.0.0.1:<free port> for the block."""
    app = create_app(settings)
    with LoopbackServer(app, name="devbizops-api", lifespan=True) as running:
        yield Server(running.base_url, app, db)


@pytest.fixture
def server(settings: Settings, db: Database) -> Iterator[Server]:
    """The app on the test's settings, served for the test."""
    with serving(settings, db) as served:
        yield served
