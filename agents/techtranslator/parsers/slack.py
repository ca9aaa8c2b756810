"""Slack threads (``conversations.replies`` responses or bare message lists) to turns.

Each human message becomes one turn; bot and join/leave messages are skipped. ``Turn.line`` is
the 1-based position of the message in the message list (skipped messages keep their numbers),
so it points at the message a reader would count to in the file.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, TypeAdapter

from agents.techtranslator.parsers.json_input import load_json, validate
from agents.techtranslator.parsers.slack_markup import render_slack_text
from agents.techtranslator.parsers.timecodes import clock_from_epoch
from agents.techtranslator.schemas import Party, Turn
from devbizops.errors import TranscriptFormatError

_FORMAT = "slack"
_TS = re.compile(r"(?P<seconds>\d{1,15})(?:\.\d*)?")
# Messages the workspace writes on people's behalf, not anything a person said.
_SYSTEM_SUBTYPES = frozenset(
    {"bot_message", "channel_join", "channel_leave", "group_join", "group_leave", "tombstone"}
)


class _Wire(BaseModel):
    # Strict: a number must not pass as message text, nor "true" as a flag.
    model_config = ConfigDict(strict=True, frozen=True)


class SlackProfile(_Wire):
    real_name: str | None = None
    display_name: str | None = None
    title: str | None = None


class SlackUser(_Wire):
    id: str | None = None
    name: str | None = None
    real_name: str | None = None
    display_name: str | None = None
    title: str | None = None
    is_internal: bool | None = None
    profile: SlackProfile | None = None


class SlackListedUser(SlackUser):
    id: str


class SlackMessage(_Wire):
    type: str | None = None
    subtype: str | None = None
    user: str | None = None
    text: str | None = None
    ts: str | None = None
    bot_id: str | None = None
    user_profile: SlackProfile | None = None


_MESSAGES = TypeAdapter(list[SlackMessage])
_USER_MAP = TypeAdapter(dict[str, SlackUser])
_USER_LIST = TypeAdapter(list[SlackListedUser])


def parse_slack(text: str) -> list[Turn]:
    """Parse a Slack thread JSON document into one turn per human message."""
    raw_messages, prefix, users = _unwrap(load_json(_FORMAT, text))
    messages = validate(_FORMAT, _MESSAGES, raw_messages, prefix)
    # Mentions may name people who only appear in other messages' profiles, so collect them all.
    profiles = {m.user: m.user_profile for m in messages if m.user and m.user_profile}
    names = {
        uid: _name(uid, users.get(uid), profiles.get(uid)) for uid in users.keys() | profiles.keys()
    }
    turns: list[Turn] = []
    for position, message in enumerate(messages, start=1):
        if _is_automated(message):
            continue
        where = f"{prefix}[{position - 1}]"
        user_id = _required(message.user, f"{where}.user")
        body = render_slack_text(_required(message.text, f"{where}.text"), names).strip()
        seconds = _TS.fullmatch(_required(message.ts, f"{where}.ts"))
        if seconds is None:
            raise TranscriptFormatError(
                _FORMAT, "expected a Slack timestamp like '1712345678.000100'", field=f"{where}.ts"
            )
        if not body:
            continue  # file-only or emptied messages carry no words to extract
        user = users.get(user_id)
        turns.append(
            Turn(
                index=len(turns),
                line=position,
                speaker=_name(user_id, user, message.user_profile),
                role=_title(user, message.user_profile),
                party=_side(user),
                text=body,
                timestamp=clock_from_epoch(int(seconds["seconds"])),
            )
        )
    return turns


def _unwrap(data: object) -> tuple[object, str, dict[str, SlackUser]]:
    """The raw message list, its field-path prefix and the optional user directory."""
    if isinstance(data, list):
        return data, "", {}
    if isinstance(data, dict) and data.get("ok") is False:
        raise TranscriptFormatError(_FORMAT, f"Slack API error {data.get('error')!r}", field="ok")
    if not isinstance(data, dict) or "messages" not in data:
        raise TranscriptFormatError(_FORMAT, "expected a list of messages or {'messages': [...]}")
    return data["messages"], "messages", _directory(data.get("users"))


def _directory(users: object) -> dict[str, SlackUser]:
    """The optional ``users`` directory, given either keyed by id or as a list of users."""
    if users is None:
        return {}
    if isinstance(users, list):
        return {user.id: user for user in validate(_FORMAT, _USER_LIST, users, "users")}
    return validate(_FORMAT, _USER_MAP, users, "users")


def _is_automated(message: SlackMessage) -> bool:
    """Bots, Slackbot and join/leave notices; anything not typed ``message`` too."""
    return (
        message.type not in (None, "message")
        or message.subtype in _SYSTEM_SUBTYPES
        or message.bot_id is not None
        or message.user == "USLACKBOT"
    )


def _required(value: str | None, path: str) -> str:
    """``value``, or a TranscriptFormatError naming ``path`` when the message lacks it."""
    if value is None:
        raise TranscriptFormatError(_FORMAT, "field required", field=path)
    return value


def _name(user_id: str, user: SlackUser | None, profile: SlackProfile | None) -> str:
    """Real name, then display name, then handle, then the bare user id."""
    directory = user.profile if user else None
    candidates = (
        user.real_name if user else None,
        directory.real_name if directory else None,
        profile.real_name if profile else None,
        user.display_name if user else None,
        directory.display_name if directory else None,
        profile.display_name if profile else None,
        user.name if user else None,
    )
    for candidate in candidates:
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return user_id.strip() or "Unknown"


def _title(user: SlackUser | None, profile: SlackProfile | None) -> str | None:
    """The job title from the user directory or the message's own profile."""
    directory = user.profile if user else None
    for source in (user, directory, profile):
        if source is not None and source.title and source.title.strip():
            return " ".join(source.title.split())
    return None


def _side(user: SlackUser | None) -> Party:
    """``is_internal`` decides the party; without it we cannot tell a customer from a colleague."""
    if user is None or user.is_internal is None:
        return "unknown"
    return "internal" if user.is_internal else "customer"
