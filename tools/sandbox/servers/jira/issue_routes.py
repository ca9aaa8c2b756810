"""Issue routes: get, changelog, create, comments, transitions, and ``/myself``."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tools.jira import adf
from tools.sandbox.model import JiraIssue
from tools.sandbox.servers.jira import beans, render, workflow
from tools.sandbox.servers.jira.responses import NO_ISSUE, account_id, error, site
from tools.sandbox.servers.jira.validation import (
    Invalid,
    comment_body,
    new_issue,
    transition_id,
)


def _issue(request: Request) -> JiraIssue | None:
    return site(request).store.get(request.path_params["key"])


def _int(request: Request, name: str, default: int) -> int:
    try:
        return max(int(request.query_params.get(name, default)), 0)
    except ValueError:
        return default


async def get_issue(request: Request) -> Response:
    """``IssueBean`` with all fields by default; ``expand=changelog`` embeds recent histories."""
    issue = _issue(request)
    if issue is None:
        return error(404, [NO_ISSUE])
    q = request.query_params
    fields = [f for value in q.getlist("fields") for f in value.split(",") if f] or ["*all"]
    expand = [e.strip() for e in q.get("expand", "").split(",")]
    return JSONResponse(beans.issue_bean(issue, site(request), fields=fields, expand=expand))


async def changelog(request: Request) -> Response:
    """``PageBeanChangelog``, oldest first."""
    issue = _issue(request)
    if issue is None:
        return error(404, [NO_ISSUE])
    start = _int(request, "startAt", 0)
    limit = min(max(_int(request, "maxResults", 100), 1), 100)
    return JSONResponse(beans.changelog_page(issue, site(request), start, limit))


async def create_issue(request: Request) -> Response:
    """201 ``CreatedIssue``, or 400 with Jira's ``errors`` map."""
    ctx = site(request)
    try:
        wanted = new_issue(await _json(request), ctx.store)
    except Invalid as exc:
        return error(400, exc.messages, exc.errors)
    issue = ctx.store.create_issue(
        summary=wanted.summary,
        issue_type=wanted.issue_type,
        description=wanted.description,
        description_text=adf.to_text(wanted.description),
        labels=wanted.labels,
        priority=wanted.priority,
        reporter=account_id(request),
        epic_key=wanted.epic_key,
    )
    body = {"id": issue.id, "key": issue.key, "self": f"{ctx.base}{render.API}/issue/{issue.id}"}
    return JSONResponse(body, status_code=201)


async def comments(request: Request) -> Response:
    """``PageOfComments``; ``orderBy`` accepts ``created``, ``+created`` or ``-created``."""
    issue = _issue(request)
    if issue is None:
        return error(404, [NO_ISSUE])
    order = request.query_params.get("orderBy", "created")
    if order not in ("created", "+created", "-created"):
        return error(400, [f"Invalid orderBy value: '{order}'. Only 'created' is supported."])
    start = _int(request, "startAt", 0)
    limit = min(max(_int(request, "maxResults", 5000), 1), 5000)
    page = beans.comments_page(issue, site(request), start, limit, order == "-created")
    return JSONResponse(page)


async def add_comment(request: Request) -> Response:
    """201 ``Comment``."""
    issue = _issue(request)
    if issue is None:
        return error(404, [NO_ISSUE])
    ctx = site(request)
    try:
        body = comment_body(await _json(request))
    except Invalid as exc:
        return error(400, exc.messages, exc.errors)
    stored = ctx.store.add_comment(issue.key, body, account_id(request))
    return JSONResponse(render.comment(stored, issue, ctx.store, ctx.base), status_code=201)


async def transitions(request: Request) -> Response:
    """``Transitions`` available from the current status."""
    issue = _issue(request)
    if issue is None:
        return error(404, [NO_ISSUE])
    return JSONResponse(beans.transitions(issue, site(request)))


async def do_transition(request: Request) -> Response:
    """204 with no body; 400 when the transition is not available from the current status."""
    issue = _issue(request)
    if issue is None:
        return error(404, [NO_ISSUE])
    try:
        tid = transition_id(await _json(request))
    except Invalid as exc:
        return error(400, exc.messages, exc.errors)
    target = workflow.STATUS_BY_TRANSITION.get(tid)
    if target is None or target.name == issue.status:
        return error(400, [f"Transition id '{tid}' is not valid for this issue."])
    site(request).store.move(issue.key, target.name, account_id(request))
    return Response(status_code=204)


async def myself(request: Request) -> Response:
    """The authenticated ``User``."""
    ctx = site(request)
    me = ctx.store.user(account_id(request))
    if me is None:  # the auth middleware only admits known accounts
        return error(500, ["Authenticated account vanished."])
    return JSONResponse(render.myself(me, ctx.base))


async def _json(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError as exc:
        raise Invalid(["Invalid request payload. Refer to the REST API documentation."]) from exc
