"""The GitHub loopback server: the subset's routes behind GitHub's auth, rate limit and ETags.

Auth is ``Authorization: Bearer <token>``; a wrong token gets GitHub's 401 ``Bad credentials``,
no header means anonymous (public data only, 60 requests per window). Every response carries
``X-RateLimit-*``; a spent budget gets 403 with ``Remaining: 0``; a 304 for a matching
``If-None-Match`` and ``GET /rate_limit`` spend nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.faults import FaultPlan, install
from tools.sandbox.servers.github.budget import RateBudget
from tools.sandbox.servers.github.catalog import Catalog, stable_int
from tools.sandbox.servers.github.render_repos import Site
from tools.sandbox.servers.github.routes import DOCS_BY_OPERATION, ROUTES, Call, Handler
from tools.sandbox.servers.github.state import GitHubSandbox
from tools.sandbox.servers.github.wire import (
    API_VERSIONS,
    DOCS,
    RATE_LIMIT_DOCS,
    GitHubHTTPError,
    common_headers,
    dumps,
    error_body,
    etag_matches,
    json_response,
    strong_etag,
)
from tools.sandbox.servers.loopback import LoopbackServer

DEFAULT_TOKEN = "ghp_sandbox0000000000000000000000000000"
PRIMARY_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)
FREE_OPERATIONS = {"rate-limit/get"}  # GitHub: checking the limit does not count against it
Endpoint = Callable[[Request], Awaitable[Response]]


def _endpoint(sandbox: GitHubSandbox, handler: Handler, operation: str) -> Endpoint:
    docs = DOCS_BY_OPERATION[operation]
    counted = operation not in FREE_OPERATIONS

    async def run(request: Request) -> Response:
        version = request.headers.get("x-github-api-version", API_VERSIONS[0])
        headers = common_headers(version)
        if version not in API_VERSIONS:
            message = f"Unsupported 'X-GitHub-Api-Version' header: {version}"
            return json_response(400, error_body(400, message, DOCS), headers)
        try:
            key, authenticated = sandbox.viewer(request)
        except GitHubHTTPError as exc:
            return _error(exc, {**headers, **sandbox.window_of(request).headers()})
        window = sandbox.window(key, authenticated)
        if counted and window.remaining == 0:
            who = f"user ID {stable_int('token', key)}" if authenticated else key[3:]
            message = f"API rate limit exceeded for {who}."
            exceeded = GitHubHTTPError(403, message, docs=PRIMARY_DOCS)
            return _error(exceeded, {**headers, **window.headers()})
        site = Site(sandbox.catalog, api=str(request.base_url).rstrip("/"))
        try:
            reply = handler(Call(request, site, authenticated, window, docs))
        except GitHubHTTPError as exc:
            window = sandbox.spend(key, authenticated) if counted else window
            return _error(exc, {**headers, **window.headers()})
        body = dumps(reply.data)
        headers["ETag"] = strong_etag(body)
        headers["Cache-Control"] = "private, max-age=60, s-maxage=60"
        if etag_matches(request.headers.get("if-none-match"), headers["ETag"]):
            return Response(status_code=304, headers={**headers, **window.headers()})
        window = sandbox.spend(key, authenticated) if counted else window
        if reply.link:
            headers["Link"] = reply.link
        return json_response(200, None, {**headers, **window.headers()}, body=body)

    return run


def _error(exc: GitHubHTTPError, headers: dict[str, str]) -> Response:
    body = error_body(exc.status, exc.message, exc.docs, exc.errors)
    return json_response(exc.status, body, headers)


def _unrouted(sandbox: GitHubSandbox) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def answer(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        message = "Not Found" if status == 404 else "Method Not Allowed"
        headers = {**common_headers(API_VERSIONS[0]), **sandbox.window_of(request).headers()}
        return json_response(status, error_body(status, message, DOCS), headers)

    return answer


def _fault_renderer(
    sandbox: GitHubSandbox,
) -> Callable[[Request, int, str, dict[str, str]], Response]:
    def render(request: Request, status: int, message: str, extra: dict[str, str]) -> Response:
        # An injected 429 is what GitHub calls a secondary rate limit.
        docs = RATE_LIMIT_DOCS if status == 429 else DOCS
        text = SECONDARY_MESSAGE if status == 429 else message
        window = sandbox.window_of(request)
        headers = {**common_headers(API_VERSIONS[0]), **window.headers(), **extra}
        return json_response(status, error_body(status, text, docs), headers)

    return render


def create_app(
    company: SandboxCompany,
    *,
    tokens: Sequence[str] = (DEFAULT_TOKEN,),
    rate_limit: int = 5000,
    anonymous_rate_limit: int = 60,
    rate_window: float = 3600.0,
    faults: FaultPlan | None = None,
) -> Starlette:
    """A Starlette app serving ``company`` as GitHub's REST API (the subset's ten GETs)."""
    sandbox = GitHubSandbox(
        catalog=Catalog.of(company),
        tokens=frozenset(tokens),
        budget=RateBudget(rate_limit, rate_window),
        anonymous=RateBudget(anonymous_rate_limit, rate_window),
        faults=faults or FaultPlan(),
    )
    routes = [
        Route(path, _endpoint(sandbox, handler, operation), methods=["GET"])
        for path, operation, handler in ROUTES
    ]
    unrouted = _unrouted(sandbox)
    app = Starlette(routes=routes, exception_handlers={404: unrouted, 405: unrouted})
    app.state.github = sandbox
    install(app, sandbox.faults, _fault_renderer(sandbox))
    return app


def serve(
    company: SandboxCompany,
    *,
    tokens: Sequence[str] = (DEFAULT_TOKEN,),
    rate_limit: int = 5000,
    anonymous_rate_limit: int = 60,
    rate_window: float = 3600.0,
    faults: FaultPlan | None = None,
    port: int = 0,
) -> LoopbackServer:
    """An unstarted loopback server for ``create_app``: ``with serve(company) as server: ...``."""
    app = create_app(
        company,
        tokens=tokens,
        rate_limit=rate_limit,
        anonymous_rate_limit=anonymous_rate_limit,
        rate_window=rate_window,
        faults=faults,
    )
    return LoopbackServer(app, name="github-sandbox", port=port)
