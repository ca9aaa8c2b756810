"""The knobs of the client's retry behaviour and the counters it keeps (for metrics)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff and waiting limits; tests pass small values, the defaults suit production."""

    attempts: int = 5  # total tries per request, the first one included
    backoff_base: float = 0.5  # seconds; doubles per retry, plus up to this much jitter
    backoff_cap: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After raises RateLimited instead
    max_rate_limit_wait: float = 900.0  # longest wait for X-RateLimit-Reset before raising
    reset_margin: float = 1.0  # added to the reset wait: GitHub's clock is not ours
    secondary_min_wait: float = 60.0  # GitHub: wait at least a minute on a secondary limit


@dataclass
class ClientStats:
    """What one client did so far; never global, read it for metrics."""

    requests: int = 0  # HTTP requests sent, retries included
    retries: int = 0
    rate_limit_waits: int = 0  # retries that waited because GitHub throttled us
    waited_seconds: float = 0.0
    not_modified: int = 0  # 304s served from the ETag store
