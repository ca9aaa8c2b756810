"""Find a transcript in what a person sent the bot (a mention, a DM, a slash command, a file)."""

from __future__ import annotations

import re

from agents.techtranslator.parsers import parse_transcript
from agents.techtranslator.parsers.slack_markup import render_slack_text
from devbizops.errors import TranscriptFormatError

# A single "Name: hi" line is a greeting, not a call: a transcript has at least two turns.
MIN_TURNS = 2
_FENCE = re.compile(r"^```[a-zA-Z]*[ \t]*\n?|\n?```[ \t]*$")


def message_text(text: str, bot_user_id: str | None) -> str:
    """The message as typed: the bot's mention and code fences removed, Slack markup resolved."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", "", text)
    text = render_slack_text(text, {}).strip()
    # Pasting a transcript into a code block keeps its line breaks; the fences are not content.
    return _FENCE.sub("", text).strip()


def transcript_in(text: str) -> str | None:
    """``text`` when it reads as a transcript in any supported format, else None."""
    if not text.strip():
        return None
    try:
        parsed = parse_transcript(text)
    except TranscriptFormatError:
        return None
    return text if len(parsed.turns) >= MIN_TURNS else None


def file_is_text(name: str, mimetype: str, filetype: str) -> bool:
    """Whether an upload can hold a transcript (images, PDFs and the like are left alone)."""
    if mimetype.startswith("text/") or mimetype == "application/json":
        return True
    if filetype in {"text", "json", "vtt", "srt"}:
        return True
    return name.lower().endswith((".txt", ".vtt", ".srt", ".json"))
