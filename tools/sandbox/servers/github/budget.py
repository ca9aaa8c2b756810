"""The primary rate limit: a per-token (or per-IP when anonymous) budget per fixed window.

Like GitHub, the window starts with the first counted request and its reset is a whole UTC epoch
second; a 304 and ``GET /rate_limit`` are not counted.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Window:
    limit: int
    used: int
    reset: int  # UTC epoch seconds
    resource: str = "core"

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def headers(self) -> dict[str, str]:
        """GitHub's ``X-RateLimit-*`` headers for this window."""
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset),
            "X-RateLimit-Used": str(self.used),
            "X-RateLimit-Resource": self.resource,
        }


class RateBudget:
    """Thread-safe request budgets keyed by token (or ``ip:<addr>``)."""

    def __init__(
        self, limit: int, window_seconds: float = 3600.0, clock: Callable[[], float] = time.time
    ) -> None:
        self.limit = limit
        self._window_seconds = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, Window] = {}

    def _current(self, key: str) -> Window:
        now = self._clock()
        window = self._windows.get(key)
        if window is None or now >= window.reset:
            window = Window(self.limit, 0, math.ceil(now + self._window_seconds))
            self._windows[key] = window
        return window

    def peek(self, key: str) -> Window:
        """The window as it stands, without spending anything."""
        with self._lock:
            return self._current(key)

    def spend(self, key: str) -> Window:
        """Count one request (never beyond the limit) and return the window after it."""
        with self._lock:
            window = self._current(key)
            if window.remaining > 0:
                window = replace(window, used=window.used + 1)
                self._windows[key] = window
            return window

    def exhaust(self, key: str, *, reset: int) -> None:
        """Spend the whole budget now and reset at epoch second ``reset`` (for tests)."""
        with self._lock:
            self._windows[key] = Window(self.limit, self.limit, reset)

    def clear(self) -> None:
        """Forget every window: all budgets start full again."""
        with self._lock:
            self._windows.clear()
