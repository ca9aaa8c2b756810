"""The loopback Jira Cloud site: a Starlette app serving a ``SandboxCompany`` over REST v3.

Auth is Jira Cloud's basic auth (account email + API token); anything else gets the 401 Jira's
auth layer sends. Faults come from a ``FaultPlan`` (429 with Jira's rate-limit headers, 5xx,
slow answers) plus ``after_write``: faults that strike *after* a write committed, which is how a
client learns to look its idempotency key up before retrying a create.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tools.sandbox.model import JiraUser, SandboxCompany
from tools.sandbox.servers.faults import FaultPlan, install
from tools.sandbox.servers.jira import issue_routes as issues
from tools.sandbox.servers.jira import responses
from tools.sandbox.servers.jira.issue_fields import CustomFields
from tools.sandbox.servers.jira.journal import Journal
from tools.sandbox.servers.jira.search_routes import search
from tools.sandbox.servers.jira.store import JiraStore
from tools.sandbox.servers.loopback import LoopbackServer

DEFAULT_EMAIL = "devbizops-bot@sandbox.example"
DEFAULT_API_TOKEN = "sandbox-jira-api-token"
API = "/rest/api/3"
Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class JiraSandbox:
    """What tests script and inspect: the state, the fault plans and the site settings."""

    store: JiraStore
    email: str
    api_token: str
    custom_fields: CustomFields
    embedded_changelog: int
    faults: FaultPlan = field(default_factory=FaultPlan)
    after_write: FaultPlan = field(default_factory=FaultPlan)
    journal: Journal = field(default_factory=Journal)

    def reset(self) -> None:
        """Back to the company's records with no faults queued and an empty journal."""
        self.store.reset()
        self.faults.clear()
        self.after_write.clear()
        self.journal.clear()


def create_app(
    company: SandboxCompany,
    *,
    email: str = DEFAULT_EMAIL,
    api_token: str = DEFAULT_API_TOKEN,
    faults: FaultPlan | None = None,
    story_points_field: str = "customfield_10016",
    sprint_field: str = "customfield_10020",
    embedded_changelog: int = 100,
    clock: Callable[[], datetime] | None = None,
) -> Starlette:
    """A Jira Cloud REST v3 app for ``company``; its ``JiraSandbox`` is ``app.state.sandbox``."""
    store = JiraStore(company, bot=_account(company, email), clock=clock or _now)
    sandbox = JiraSandbox(
        store=store,
        email=email,
        api_token=api_token,
        custom_fields=CustomFields(story_points_field, sprint_field),
        embedded_changelog=embedded_changelog,
        faults=faults or FaultPlan(),
    )
    app = Starlette(routes=_routes())
    app.state.sandbox = sandbox
    app.add_middleware(BaseHTTPMiddleware, dispatch=_after_write(sandbox.after_write))
    app.add_middleware(BaseHTTPMiddleware, dispatch=_basic_auth(sandbox))
    app.add_middleware(BaseHTTPMiddleware, dispatch=sandbox.journal.middleware())
    install(app, sandbox.faults, responses.fault)  # outermost: throttling precedes auth
    return app


def serve(company: SandboxCompany, **kwargs: Any) -> LoopbackServer:
    """An unstarted loopback server for ``company`` (use as a context manager, or ``.start()``)."""
    return LoopbackServer(create_app(company, **kwargs), name="jira-sandbox")


def sandbox_of(app: Starlette) -> JiraSandbox:
    """The sandbox behind an app made by ``create_app``."""
    sandbox = app.state.sandbox
    if not isinstance(sandbox, JiraSandbox):
        raise TypeError("not a Jira sandbox app")
    return sandbox


def _routes() -> list[Route]:
    issue = f"{API}/issue/{{key}}"
    return [
        Route(f"{API}/search/jql", search, methods=["GET", "POST"]),
        Route(f"{API}/issue", issues.create_issue, methods=["POST"]),
        Route(issue, issues.get_issue, methods=["GET"]),
        Route(f"{issue}/changelog", issues.changelog, methods=["GET"]),
        Route(f"{issue}/comment", issues.comments, methods=["GET"]),
        Route(f"{issue}/comment", issues.add_comment, methods=["POST"]),
        Route(f"{issue}/transitions", issues.transitions, methods=["GET"]),
        Route(f"{issue}/transitions", issues.do_transition, methods=["POST"]),
        Route(f"{API}/myself", issues.myself, methods=["GET"]),
    ]


def _basic_auth(sandbox: JiraSandbox) -> Callable[[Request, Handler], Awaitable[Response]]:
    expected = f"{sandbox.email}:{sandbox.api_token}".encode()

    async def check(request: Request, call_next: Handler) -> Response:
        if request.url.path.startswith("/_sandbox"):
            return await call_next(request)
        header = request.headers.get("Authorization", "")
        if not header:
            return responses.unauthorized(request, credentials_sent=False)
        scheme, _, value = header.partition(" ")
        try:
            given = base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError):
            given = b""
        if scheme.lower() != "basic" or not hmac.compare_digest(given, expected):
            return responses.unauthorized(request, credentials_sent=True)
        request.state.account_id = sandbox.store.bot.account_id
        return await call_next(request)

    return check


def _after_write(plan: FaultPlan) -> Callable[[Request, Handler], Awaitable[Response]]:
    async def strike(request: Request, call_next: Handler) -> Response:
        response = await call_next(request)
        is_write = request.method in ("POST", "PUT", "DELETE")
        if not is_write or response.status_code >= 300 or request.url.path.endswith("/search/jql"):
            return response
        fault = plan.take(request.url.path)
        if fault is None:
            return response
        # The write above has committed; the client only sees the failure.
        message = "internal error after the write (sandbox fault)"
        return responses.fault(request, fault.status, message, {})

    return strike


def _account(company: SandboxCompany, email: str) -> JiraUser:
    known = next((u for u in company.jira_users if u.email.lower() == email.lower()), None)
    if known is not None:
        return known
    account = "712020:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"jira-sandbox:{email}"))
    return JiraUser(account_id=account, display_name="DevBizOps Bot", email=email)


def _now() -> datetime:
    return datetime.now(UTC)
