"""The Slack bot against a loopback Slack Web API: signed requests in, Web API calls out."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.slack.bot import close_bot
from api.slack.notify import SlackNotifier
from devbizops.db import Database
from devbizops.settings import Settings
from tools.sandbox.servers.loopback import LoopbackServer
from tools.sandbox.servers.slack import DEFAULT_BOT_TOKEN, SlackSandbox, sandbox_of, serve

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAM = "T0SANDBOX"
PUBLIC_URL = "https://devbizops.example"


def signature_headers(
    body: str, *, secret: str = SECRET, at: float | None = None
) -> dict[str, str]:
    """Slack's v0 signature: HMAC-SHA256 of ``v0:{timestamp}:{body}`` with the signing secret."""
    timestamp = str(int(time.time() if at is None else at))
    base = f"v0:{timestamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def event_body(event: dict[str, Any], event_id: str) -> str:
    """An Events API ``event_callback`` envelope as Slack sends it."""
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "api_app_id": "A0DEVBIZOPS",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": TEAM, "user_id": "U0DEVBOT", "is_bot": True, "enterprise_id": None}
            ],
            "is_ext_shared_channel": False,
        }
    )


def slack_escape(text: str) -> str:
    """How Slack escapes message text on the wire."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture
def slack_server() -> Iterator[LoopbackServer]:
    with serve() as server:
        yield server


@pytest.fixture
def workspace(slack_server: LoopbackServer) -> SlackSandbox:
    return sandbox_of(slack_server.app)


@pytest.fixture
def slack_settings(settings: Settings, slack_server: LoopbackServer) -> Settings:
    return settings.model_copy(
        update={
            "slack_signing_secret": SecretStr(SECRET),
            "slack_bot_token": SecretStr(DEFAULT_BOT_TOKEN),
            "slack_api_url": f"{slack_server.base_url}/api/",
            "public_url": PUBLIC_URL,
            "slack_org": "slack-org",
        }
    )


@pytest.fixture
def slack_app(slack_settings: Settings) -> FastAPI:
    return create_app(slack_settings)


@pytest.fixture
def bot(slack_app: FastAPI, slack_settings: Settings, db: Database) -> Iterator[TestClient]:
    """The API with the Slack bot on; its run service replies in Slack when a run stops."""
    with TestClient(slack_app) as client:
        slack_app.state.runs.hooks.append(SlackNotifier(slack_settings, db))
        yield client
        close_bot(slack_app.state)  # deliveries still being handled finish before shutdown


@pytest.fixture
def drain(slack_app: FastAPI) -> Callable[[], None]:
    """Wait until every delivery so far has been handled (the next one starts a fresh bot)."""
    return lambda: close_bot(slack_app.state)


Post = Callable[..., Any]


@pytest.fixture
def post_event(bot: TestClient) -> Post:
    """``post_event(event, event_id, retry=0)`` signed and delivered to ``/slack/events``."""

    def post(event: dict[str, Any], event_id: str, retry: int = 0) -> Any:
        body = event_body(event, event_id)
        headers = {"Content-Type": "application/json", **signature_headers(body)}
        if retry:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return bot.post("/slack/events", content=body, headers=headers)

    return post


@pytest.fixture
def post_command(bot: TestClient) -> Post:
    """``post_command(text, trigger_id)``: a form-encoded slash command, signed."""

    def post(text: str, trigger_id: str, path: str = "/slack/events") -> Any:
        body = urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": TEAM,
                "team_domain": "sandbox",
                "channel_id": "C0PRODUCT",
                "channel_name": "product",
                "user_id": "U0BOB",
                "user_name": "bob",
                "command": "/devbizops",
                "text": slack_escape(text),
                "api_app_id": "A0DEVBIZOPS",
                "is_enterprise_install": "false",
                "response_url": "https://hooks.slack.com/commands/T0SANDBOX/1/abc",
                "trigger_id": trigger_id,
            }
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", **signature_headers(body)}
        return bot.post(path, content=body, headers=headers)

    return post
