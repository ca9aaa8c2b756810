"""Fault injection for the loopback vendor servers: forced 429s, 5xx bursts, slow responses.

Tests script faults in Python (``server.faults.rate_limit(retry_after=1)``); a running
``devbizops sandbox serve`` accepts the same over HTTP at ``POST /_sandbox/faults`` with a JSON body
``{"kind": "rate_limit"|"server_error"|"slow", "times": n, "retry_after": s, "status": 503,
"seconds": 0.5, "path_prefix": "/repos"}``. Each fault applies to the next ``times`` matching
requests; the vendor app decides the error body (``render``), so the wire format stays real.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

FaultKind = Literal["rate_limit", "server_error", "slow"]
ErrorRenderer = Callable[[Request, int, str, dict[str, str]], Response]


@dataclass
class Fault:
    kind: FaultKind
    times: int = 1
    retry_after: float | None = None
    status: int = 500
    seconds: float = 0.0
    path_prefix: str = ""


class FaultPlan:
    """A thread-safe queue of faults consumed by matching requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.injected = 0

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def rate_limit(self, *, retry_after: float = 1, times: int = 1, path_prefix: str = "") -> None:
        """The next ``times`` requests get 429 with ``Retry-After``."""
        self.add(
            Fault("rate_limit", times, retry_after=retry_after, status=429, path_prefix=path_prefix)
        )

    def server_error(self, *, status: int = 500, times: int = 1, path_prefix: str = "") -> None:
        """The next ``times`` requests get a 5xx."""
        self.add(Fault("server_error", times, status=status, path_prefix=path_prefix))

    def slow(self, *, seconds: float, times: int = 1, path_prefix: str = "") -> None:
        """The next ``times`` requests are delayed by ``seconds``."""
        self.add(Fault("slow", times, seconds=seconds, path_prefix=path_prefix))

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, path: str) -> Fault | None:
        """Consume one use of the first fault matching ``path``."""
        with self._lock:
            for fault in self._faults:
                if path.startswith(fault.path_prefix):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    self.injected += 1
                    return fault
        return None


async def apply(
    plan: FaultPlan,
    request: Request,
    call_next: Callable[[Request], Awaitable[Response]],
    render: ErrorRenderer,
) -> Response:
    """Middleware body: inject the next matching fault, else pass the request through."""
    if request.url.path.startswith("/_sandbox"):
        return await call_next(request)
    fault = plan.take(request.url.path)
    if fault is None:
        return await call_next(request)
    if fault.kind == "slow":
        await asyncio.sleep(fault.seconds)
        return await call_next(request)
    headers: dict[str, str] = {}
    if fault.kind == "rate_limit":
        headers["Retry-After"] = f"{fault.retry_after:g}"
        return render(request, 429, "rate limit exceeded (sandbox fault)", headers)
    return render(request, fault.status, "internal error (sandbox fault)", headers)


def install(app: Starlette, plan: FaultPlan, render: ErrorRenderer) -> None:
    """Add the fault middleware and the ``/_sandbox/faults`` admin route to a vendor app."""

    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        return await apply(plan, request, call_next, render)

    async def admin(request: Request) -> Response:
        if request.method == "DELETE":
            plan.clear()
            return JSONResponse({"cleared": True})
        try:
            fault = Fault(**(await request.json()))
        except (TypeError, ValueError) as exc:
            return JSONResponse({"error": f"bad fault: {exc}"}, status_code=400)
        plan.add(fault)
        return JSONResponse({"queued": fault.kind, "times": fault.times}, status_code=202)

    app.add_middleware(BaseHTTPMiddleware, dispatch=middleware)
    app.add_route("/_sandbox/faults", admin, methods=["POST", "DELETE"])
