"""Jira's response shapes for errors, auth failures and rate limits, and the request context."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from tools.sandbox.servers.jira.beans import Site

AUTH_FAILED = "Client must be authenticated to access this resource."
NO_ISSUE = "Issue does not exist or you do not have permission to see it."
RATE_LIMIT = 350  # requests per window reported in X-RateLimit-Limit (a burst-limit figure)


def error(
    status: int,
    messages: list[str] | None = None,
    errors: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """An ``ErrorCollection`` body, as Jira sends for 400/404/5xx."""
    body: dict[str, Any] = {"errorMessages": messages or [], "errors": errors or {}}
    return JSONResponse(body, status_code=status, headers=headers)


def unauthorized(request: Request, *, credentials_sent: bool) -> Response:
    """Jira Cloud's auth layer answers 401 with a bare sentence, not an ErrorCollection."""
    host = f"{request.url.scheme}%3A%2F%2F{request.url.netloc}"
    headers = {"WWW-Authenticate": f'OAuth realm="{host}"'}
    if credentials_sent:
        headers["X-Seraph-LoginReason"] = "AUTHENTICATED_FAILED"
    return PlainTextResponse(
        AUTH_FAILED, status_code=401, headers=headers, media_type="text/html;charset=UTF-8"
    )


def fault(request: Request, status: int, message: str, headers: dict[str, str]) -> Response:
    """Render an injected fault (``faults.install``) the way Jira would send it."""
    headers = dict(headers)
    if status == 429:
        wait = float(headers.get("Retry-After", "1"))
        reset = datetime.now(UTC) + timedelta(seconds=wait)
        headers.update(
            {
                "X-RateLimit-Limit": str(RATE_LIMIT),
                "X-RateLimit-Remaining": "0",
                # ISO 8601 to the minute, as Jira documents it: request time plus Retry-After.
                "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%MZ"),
                "RateLimit-Reason": "jira-burst-based",
            }
        )
        return error(429, ["Rate limit exceeded."], headers=headers)
    return error(status, [message], headers=headers)


def site(request: Request) -> Site:
    """The rendering context for this request (``self`` links use the URL the client called)."""
    sandbox = request.app.state.sandbox
    base = f"{request.url.scheme}://{request.url.netloc}"
    return Site(sandbox.store, base, sandbox.custom_fields, sandbox.embedded_changelog)


def account_id(request: Request) -> str:
    """The authenticated account (set by the auth middleware)."""
    return str(request.state.account_id)
