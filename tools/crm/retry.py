"""Retry policy at the transport edge: exponential backoff with jitter, honouring Retry-After."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from tools.crm.errors import CrmError
from tools.retry_after import retry_after_seconds


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry 429/5xx/connection failures; tests pass small numbers."""

    attempts: int = 5  # total tries, the first one included
    base: float = 0.5  # first backoff, seconds; doubles each retry
    cap: float = 30.0  # longest backoff, seconds
    max_retry_after: float = 60.0  # a longer Retry-After fails at once instead of stalling


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    return retry_after_seconds(value, (now or datetime.now(UTC)).timestamp())


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, CrmError) and exc.retryable


class _Wait:
    """Retry-After when the server gave one, else exponential backoff with jitter."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._backoff = wait_exponential_jitter(
            multiplier=policy.base, max=policy.cap, jitter=policy.base
        )

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, CrmError) and exc.retry_after is not None:
            return exc.retry_after
        return float(self._backoff(state))


def retrying(
    policy: RetryPolicy,
    *,
    on_retry: Callable[[RetryCallState], None],
    sleep: Callable[[float], None] = time.sleep,
) -> Retrying:
    """A tenacity controller that re-raises the last typed error once attempts run out."""
    return Retrying(
        stop=stop_after_attempt(policy.attempts),
        wait=_Wait(policy),
        retry=retry_if_exception(_retryable),
        before_sleep=on_retry,
        sleep=sleep,
        reraise=True,
    )
