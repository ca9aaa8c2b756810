"""The HTTP edge of the Jira client: basic auth, error mapping and retries (tenacity).

429, 5xx and connection errors are retried with exponential backoff and full jitter, honouring
``Retry-After`` (up to ``max_retry_after``); other 4xx surface at once as typed errors carrying
Jira's ``ErrorCollection``. Non-idempotent writes are retried only as a whole unit that looks up
its idempotency key first (see ``client.py``), so ``send`` itself never retries.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_random_exponential

from tools.jira.errors import (
    JiraAuthError,
    JiraError,
    JiraNotFound,
    JiraRateLimited,
    JiraUnavailable,
)
from tools.jira.wire import ErrorCollectionWire
from tools.retry_after import retry_after_seconds
from tools.telemetry import adapter_error, adapter_request, adapter_retry

T = TypeVar("T")
Params = Mapping[str, str | int | list[str]]


@dataclass
class TransportStats:
    """Counters for metrics: HTTP attempts sent and retries slept on."""

    requests: int = 0
    retries: int = 0


class JiraTransport:
    """Sends requests to one Jira site as one account; owns its ``httpx.Client`` unless given."""

    def __init__(
        self,
        base_url: str,
        *,
        email: str,
        api_token: str,
        timeout: float,
        max_attempts: int,
        backoff_base: float,
        backoff_cap: float,
        max_retry_after: float,
        http_client: httpx.Client | None,
        transport: httpx.BaseTransport | None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.stats = TransportStats()
        self._auth = httpx.BasicAuth(email, api_token)
        self._timeout = timeout
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(transport=transport, timeout=timeout)
        self._max_attempts = max(1, max_attempts)
        self._max_retry_after = max_retry_after
        self._backoff = wait_random_exponential(multiplier=backoff_base, max=backoff_cap)

    def send(
        self, method: str, path: str, *, params: Params | None = None, json: Any = None
    ) -> httpx.Response:
        """One attempt; a non-2xx answer or a transport failure is raised as a ``JiraError``."""
        self.stats.requests += 1
        adapter_request("jira")
        try:
            response = self._http.request(
                method,
                f"{self.base_url}{path}",
                params=params,
                json=json,
                auth=self._auth,
                headers={"Accept": "application/json"},
                timeout=self._timeout,
            )
        except httpx.TransportError as exc:
            adapter_error("jira", None)
            raise JiraUnavailable(
                f"could not reach Jira at {self.base_url} ({method} {path}): {exc!r}",
                details={"method": method, "path": path},
            ) from exc
        if response.is_success:
            return response
        adapter_error("jira", response.status_code)
        raise _error(response, method, path)

    def retrying(self, unit: Callable[[], T]) -> T:
        """Run ``unit`` until it succeeds, retrying retryable ``JiraError``s with backoff."""
        retryer = Retrying(
            stop=stop_after_attempt(self._max_attempts),
            wait=self._wait,
            retry=retry_if_exception(self._should_retry),
            before_sleep=self._count_retry,
            reraise=True,
        )
        return retryer(unit)

    def send_json(
        self, method: str, path: str, *, params: Params | None = None, json: Any = None
    ) -> Any:
        """One attempt; the decoded JSON body."""
        return _json(self.send(method, path, params=params, json=json))

    def get_json(self, path: str, params: Params | None = None) -> Any:
        """GET with retries; the decoded JSON body."""
        return self.retrying(lambda: self.send_json("GET", path, params=params))

    def post_json(self, path: str, body: Any) -> Any:
        """POST with retries, for reads only (search): writes go through ``retrying`` units."""
        return self.retrying(lambda: self.send_json("POST", path, json=body))

    def close(self) -> None:
        """Close the HTTP client if this transport opened it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> JiraTransport:
        return self

    def __exit__(
        self, exc: type[BaseException] | None, val: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _should_retry(self, exc: BaseException) -> bool:
        if not isinstance(exc, JiraError) or not exc.retryable:
            return False
        # Waiting longer than we allow would stall a sync; fail now and let the caller reschedule.
        return exc.retry_after is None or exc.retry_after <= self._max_retry_after

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, JiraError) and exc.retry_after is not None:
            return max(exc.retry_after, 0.0)
        return float(self._backoff(state))

    def _count_retry(self, state: RetryCallState) -> None:
        self.stats.retries += 1
        adapter_retry("jira")


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise JiraError(
            f"Jira sent a non-JSON body for {response.request.method} {response.request.url.path}",
            http_status=response.status_code,
        ) from exc


def _error(response: httpx.Response, method: str, path: str) -> JiraError:
    status = response.status_code
    messages, errors = _error_collection(response)
    said = (
        "; ".join([*messages, *(f"{k}: {v}" for k, v in errors.items())]) or response.reason_phrase
    )
    text = f"Jira answered HTTP {status} to {method} {path}: {said}"
    kwargs: dict[str, Any] = {
        "http_status": status,
        "error_messages": messages,
        "errors": errors,
        "details": {"method": method, "path": path},
    }
    if status == 401:
        return JiraAuthError(text, **kwargs)
    if status == 404:
        return JiraNotFound(text, **kwargs)
    if status == 429:
        return JiraRateLimited(text, retry_after=_retry_after(response), **kwargs)
    if status >= 500:
        return JiraUnavailable(text, retry_after=_retry_after(response), **kwargs)
    return JiraError(text, **kwargs)


def _error_collection(response: httpx.Response) -> tuple[list[str], dict[str, str]]:
    """Jira's ``{errorMessages, errors}``; its auth layer answers 401 with bare text instead."""
    try:
        parsed = ErrorCollectionWire.model_validate_json(response.content)
    except ValidationError:
        text = response.text.strip()
        return ([text[:500]] if text and "<html" not in text.lower() else []), {}
    return parsed.error_messages, parsed.errors


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds from ``Retry-After`` (seconds or HTTP date), else from ISO ``X-RateLimit-Reset``."""
    value = response.headers.get("Retry-After", "").strip()
    if value:
        return retry_after_seconds(value, time.time())
    reset = response.headers.get("X-RateLimit-Reset", "").strip()
    if reset:
        try:
            when = datetime.fromisoformat(reset.replace("Z", "+00:00"))
        except ValueError:
            return None
        return max((when - datetime.now(UTC)).total_seconds(), 0.0)
    return None
