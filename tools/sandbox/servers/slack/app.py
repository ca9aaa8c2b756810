"""The loopback Slack Web API: a Starlette app speaking Slack's wire format.

Like Slack: every method answers HTTP 200 with ``{"ok": true, ...}`` or ``{"ok": false, "error":
"<code>"}``; arguments come from the query string, a form body or (with a Bearer token) a JSON
body; a missing token is ``not_authed``, a wrong one ``invalid_auth``; throttling is HTTP 429 with
``Retry-After`` and ``{"ok": false, "error": "ratelimited"}``. Private file URLs need the bot token
and redirect to the login page without it.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tools.sandbox.servers.faults import FaultPlan, install
from tools.sandbox.servers.loopback import LoopbackServer
from tools.sandbox.servers.slack.store import SlackSandbox

DEFAULT_BOT_TOKEN = "xoxb-0000000000-sandbox-bot-token"
Method = Callable[[Request, SlackSandbox, dict[str, Any]], dict[str, Any]]


def create_app(*, bot_token: str = DEFAULT_BOT_TOKEN, faults: FaultPlan | None = None) -> Starlette:
    """A Slack Web API app; its ``SlackSandbox`` is ``app.state.sandbox``."""
    sandbox = SlackSandbox(bot_token=bot_token, faults=faults or FaultPlan())
    app = Starlette(
        routes=[
            Route("/api/{method}", _dispatch, methods=["GET", "POST"]),
            Route("/files-pri/{key}/{name}", _download, methods=["GET"]),
        ]
    )
    app.state.sandbox = sandbox
    install(app, sandbox.faults, _fault)
    return app


def serve(**kwargs: Any) -> LoopbackServer:
    """An unstarted loopback server (Web API base URL: ``server.base_url + "/api/"``)."""
    return LoopbackServer(create_app(**kwargs), name="slack-sandbox")


def sandbox_of(app: Starlette) -> SlackSandbox:
    sandbox = app.state.sandbox
    if not isinstance(sandbox, SlackSandbox):
        raise TypeError("not a Slack sandbox app")
    return sandbox


def _answer(
    body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse(body, status_code=status, headers=headers, media_type="application/json")


def _fault(request: Request, status: int, message: str, headers: dict[str, str]) -> Response:
    error = "ratelimited" if status == 429 else "internal_error"
    return _answer({"ok": False, "error": error, "warning": message}, status, headers)


async def _args(request: Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query_params)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method == "POST" and kind == "application/json":
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise _Refused("invalid_json")
        args.update(body)
    elif request.method == "POST" and kind in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        args.update({k: v for k, v in (await request.form()).items() if isinstance(v, str)})
    return args


class _Refused(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def _token(request: Request, args: dict[str, Any]) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    token = args.get("token")
    return token if isinstance(token, str) and token else None


def _authorized(sandbox: SlackSandbox, token: str | None) -> None:
    if token is None:
        raise _Refused("not_authed")
    if not hmac.compare_digest(token.encode(), sandbox.bot_token.encode()):
        raise _Refused("invalid_auth")


async def _dispatch(request: Request) -> Response:
    sandbox = sandbox_of(request.app)
    name = request.path_params["method"]
    sandbox.record(name)
    method = METHODS.get(name)
    if method is None:
        return _answer({"ok": False, "error": "unknown_method", "req_method": name}, 404)
    try:
        args = await _args(request)
        _authorized(sandbox, _token(request, args))
        return _answer({"ok": True, **method(request, sandbox, args)})
    except _Refused as refused:
        return _answer({"ok": False, "error": refused.error})


def _auth_test(request: Request, sandbox: SlackSandbox, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": "https://sandbox.slack.com/",
        "team": sandbox.team,
        "user": "devbizops",
        "team_id": sandbox.team_id,
        "user_id": sandbox.bot_user_id,
        "bot_id": sandbox.bot_id,
        "is_enterprise_install": False,
    }


def _post_message(request: Request, sandbox: SlackSandbox, args: dict[str, Any]) -> dict[str, Any]:
    channel = args.get("channel")
    if not channel:
        raise _Refused("channel_not_found")
    if channel not in sandbox.channels:
        raise _Refused("not_in_channel" if str(channel).startswith("C") else "channel_not_found")
    text = args.get("text")
    if not (isinstance(text, str) and text.strip()) and not args.get("blocks"):
        raise _Refused("no_text")
    thread_ts = args.get("thread_ts") or None
    message = sandbox.post(str(channel), str(text or ""), thread_ts)
    return {"channel": channel, "ts": message["ts"], "message": message}


def _replies(request: Request, sandbox: SlackSandbox, args: dict[str, Any]) -> dict[str, Any]:
    channel, ts = str(args.get("channel", "")), str(args.get("ts", ""))
    if channel not in sandbox.channels:
        raise _Refused("channel_not_found")
    messages = sandbox.thread(channel, ts)
    if not messages:
        raise _Refused("thread_not_found")
    limit = int(args.get("limit") or 1000)
    return {
        "messages": messages[:limit],
        "has_more": len(messages) > limit,
        "response_metadata": {"next_cursor": ""},
    }


def _files_info(request: Request, sandbox: SlackSandbox, args: dict[str, Any]) -> dict[str, Any]:
    file = sandbox.files.get(str(args.get("file", "")))
    if file is None:
        raise _Refused("file_not_found")
    return {
        "file": file.wire(str(request.base_url), sandbox.team_id),
        "comments": [],
        "response_metadata": {"next_cursor": ""},
    }


async def _download(request: Request) -> Response:
    sandbox = sandbox_of(request.app)
    key = request.path_params["key"]
    file = sandbox.files.get(key.split("-", 1)[-1])
    try:
        _authorized(sandbox, _token(request, {}))
    except _Refused:
        # Slack sends the browser to sign in; an API client must treat this as refused.
        return RedirectResponse(f"{request.base_url}?redir={request.url.path}", status_code=302)
    if file is None or not key.startswith(f"{sandbox.team_id}-"):
        return Response("Not Found", status_code=404, media_type="text/plain")
    return Response(file.content, media_type=file.mimetype)


METHODS: dict[str, Method] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "files.info": _files_info,
    "conversations.replies": _replies,
}
