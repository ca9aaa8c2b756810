"""Bolt listeners: what each Slack event or command does (after bolt has acknowledged it).

Listeners run in bolt's worker threads, outside the 3-second window Slack gives us: events are
acknowledged before they run; the slash command acknowledges once its run is stored (a few
milliseconds) so the answer can name the run.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext

from api.slack import summary
from api.slack.service import SlackService, Trigger, command_key, message_key
from api.slack.text import message_text, transcript_in

SERVICE = "devbizops_slack_service"  # bolt context keys set per request by the route
DISPATCH = "devbizops_dispatch"
Dispatch = Callable[[uuid.UUID], None]


def register(app: App) -> None:
    """Attach the bot's listeners to ``app``."""
    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
    app.event("file_shared")(on_file_shared)
    # Any command name routes here, so the workspace may call it /devbizops or something else.
    app.command(re.compile(r"^/"))(on_command)


def on_mention(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
    """``@DevBizOps <transcript>`` in a channel: a run, or the help text in the thread."""
    _handle_message(body, event, context)


def on_message(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
    """Direct messages read like mentions; channel chatter is not for the bot."""
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return
    _handle_message(body, event, context)


def on_file_shared(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
    """A file uploaded where the bot is: downloaded, and translated when it is a transcript."""
    user = str(event.get("user_id", ""))
    if user and user == context.bot_user_id:
        return
    service: SlackService = context[SERVICE]
    run = service.handle_file(_team(body), str(event["channel_id"]), str(event["file_id"]), user)
    if run is not None:
        context[DISPATCH](run.id)


def on_command(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    """``/devbizops translate <transcript>``: answered at once, the requirements come later."""
    # The first word is the verb; the transcript keeps its own line breaks.
    verb, *rest = re.split(r"\s+", str(command.get("text", "")).strip(), maxsplit=1)
    text = message_text(rest[0] if rest else "", None)
    transcript = transcript_in(text) if verb.lower() == "translate" else None
    if transcript is None:
        ack(text=summary.COMMAND_HELP, response_type="ephemeral")
        return
    trigger = Trigger(
        command_key(str(command["trigger_id"])),
        str(command["channel_id"]),
        None,
        str(command.get("user_id", "")),
    )
    service: SlackService = context[SERVICE]
    run = service.translate(trigger, transcript)
    if run is None:
        ack(
            text="This command was already received; its run is on the way.",
            response_type="ephemeral",
        )
        return
    ack(text=summary.started(run, service.settings.public_url), response_type="ephemeral")
    context[DISPATCH](run.id)


def _handle_message(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
    channel, ts = str(event["channel"]), str(event["ts"])
    trigger = Trigger(
        message_key(_team(body), channel, ts),
        channel,
        str(event.get("thread_ts") or ts),
        str(event.get("user", "")),
    )
    service: SlackService = context[SERVICE]
    text = message_text(str(event.get("text", "")), context.bot_user_id)
    thread_of = str(event["thread_ts"]) if event.get("thread_ts", ts) != ts else None
    run = service.handle_text(trigger, text, thread_of=thread_of, bot_user_id=context.bot_user_id)
    if run is not None:
        context[DISPATCH](run.id)


def _team(body: dict[str, Any]) -> str:
    return str(body.get("team_id") or "")
