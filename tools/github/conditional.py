"""Conditional GETs: send the stored ETag, turn a 304 into the cached page at no rate-limit cost."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tools.github.errors import GitHubError
from tools.github.etags import EtagStore
from tools.github.transport import GitHubTransport


@dataclass(frozen=True)
class Page:
    """One response body. ``not_modified``: it came from the store after a 304."""

    url: str
    data: Any
    link: str | None
    not_modified: bool


def _envelope(data: Any, link: str | None) -> bytes:
    # A 304 carries neither body nor Link, so both are kept to go on paging from the cache.
    return json.dumps({"link": link, "body": data}, separators=(",", ":")).encode()


def _open(envelope: bytes) -> tuple[Any, str | None] | None:
    try:
        value = json.loads(envelope)
    except ValueError:
        return None
    if not isinstance(value, dict) or "body" not in value:
        return None
    link = value.get("link")
    return value["body"], link if isinstance(link, str) else None


class ConditionalFetcher:
    """GET through the transport, with ``If-None-Match`` when the store knows the URL."""

    def __init__(self, transport: GitHubTransport, store: EtagStore | None) -> None:
        self._transport = transport
        self._store = store

    def fetch(self, url: str, *, conditional: bool = True) -> Page:
        """The page at ``url``: fresh on 200, from the store on 304."""
        stored = self._store.get(url) if self._store is not None and conditional else None
        cached = _open(stored[1]) if stored is not None else None
        headers = {"If-None-Match": stored[0]} if stored is not None and cached else None
        response = self._transport.get(url, headers)
        if response.status_code == 304:
            if cached is None:
                raise GitHubError(
                    f"GitHub answered 304 for {url} but nothing is cached for it",
                    http_status=304,
                    url=url,
                )
            self._transport.stats.not_modified += 1
            return Page(url, cached[0], cached[1], not_modified=True)
        data = response.json() if response.content else None
        link = response.headers.get("link")
        etag = response.headers.get("etag")
        if self._store is not None and conditional and etag:
            self._store.put(url, etag, _envelope(data, link))
        return Page(url, data, link, not_modified=False)
