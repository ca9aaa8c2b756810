"""The HTTP edge of the GitHub client: one GET with auth headers, retries and conditional requests.

Retried (tenacity): connection errors, 5xx and rate limits. A rate limit waits as GitHub asks:
``Retry-After`` when sent, else until ``X-RateLimit-Reset`` when the primary budget is spent, else
(secondary limit) exponential backoff from ``secondary_min_wait``. A wait longer than the policy's
maximum raises ``RateLimited`` at once instead of blocking. Other 4xx are never retried.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import tenacity

from tools.github.errors import GitHubError, GitHubUnavailable, RateLimited
from tools.github.policy import ClientStats, RetryPolicy
from tools.github.ratelimit import RateLimitHeaders, Throttle, throttle_of
from tools.github.responses import error_for, vendor_message
from tools.retry_after import retry_after_seconds
from tools.telemetry import adapter_error, adapter_request, adapter_retry


class _RetryableResponse(Exception):
    """Internal: a response worth another attempt, with the wait GitHub asked for (if any)."""

    def __init__(self, response: httpx.Response, throttle: Throttle | None) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.throttle = throttle


class GitHubTransport:
    """Sends GETs to GitHub with the API headers and the retry policy; counts what it does."""

    def __init__(
        self,
        http: httpx.Client,
        headers: dict[str, str],
        policy: RetryPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self._headers = headers
        self._policy = policy
        self._sleep = sleep
        self._clock = clock
        self._backoff = tenacity.wait_exponential_jitter(
            multiplier=policy.backoff_base, max=policy.backoff_cap, jitter=policy.backoff_base
        )
        self.stats = ClientStats()
        self.last_rate_limit: RateLimitHeaders | None = None

    def get(self, url: str, extra_headers: dict[str, str] | None = None) -> httpx.Response:
        """GET ``url``; returns a 2xx or 304 response, raises a GitHubError for anything else."""
        headers = {**self._headers, **(extra_headers or {})}
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self._policy.attempts),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type((_RetryableResponse, httpx.TransportError)),
            sleep=self._sleep,
            before_sleep=self._count_retry,
            reraise=True,
        )
        try:
            return retrying(self._attempt, url, headers)
        except _RetryableResponse as exc:
            raise self._exhausted(exc) from None
        except httpx.TransportError as exc:
            raise GitHubUnavailable(f"could not reach GitHub at {url}: {exc!r}", url=url) from exc

    def _attempt(self, url: str, headers: dict[str, str]) -> httpx.Response:
        self.stats.requests += 1
        adapter_request("github")
        try:
            response = self._http.get(url, headers=headers)
        except httpx.TransportError:
            adapter_error("github", None)
            raise
        response.read()
        limits = RateLimitHeaders.from_headers(response.headers)
        if limits is not None:
            self.last_rate_limit = limits
        status = response.status_code
        if status < 300 or status == 304:
            return response
        adapter_error("github", status)
        if status >= 500:
            wait = retry_after_seconds(response.headers.get("retry-after"), self._clock())
            throttle = Throttle("retry_after", wait) if wait is not None else None
            raise _RetryableResponse(response, self._bounded(response, throttle))
        throttle = throttle_of(status, response.headers, vendor_message(response), self._clock())
        if throttle is not None:
            raise _RetryableResponse(response, self._bounded(response, throttle))
        raise error_for(response)

    def _bounded(self, response: httpx.Response, throttle: Throttle | None) -> Throttle | None:
        """Raise now (RateLimited, or Unavailable for a 5xx) when GitHub asks for a longer wait
        than the policy allows: blocking that long belongs to the caller's scheduler."""
        if throttle is None or throttle.seconds is None:
            return throttle
        limit = (
            self._policy.max_rate_limit_wait
            if throttle.kind == "primary"
            else self._policy.max_retry_after
        )
        if throttle.seconds <= limit:
            return throttle
        if response.status_code >= 500:
            raise GitHubUnavailable(
                f"GitHub is unavailable for {throttle.seconds:.0f}s (Retry-After)",
                http_status=response.status_code,
                github_message=vendor_message(response),
                url=str(response.request.url),
            )
        raise self._rate_limited(response, throttle.seconds)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        backoff = float(self._backoff(state))
        if not isinstance(exc, _RetryableResponse) or exc.throttle is None:
            return backoff
        throttle = exc.throttle
        if throttle.kind == "secondary":
            return max(self._policy.secondary_min_wait, backoff)
        assert throttle.seconds is not None
        margin = self._policy.reset_margin if throttle.kind == "primary" else 0.0
        return throttle.seconds + margin

    def _count_retry(self, state: tenacity.RetryCallState) -> None:
        self.stats.retries += 1
        adapter_retry("github")
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _RetryableResponse) and exc.throttle is not None:
            self.stats.rate_limit_waits += 1
        if state.next_action is not None:
            self.stats.waited_seconds += state.next_action.sleep

    def _exhausted(self, exc: _RetryableResponse) -> GitHubError:
        response = exc.response
        if response.status_code in (403, 429):
            seconds = exc.throttle.seconds if exc.throttle else None
            return self._rate_limited(response, seconds or 0.0)
        error = error_for(response)
        return GitHubUnavailable(
            f"{error.message} (after {self._policy.attempts} attempts)",
            http_status=response.status_code,
            github_message=error.github_message,
            documentation_url=error.documentation_url,
            url=str(response.request.url),
        )

    def _rate_limited(self, response: httpx.Response, seconds: float) -> RateLimited:
        reset_at = datetime.fromtimestamp(self._clock() + seconds, UTC)
        return RateLimited(
            f"GitHub rate limit: {vendor_message(response)} (retry at {reset_at.isoformat()})",
            reset_at=reset_at,
            http_status=response.status_code,
            github_message=vendor_message(response),
            documentation_url=error_for(response).documentation_url,
            url=str(response.request.url),
        )
