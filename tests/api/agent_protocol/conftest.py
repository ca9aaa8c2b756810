"""The real app served by uvicorn on a loopback port, for the real langgraph-sdk to drive."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from devbizops.db import Database
from devbizops.settings import Settings
from tests.api.conftest import issue_key


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
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no delayed-ACK waits
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # Like tools/sandbox/servers/loopback.py, but with the lifespan: it makes the executor.
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        loop="asyncio",
        http="h11",
        ws="none",
        lifespan="on",
        timeout_graceful_shutdown=5,  # an open stream must not hold the teardown
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(400):
            if uv.started or not thread.is_alive():
                break
            thread.join(timeout=0.05)
        assert uv.started, "uvicorn did not start"
        yield Server(f"http://127.0.0.1:{port}", app, db)
    finally:
        uv.should_exit = True
        thread.join(timeout=60)
        sock.close()


@pytest.fixture
def server(settings: Settings, db: Database) -> Iterator[Server]:
    """The app on the test's settings, served for the test."""
    with serving(settings, db) as served:
        yield served
