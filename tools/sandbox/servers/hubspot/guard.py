"""Bearer-token auth and rate-limit accounting in front of every HubSpot route."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from tools.sandbox.servers.hubspot.errors import AUTH_MESSAGE, error_response, rate_limit_response
from tools.sandbox.servers.hubspot.ratelimit import RateMeter

CallNext = Callable[[Request], Awaitable[Response]]


class Guard:
    """Middleware body: 401 without the private-app token, then rate-limit headers (and 429s)."""

    def __init__(self, token: str, meter: RateMeter) -> None:
        self._token = token
        self._meter = meter

    async def __call__(self, request: Request, call_next: CallNext) -> Response:
        if request.url.path.startswith("/_sandbox"):
            return await call_next(request)
        if not self._authorized(request.headers.get("authorization", "")):
            return error_response(401, AUTH_MESSAGE, "INVALID_AUTHENTICATION")
        search = request.method == "POST" and request.url.path.endswith("/search")
        headers, broken = self._meter.take(search=search)
        if broken is not None:
            return rate_limit_response(broken, headers)
        response = await call_next(request)
        response.headers.update(headers)
        return response

    def _authorized(self, header: str) -> bool:
        scheme, _, credential = header.partition(" ")
        if scheme.lower() != "bearer" or not credential.strip():
            return False
        return hmac.compare_digest(credential.strip().encode(), self._token.encode())
