"""Conditional requests: where ETags and the bodies they validate are kept between runs.

GitHub answers ``304 Not Modified`` (free of rate-limit cost) when the ``If-None-Match`` we send
still matches. The store is keyed by the full request URL (query string included), and what it
keeps is opaque to it: the client stores a small JSON envelope holding the body and the ``Link``
header, because a 304 carries neither and paging must go on from the cached page.
"""

from __future__ import annotations

import threading
from typing import Protocol


class EtagStore(Protocol):
    """Keeps the last ETag and cached payload per URL (in memory here; PostgreSQL in the sync)."""

    def get(self, url: str) -> tuple[str, bytes] | None:
        """The ``(etag, cached_body)`` saved for ``url``, or None."""
        ...

    def put(self, url: str, etag: str, body: bytes) -> None:
        """Remember ``etag`` and ``body`` for ``url``, replacing what was there."""
        ...


class MemoryEtagStore:
    """A thread-safe in-process EtagStore."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[str, bytes]] = {}

    def get(self, url: str) -> tuple[str, bytes] | None:
        """The ``(etag, cached_body)`` saved for ``url``, or None."""
        with self._lock:
            return self._entries.get(url)

    def put(self, url: str, etag: str, body: bytes) -> None:
        """Remember ``etag`` and ``body`` for ``url``."""
        with self._lock:
            self._entries[url] = (etag, body)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
