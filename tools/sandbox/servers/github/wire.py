"""GitHub's HTTP conventions: error bodies, JSON bodies, strong ETags and the common headers."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from starlette.responses import Response

DOCS = "https://docs.github.com/rest"
RATE_LIMIT_DOCS = (
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
)
API_VERSIONS = ("2022-11-28", "2026-03-10")
JSON_TYPE = "application/json; charset=utf-8"


class GitHubHTTPError(Exception):
    """Raised by a route to answer with GitHub's error body."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        docs: str = DOCS,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.docs = docs
        self.errors = errors


def not_found(docs: str = DOCS) -> GitHubHTTPError:
    """GitHub's plain 404 (also what a caller gets for a repository it may not see)."""
    return GitHubHTTPError(404, "Not Found", docs=docs)


def invalid(resource: str, field: str, docs: str) -> GitHubHTTPError:
    """422 Validation Failed naming the offending field, as GitHub reports bad filters."""
    error = {"resource": resource, "field": field, "code": "invalid"}
    return GitHubHTTPError(422, "Validation Failed", docs=docs, errors=[error])


def error_body(
    status: int, message: str, docs: str = DOCS, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """``{"message", "documentation_url", "status"}`` (+ ``errors`` for a 422)."""
    body: dict[str, Any] = {"message": message}
    if errors is not None:
        body["errors"] = errors
    body["documentation_url"] = docs
    body["status"] = str(status)
    return body


def dumps(data: Any) -> bytes:
    """Compact JSON, as GitHub sends it."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def strong_etag(body: bytes) -> str:
    """A strong validator for exactly these bytes."""
    return '"' + hashlib.sha256(body).hexdigest() + '"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison, which If-None-Match uses: ``W/`` prefixes are ignored."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


def common_headers(version: str) -> dict[str, str]:
    """Headers every GitHub API response carries besides the rate-limit ones."""
    return {
        "X-GitHub-Media-Type": "github.v3; format=json",
        "X-GitHub-Api-Version-Selected": version,
        "X-GitHub-Request-Id": uuid.uuid4().hex[:8].upper() + ":" + uuid.uuid4().hex[:8].upper(),
        "Vary": "Accept, Authorization, Cookie, X-GitHub-OTP",
        "Access-Control-Allow-Origin": "*",
    }


def json_response(
    status: int, data: Any, headers: dict[str, str], *, body: bytes | None = None
) -> Response:
    """A JSON response with GitHub's content type; ``body`` when already serialized."""
    content = body if body is not None else dumps(data)
    return Response(content, status_code=status, headers=headers, media_type=JSON_TYPE)
