"""One ASGI middleware for every request: request id, log context, access log, latency, span.

Plain ASGI rather than ``BaseHTTPMiddleware``: streamed responses (SSE) pass through untouched and
the context variables set here are the ones the route handlers run with.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterable, MutableMapping
from contextlib import ExitStack
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import Tracer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.ops import tracing
from api.ops.metrics import AppMetrics
from devbizops.logging import bind_deferred, bound, get_logger

HEADER = "x-request-id"
# Ids from a proxy or client are kept only when they cannot smuggle anything into logs or headers.
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
# Probes and scrapes run every few seconds: kept out of the latency histogram and logged at debug.
PROBES = frozenset({"/healthz", "/readyz", "/metrics"})
UNMATCHED = "<unmatched>"  # one label for every unknown path, so scanners cannot explode series

log = get_logger("devbizops.access")


class ObservabilityMiddleware:
    """Wraps the app: ids into logs and the response, one access line, metrics and tracing."""

    def __init__(self, app: ASGIApp, metrics: AppMetrics, tracer: Tracer | None = None) -> None:
        self.app = app
        self.metrics = metrics
        self.tracer = tracer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method: str = scope["method"]
        request_id = request_id_from(scope.get("headers", ()))
        state: MutableMapping[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = 500  # what the client gets if the app raises before answering

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        with ExitStack() as stack:
            span = None
            if self.tracer is not None:
                span = tracing.start_server_span(
                    self.tracer, method, scope["path"], scope.get("headers", ())
                )
                stack.enter_context(trace.use_span(span, end_on_exit=False))
            stack.enter_context(bound(request_id=request_id, trace_id=_trace_id(span)))
            # The router fills in path params and the caller's principal while the request runs.
            stack.enter_context(
                bind_deferred(run_id=lambda: _run_id(scope), org_id=lambda: _org_id(state))
            )
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                seconds = time.perf_counter() - started
                route = route_template(scope)
                if span is not None:
                    tracing.end_server_span(span, method, route, status)
                self._record(method, route, scope["path"], status, seconds)

    def _record(self, method: str, route: str, path: str, status: int, seconds: float) -> None:
        fields = {
            "method": method,
            "route": route,
            "path": path,
            "status": status,
            "duration_ms": round(seconds * 1000, 1),
        }
        if route in PROBES:
            log.debug("http_request", **fields)
            return
        self.metrics.observe_request(method, route, status, seconds)
        log.info("http_request", **fields)


def route_template(scope: Scope) -> str:
    """The template of the route that served ``scope`` (set by the router), never the raw path."""
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    return str(template) if template else UNMATCHED


def request_id_from(headers: Iterable[tuple[bytes, bytes]]) -> str:
    """The caller's ``X-Request-ID`` when sane, else a fresh one."""
    for name, value in headers:
        if name.lower() == HEADER.encode():
            candidate = value.decode("latin-1").strip()
            if SANE_ID.fullmatch(candidate):
                return candidate
    return uuid.uuid4().hex


def _run_id(scope: Scope) -> object:
    return scope.get("path_params", {}).get("run_id")


def _org_id(state: MutableMapping[str, Any]) -> object:
    # Set by the authentication dependency (api/deps.py) once the caller is known.
    principal = state.get("principal")
    return getattr(principal, "org_id", None)


def _trace_id(span: trace.Span | None) -> str | None:
    return format(span.get_span_context().trace_id, "032x") if span is not None else None
