"""The HTTP edge to HubSpot: bearer auth, typed errors from HubSpot's bodies, retries, counters."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState

from tools.crm.errors import CrmAuthError, CrmError, CrmNotFound, CrmRateLimited, CrmUnavailable
from tools.crm.retry import RetryPolicy, parse_retry_after, retrying
from tools.crm.wire import ErrorBody
from tools.telemetry import adapter_error, adapter_request, adapter_retry

HUBSPOT_API = "https://api.hubapi.com"
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
_EXCERPT = 300


@dataclass
class ClientStats:
    """Counters for metrics: HTTP attempts sent, retries slept for, 429s received."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0


class Transport:
    """One HubSpot account over one ``httpx.Client``; closes the client only if it opened it."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = HUBSPOT_API,
        http: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.stats = ClientStats()
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._owns_http = http is None
        self._http = http or httpx.Client(transport=transport, timeout=timeout)
        self._policy = retry or RetryPolicy()
        self._sleep = sleep

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        """Send with retries (429, 5xx, connection errors); only for idempotent requests."""
        return self.retrying(lambda: self.send(method, path, params=params, json=json))

    def retrying(self, attempt: Callable[[], T]) -> T:
        """Run ``attempt`` under the retry policy (for multi-call units such as lookup+create)."""
        for try_ in retrying(self._policy, on_retry=self._count_retry, sleep=self._sleep):
            with try_:
                return attempt()
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        """One attempt; raises a typed ``CrmError`` for anything but 2xx."""
        url = f"{self.base_url}{path}"
        self.stats.requests += 1
        adapter_request("crm")
        try:
            response = self._http.request(
                method, url, params=params, json=json, headers=self._headers
            )
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            adapter_error("crm", None)
            raise CrmUnavailable(
                f"could not reach HubSpot at {self.base_url}: {type(exc).__name__}: {exc}"
            ) from exc
        except httpx.HTTPError as exc:
            adapter_error("crm", None)
            raise CrmError(f"HubSpot request to {url} failed: {exc}") from exc
        if response.is_success:
            return response
        adapter_error("crm", response.status_code)
        raise self._error(response)

    def _error(self, response: httpx.Response) -> CrmError:
        body = _error_body(response)
        message = body.message or _excerpt(response.text) or response.reason_phrase
        status = response.status_code
        request = response.request
        kwargs: dict[str, Any] = {
            "http_status": status,
            "vendor_message": body.message,
            "category": body.category or body.error_type,
            "correlation_id": body.correlation_id,
            "details": {"method": request.method, "path": request.url.path},
        }
        text = f"HubSpot answered {status} to {request.method} {request.url.path}: {message}"
        if status in (401, 403):
            return CrmAuthError(text, **kwargs)
        if status == 404:
            return CrmNotFound(text, **kwargs)
        if status == 429 or status >= 500:
            self.stats.rate_limited += status == 429
            wait = parse_retry_after(response.headers.get("Retry-After"))
            if wait is not None and wait > self._policy.max_retry_after:
                kwargs["details"]["wait_refused"] = True
            else:
                kwargs["retry_after"] = wait
            if body.policy_name:
                kwargs["details"]["policy_name"] = body.policy_name
            cls = CrmRateLimited if status == 429 else CrmUnavailable
            return cls(text, **kwargs)
        return CrmError(text, **kwargs)

    def _count_retry(self, state: RetryCallState) -> None:
        self.stats.retries += 1
        adapter_retry("crm")

    def close(self) -> None:
        """Close the HTTP client if this transport opened it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(
        self, exc: type[BaseException] | None, val: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def decode(model: type[M], response: httpx.Response) -> M:
    """A 2xx body as ``model``; a body HubSpot should never send becomes a ``CrmError``."""
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        request = response.request
        raise CrmError(
            f"HubSpot answered {request.method} {request.url.path} with an unexpected body "
            f"({exc.error_count()} problem(s) reading it as {model.__name__})",
            http_status=response.status_code,
        ) from exc


def _error_body(response: httpx.Response) -> ErrorBody:
    try:
        return ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return ErrorBody()


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"
