"""``GET``/``POST /rest/api/3/search/jql``: enhanced JQL search with ``nextPageToken`` paging."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tools.sandbox.servers.jira import beans, jql
from tools.sandbox.servers.jira.responses import error, site

DEFAULT_MAX = 50
# Jira returns fewer issues per page when fields are requested than for ids only.
MAX_WITH_FIELDS = 100
MAX_IDS_ONLY = 5000
_BODY_KEYS = {
    "jql", "nextPageToken", "maxResults", "fields", "expand", "properties", "fieldsByKeys",
    "reconcileIssues",
}  # fmt: skip


class BadRequest(Exception):
    pass


async def search(request: Request) -> Response:
    """Run the JQL and return one page of ``SearchAndReconcileResults``."""
    try:
        args = _get_args(request) if request.method == "GET" else await _post_args(request)
        query = jql.parse(args["jql"], project_key=site(request).store.project_key)
    except (BadRequest, jql.JqlError) as exc:
        return error(400, [str(exc)])
    ctx = site(request)
    found = query.sort([i for i in ctx.store.issues() if query.matches(i)])
    fields: list[str] = args["fields"] or ["id"]
    ids_only = all(f in ("id", "key") for f in fields)
    limit = min(max(args["maxResults"], 1), MAX_IDS_ONLY if ids_only else MAX_WITH_FIELDS)
    start = _offset(args["nextPageToken"], args["jql"]) if args["nextPageToken"] else 0
    if start < 0:
        return error(400, ["The provided next page token is invalid or expired."])
    page = found[start : start + limit]
    expand = [e.strip() for e in args["expand"].split(",") if e.strip()]
    body: dict[str, Any] = {
        "issues": [beans.issue_bean(i, ctx, fields=fields, expand=expand) for i in page],
        "isLast": start + len(page) >= len(found),
    }
    if not body["isLast"]:
        # Absent (not null) on the last page, as Jira documents.
        body["nextPageToken"] = _token(start + len(page), args["jql"])
    return JSONResponse(body)


def _get_args(request: Request) -> dict[str, Any]:
    q = request.query_params
    try:
        max_results = int(q.get("maxResults", DEFAULT_MAX))
    except ValueError as exc:
        raise BadRequest("maxResults must be a number.") from exc
    return {
        "jql": q.get("jql", ""),
        "nextPageToken": q.get("nextPageToken"),
        "maxResults": max_results,
        "fields": [f for value in q.getlist("fields") for f in value.split(",") if f],
        "expand": q.get("expand", ""),
    }


async def _post_args(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise BadRequest("Invalid request payload. Refer to the REST API documentation.") from exc
    if not isinstance(body, dict):
        raise BadRequest("Invalid request payload. Refer to the REST API documentation.")
    unknown = sorted(set(body) - _BODY_KEYS)
    if unknown:
        raise BadRequest(f'Unrecognized field "{unknown[0]}".')
    fields = body.get("fields") or []
    expand = body.get("expand") or ""
    max_results = body.get("maxResults", DEFAULT_MAX)
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise BadRequest("fields must be an array of strings.")
    if not isinstance(expand, str):
        raise BadRequest("expand must be a comma-separated string.")
    if not isinstance(max_results, int):
        raise BadRequest("maxResults must be a number.")
    return {
        "jql": str(body.get("jql") or ""),
        "nextPageToken": body.get("nextPageToken"),
        "maxResults": max_results,
        "fields": fields,
        "expand": expand,
    }


def _token(offset: int, jql_text: str) -> str:
    raw = json.dumps({"o": offset, "q": _digest(jql_text)}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _offset(token: str, jql_text: str) -> int:
    """The offset a token encodes; -1 when forged or minted for another query."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = int(raw["o"])
    except (ValueError, KeyError, TypeError):
        return -1
    return offset if raw.get("q") == _digest(jql_text) and offset >= 0 else -1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]
