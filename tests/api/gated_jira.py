"""A loopback Jira whose calls can be held, so a run sits inside a node until the test opens it."""

from __future__ import annotations

import asyncio
import threading
import time

from starlette.types import ASGIApp, Receive, Scope, Send

CONNECTOR = "jira-sandbox"


class Gate:
    """Wraps the Jira app: while closed, Jira calls wait (the run sits inside a node)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.closed = False
        self.entered = threading.Event()
        self.opened = threading.Event()

    def close(self) -> None:
        self.closed, self.entered = True, threading.Event()
        self.opened.clear()

    def open(self) -> None:
        self.closed = False
        self.opened.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.closed:
            self.entered.set()
            give_up = time.monotonic() + 30  # never wedge a test's teardown
            while not self.opened.is_set() and time.monotonic() < give_up:
                await asyncio.sleep(0.01)
        await self.app(scope, receive, send)
