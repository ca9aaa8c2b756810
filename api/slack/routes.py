"""The Slack bot's endpoints: Events API deliveries and slash commands, both verified by signature.

Slack posts events (JSON) and slash commands (form-encoded) to the URLs configured in the app;
``/slack/events`` accepts both, ``/slack/commands`` is the same handler under a second name. With
``SLACK_SIGNING_SECRET`` unset the bot is off and both answer 404 ``slack_disabled``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.slack.bot import bot_of, dispatcher_of

router = APIRouter(tags=["slack"])

ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "invalid_signature: missing, wrong or stale X-Slack-Signature"},
    404: {"description": "slack_disabled: SLACK_SIGNING_SECRET is not set"},
}


@router.post("/slack/events", responses=ERRORS)
async def slack_events(request: Request) -> Response:
    """An Events API delivery, ``url_verification`` or a slash command, signed by Slack."""
    state = request.app.state
    return await bot_of(state).handle(request, state.db, dispatcher_of(state))


@router.post("/slack/commands", responses=ERRORS, include_in_schema=False)
async def slack_commands(request: Request) -> Response:
    """Slash commands, for apps that give them their own Request URL."""
    return await slack_events(request)
