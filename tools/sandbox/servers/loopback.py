"""Run an ASGI app with uvicorn on 127.0.0.1 in a background thread (tests, `sandbox serve`)."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn


class LoopbackServer:
    """Serve ``app`` on 127.0.0.1 (a free port unless one is given) until stopped."""

    def __init__(
        self, app: Any, *, name: str, port: int = 0, path: str = "", lifespan: bool = False
    ) -> None:
        self.app = app
        # Our own API needs its lifespan (database, executor); the vendor fakes have none.
        self.lifespan = lifespan
        self.name = name
        self.port = port
        self.path = path  # appended to base_url, e.g. "/v1"
        self.base_url = ""
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> LoopbackServer:
        """Bind, serve in a daemon thread and wait until requests are accepted."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted sockets inherit this: without it, a response written in two parts (headers,
        # then body) waits on the client's delayed ACK — about 40 ms per request on loopback.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(("127.0.0.1", self.port))
        port = sock.getsockname()[1]
        # No logging config, websockets or uvloop: nothing that could warn or touch global state.
        config = uvicorn.Config(
            self.app,
            log_config=None,
            access_log=False,
            loop="asyncio",
            http="h11",
            ws="none",
            lifespan="on" if self.lifespan else "off",
            # An open event stream must not hold the teardown; the app's lifespan gets longer.
            timeout_graceful_shutdown=5 if self.lifespan else 2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name=self.name, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + (60 if self.lifespan else 10)
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                sock.close()
                raise RuntimeError(f"{self.name} server did not start")
            time.sleep(0.01)
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}{self.path}"
        return self

    def stop(self) -> None:
        """Stop serving and join the thread (uvicorn closes the listening socket)."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=60 if self.lifespan else 5)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout=5)
        if self._thread.is_alive():
            raise RuntimeError(f"{self.name} server thread did not stop")
        self._server = self._thread = None

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self, exc: type[BaseException] | None, val: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
