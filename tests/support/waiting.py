"""Polling for something that happens in another thread or process, and free loopback ports."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any


def wait_for(
    check: Callable[[], Any], what: str, seconds: float = 120.0, interval: float = 0.05
) -> Any:
    """Poll ``check`` until it returns something truthy and return it; fail naming ``what``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"gave up waiting for {what}")


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
