"""HubSpot's private-app rate limits: the headers it sends, and (optionally) its 429s."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimits:
    """Professional-tier private-app limits; ``enforce`` turns on real 429s (off by default)."""

    daily: int = 650_000
    ten_secondly: int = 190  # per rolling 10 s; search does not count against it
    search_secondly: int = 5  # search's own per-second limit
    enforce: bool = False


class RateMeter:
    """Counts requests in rolling windows and says which limit, if any, a request broke."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._lock = threading.Lock()
        self._daily = 0
        self._ten: deque[float] = deque()
        self._search: deque[float] = deque()

    def take(self, *, search: bool) -> tuple[dict[str, str], str | None]:
        """Count one request; its rate-limit headers and the broken policy name (or None)."""
        limits = self.limits
        with self._lock:
            now = self._clock()
            _prune(self._ten, now - 10)
            _prune(self._search, now - 1)
            self._daily += 1
            (self._search if search else self._ten).append(now)
            last_second = sum(1 for t in self._ten if t > now - 1)
            secondly = max(1, limits.ten_secondly // 10)
            headers = {
                "X-HubSpot-RateLimit-Daily": str(limits.daily),
                "X-HubSpot-RateLimit-Daily-Remaining": str(max(0, limits.daily - self._daily)),
                "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
                "X-HubSpot-RateLimit-Max": str(limits.ten_secondly),
                "X-HubSpot-RateLimit-Remaining": str(max(0, limits.ten_secondly - len(self._ten))),
                "X-HubSpot-RateLimit-Secondly": str(secondly),
                "X-HubSpot-RateLimit-Secondly-Remaining": str(max(0, secondly - last_second)),
            }
            broken = None
            if self._daily > limits.daily:
                broken = "DAILY"
            elif search and len(self._search) > limits.search_secondly:
                broken = "SECONDLY"
            elif not search and len(self._ten) > limits.ten_secondly:
                broken = "TEN_SECONDLY_ROLLING"
            return headers, broken if limits.enforce else None


def _prune(window: deque[float], older_than: float) -> None:
    while window and window[0] <= older_than:
        window.popleft()
