"""The bolt app behind ``/slack/events``: built from Settings once per FastAPI app.

Requests are verified here first (``X-Slack-Signature`` v0, HMAC-SHA256 of ``v0:{ts}:{body}``
with ``SLACK_SIGNING_SECRET``, timestamps older than 5 minutes refused) so that a bad one gets
the project's 401 error body; bolt verifies again with the same secret. Bolt then answers
``url_verification``, acknowledges and runs the listeners in its worker threads.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.signature import SignatureVerifier
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from api.slack.listeners import DISPATCH, SERVICE, Dispatch, register
from api.slack.service import SlackService
from api.webhooks.service import InvalidSignature
from devbizops.db import Database
from devbizops.errors import ConfigurationError, NotFound
from devbizops.logging import get_logger
from devbizops.settings import Settings
from tools.slack import SlackWebApi, web_client

log = get_logger(__name__)
LISTENER_THREADS = 8  # Slack deliveries handled at once (each a few queries, maybe a download)


class SlackDisabled(NotFound):
    """``SLACK_SIGNING_SECRET`` is unset: the bot is off."""

    code = "slack_disabled"


class SlackBot:
    """Verification, the bolt ``App`` and the Web API client of one configured workspace."""

    def __init__(self, settings: Settings) -> None:
        if settings.slack_signing_secret is None:
            raise SlackDisabled("the Slack bot is off: SLACK_SIGNING_SECRET is not set")
        if settings.slack_bot_token is None:
            raise ConfigurationError("SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not")
        secret = settings.slack_signing_secret.get_secret_value()
        self.settings = settings
        self.verifier = SignatureVerifier(secret)
        self.api = SlackWebApi(
            web_client(settings.slack_api_url, settings.slack_bot_token.get_secret_value())
        )
        # Our own pool, so that shutting down can wait for the deliveries being handled.
        self.listeners = ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="slack-listener")
        # auth.test runs on the first event (not here), so the app starts while Slack is away.
        self.app = App(
            signing_secret=secret,
            client=self.api.client,
            token_verification_enabled=False,
            listener_executor=self.listeners,
        )
        register(self.app)

    async def handle(self, request: Request, db: Database, dispatch: Dispatch) -> Response:
        """Verify, then let bolt acknowledge; the listeners go on in bolt's threads."""
        body = await request.body()
        self.verify(body, request.headers)
        context = {SERVICE: SlackService(self.settings, db, self.api), DISPATCH: dispatch}
        bolt_request = to_bolt_request(request, body, context)
        response = await run_in_threadpool(self.app.dispatch, bolt_request)
        return to_starlette_response(response)

    def verify(self, body: bytes, headers: Mapping[str, str]) -> None:
        timestamp = headers.get("x-slack-request-timestamp")
        signature = headers.get("x-slack-signature")
        if not timestamp or not signature:
            raise InvalidSignature("slack", "Slack signature headers are missing", reason="missing")
        if not self.verifier.is_valid(body, timestamp, signature):
            raise InvalidSignature(
                "slack",
                "the Slack signature is wrong or its timestamp is older than 5 minutes",
                reason="invalid",
            )


def bot_of(state: Any) -> SlackBot:
    """The app's bot, built on first use (SlackDisabled when the bot is off)."""
    bot: SlackBot | None = getattr(state, "slack_bot", None)
    if bot is None:
        bot = SlackBot(state.settings)
        state.slack_bot = bot
    return bot


def close_bot(state: Any) -> None:
    """Wait for the listeners still running (call before the database and dispatcher stop)."""
    bot: SlackBot | None = getattr(state, "slack_bot", None)
    state.slack_bot = None
    if bot is not None:
        bot.listeners.shutdown(wait=True)


def dispatcher_of(state: Any) -> Dispatch:
    """``app.state.dispatcher.dispatch`` (the run stays queued for the relay when there is none)."""
    dispatcher = getattr(state, "dispatcher", None)

    def dispatch(run_id: uuid.UUID) -> None:
        if dispatcher is None:
            log.warning("slack.no_dispatcher", run_id=str(run_id))
            return
        dispatcher.dispatch(run_id)

    return dispatch
