"""Paging through GitHub lists by the RFC 8288 ``Link`` header (``<url>; rel="next", ...``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from tools.github.conditional import Page
from tools.github.errors import GitHubError

# One link-value: <URI> followed by parameters; rel may be quoted and hold several names.
_LINK = re.compile(r"<(?P<url>[^>]*)>(?P<params>[^<]*)")
_REL = re.compile(r';\s*rel\s*=\s*(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s;,]+))', re.IGNORECASE)


def parse_link_header(value: str | None) -> dict[str, str]:
    """Map each relation (``next``, ``prev``, ``first``, ``last``) to its URL; {} when absent."""
    links: dict[str, str] = {}
    if not value:
        return links
    for match in _LINK.finditer(value):
        rel = _REL.search(match.group("params"))
        if rel is None:
            continue
        for name in (rel.group("quoted") or rel.group("bare") or "").split():
            links.setdefault(name.lower(), match.group("url").strip())
    return links


def next_url(value: str | None) -> str | None:
    """The ``rel="next"`` URL, or None on the last (or only) page."""
    return parse_link_header(value).get("next")


def iterate_pages(
    fetch: Callable[[str], Page], url: str, *, skip_if_unchanged: bool = False
) -> Iterator[Any]:
    """Yield the items of every page from ``url`` on, following ``rel="next"``.

    With ``skip_if_unchanged``, a first page that answered 304 ends the listing at once.
    """
    origin = _origin(url)
    first = True
    current: str | None = url
    while current is not None:
        page = fetch(current)
        if first and page.not_modified and skip_if_unchanged:
            return
        first = False
        if not isinstance(page.data, list):
            kind = type(page.data).__name__
            raise GitHubError(f"GitHub sent {kind} where a list was expected", url=current)
        yield from page.data
        current = next_url(page.link)
        # The token goes wherever the Link points: follow it only on the API's own origin.
        if current is not None and _origin(current) != origin:
            raise GitHubError(f"GitHub Link header points off the API origin: {current}")


def _origin(url: str) -> tuple[str, str, int | None]:
    parsed = httpx.URL(url)
    return parsed.scheme, parsed.host, parsed.port
