"""Every request the site received, as sent, so tests can hold clients to the vendor's spec.

Clients that tests cannot hand an httpx hook (e.g. the ones the run service opens from stored
connectors) are still checked: a test turns each entry back into an ``httpx.Request`` and
validates it against Atlassian's OpenAPI description.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
from starlette.requests import Request
from starlette.responses import Response

Handler = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class JournalEntry:
    method: str
    url: str  # path and query, as received
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def as_httpx(self, base_url: str) -> httpx.Request:
        """The request as an ``httpx.Request`` against ``base_url``."""
        url = base_url + self.url
        return httpx.Request(self.method, url, headers=self.headers, content=self.body)


@dataclass
class Journal:
    """Requests in arrival order; thread-safe (the server thread writes, tests read)."""

    _entries: list[JournalEntry] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def entries(self) -> list[JournalEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def middleware(self) -> Callable[[Request, Handler], Awaitable[Response]]:
        """A Starlette ``dispatch`` that records each request before handling it."""

        async def record(request: Request, call_next: Handler) -> Response:
            query = f"?{request.url.query}" if request.url.query else ""
            entry = JournalEntry(
                method=request.method,
                url=request.url.path + query,
                headers=tuple(request.headers.items()),
                body=await request.body(),
            )
            with self._lock:
                self._entries.append(entry)
            return await call_next(request)

        return record
