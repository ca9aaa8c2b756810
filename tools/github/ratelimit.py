"""GitHub's rate limits as read from a response: the ``X-RateLimit-*`` headers, ``Retry-After``,
the ``/rate_limit`` body, and which kind of throttle a 403/429 is (GitHub's documented order)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from tools.github.models import WireModel
from tools.retry_after import retry_after_seconds

ThrottleKind = Literal["retry_after", "primary", "secondary"]


@dataclass(frozen=True)
class RateLimitHeaders:
    """The primary-limit headers GitHub puts on every response."""

    limit: int
    remaining: int
    used: int | None
    reset: int  # UTC epoch seconds when the window resets
    resource: str | None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimitHeaders | None:
        """Parse the headers; None when they are absent or malformed."""
        try:
            limit = int(headers["x-ratelimit-limit"])
            remaining = int(headers["x-ratelimit-remaining"])
            reset = int(headers["x-ratelimit-reset"])
        except (KeyError, ValueError):
            return None
        used = headers.get("x-ratelimit-used")
        return cls(
            limit=limit,
            remaining=remaining,
            used=int(used) if used and used.isdigit() else None,
            reset=reset,
            resource=headers.get("x-ratelimit-resource"),
        )

    @property
    def reset_at(self) -> datetime:
        """``reset`` as an aware UTC datetime."""
        return datetime.fromtimestamp(self.reset, UTC)


class RateLimit(WireModel):
    limit: int
    remaining: int
    used: int
    reset: int

    @property
    def reset_at(self) -> datetime:
        """``reset`` as an aware UTC datetime."""
        return datetime.fromtimestamp(self.reset, UTC)


class RateLimitStatus(WireModel):
    """The ``GET /rate_limit`` body (that request itself costs nothing)."""

    rate: RateLimit
    resources: dict[str, RateLimit]

    @property
    def core(self) -> RateLimit:
        """The REST API bucket (``resources.core``)."""
        return self.resources.get("core", self.rate)


@dataclass(frozen=True)
class Throttle:
    """GitHub asked us to slow down: wait ``seconds`` (None: back off, at least a floor)."""

    kind: ThrottleKind
    seconds: float | None


def throttle_of(
    status: int, headers: Mapping[str, str], message: str, now: float
) -> Throttle | None:
    """Classify a 403/429 the way GitHub's docs order it; None when it is no rate limit."""
    if status not in (403, 429):
        return None
    retry_after = retry_after_seconds(headers.get("retry-after"), now)
    if retry_after is not None:
        return Throttle("retry_after", retry_after)
    limits = RateLimitHeaders.from_headers(headers)
    if limits is not None and limits.remaining == 0:
        return Throttle("primary", max(0.0, limits.reset - now))
    if status == 429 or "secondary rate limit" in message.lower():
        return Throttle("secondary", None)
    return None
