"""HubSpot's error bodies: ``{"status": "error", "message", "correlationId", "category", ...}``."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

AUTH_MESSAGE = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you "
    "can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)
NOT_FOUND_MESSAGE = "Object not found.  objectId are usually numeric."
RATE_LIMIT_MESSAGES = {
    "TEN_SECONDLY_ROLLING": "You have reached your ten_secondly_rolling limit.",
    "SECONDLY": "You have reached your secondly limit.",
    "DAILY": "You have reached your daily limit.",
}


class ApiError(Exception):
    """Raised by handlers; rendered as HubSpot's error body with ``status``."""

    def __init__(
        self,
        status: int,
        message: str,
        category: str = "VALIDATION_ERROR",
        *,
        context: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.category = category
        self.context = context


def error_response(
    status: int,
    message: str,
    category: str,
    *,
    context: Mapping[str, Sequence[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """HubSpot's error JSON with a fresh correlation id."""
    body: dict[str, Any] = {
        "status": "error",
        "message": message,
        "correlationId": str(uuid.uuid4()),
        "category": category,
    }
    if context:
        body["context"] = {key: list(values) for key, values in context.items()}
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def rate_limit_response(policy: str, headers: Mapping[str, str]) -> JSONResponse:
    """A 429 as HubSpot sends it: ``errorType``/``policyName`` and no ``category``."""
    body = {
        "status": "error",
        "message": RATE_LIMIT_MESSAGES[policy],
        "errorType": "RATE_LIMIT",
        "correlationId": str(uuid.uuid4()),
        "policyName": policy,
        "requestId": str(uuid.uuid4()),
    }
    return JSONResponse(body, status_code=429, headers=dict(headers))


def invalid_properties(problems: Sequence[tuple[str, str, str]]) -> ApiError:
    """HubSpot's 400 for bad property values: a JSON list embedded in the message."""
    listed = [
        {"isValid": False, "message": text, "error": code, "name": name}
        for name, code, text in problems
    ]
    return ApiError(400, f"Property values were not valid: {json.dumps(listed)}")


async def api_error_handler(request: Request, exc: Exception) -> Response:
    """Starlette exception handler for ``ApiError``."""
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.category, context=exc.context)


def render_fault(request: Request, status: int, message: str, headers: dict[str, str]) -> Response:
    """Error bodies for injected faults (``FaultPlan``): HubSpot's 429 or a HubSpot 5xx."""
    if status == 429:
        return rate_limit_response(
            "TEN_SECONDLY_ROLLING", {**headers, "X-HubSpot-RateLimit-Remaining": "0"}
        )
    return error_response(status, message, "INTERNAL_ERROR", headers=headers)
