"""Guess a transcript's format from its content, so uploads need no format flag."""

from __future__ import annotations

import json
import re
from typing import Literal

TranscriptFormat = Literal["vtt", "srt", "gong", "slack", "text"]

_VTT_HEADER = re.compile(r"WEBVTT(?:[ \t\r\n]|$)")
# A subtitle number, then a timing line; '.' is accepted because the SRT parser accepts it.
_SRT_START = re.compile(r"\d+[ \t]*\r?\n[ \t]*\d{1,9}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")
_GONG_KEYS = frozenset({"callTranscripts", "transcript", "parties"})


def detect_format(text: str) -> TranscriptFormat:
    """Name the parser for ``text``: "vtt", "srt", "gong", "slack" or "text"; never raises."""
    # Leading blank lines are a copy-paste accident; the parser then reports the exact line.
    body = text.lstrip("\ufeff \t\r\n")
    if _VTT_HEADER.match(body):
        return "vtt"
    if body[:1] in ("{", "["):
        kind = _json_format(body)
        if kind is not None:
            return kind
    if _SRT_START.match(body):
        return "srt"
    return "text"


def _json_format(body: str) -> Literal["gong", "slack"] | None:
    """The format of JSON shaped like a Gong or Slack export; ``None`` for any other JSON."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict):
        if _GONG_KEYS & data.keys():
            return "gong"
        data = data.get("messages")
    if isinstance(data, list) and any(_is_slack_message(item) for item in data):
        return "slack"
    return None


def _is_slack_message(item: object) -> bool:
    """A Slack message always carries its ``ts``; ``type: message`` marks hand-trimmed exports."""
    return isinstance(item, dict) and ("ts" in item or item.get("type") == "message")
