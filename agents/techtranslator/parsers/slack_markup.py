"""Slack message markup (``<@U123>``, ``<https://x|label>``, ``&amp;``) to readable text."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Slack escapes only these three; a literal "<" in text always arrives as "&lt;".
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_TOKEN = re.compile(r"<(?P<target>[^<>|]*)(?:\|(?P<label>[^<>]*))?>")
_BROADCASTS = {"here", "channel", "everyone"}


def render_slack_text(text: str, names: Mapping[str, str]) -> str:
    """Resolve mentions and links and unescape entities; ``names`` maps user ids to names."""

    def replace(token: re.Match[str]) -> str:
        target, label = token["target"], token["label"]
        if target.startswith("@"):
            user_id = target[1:]
            return f"@{names.get(user_id) or label or user_id}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            return _special(target[1:], label)
        return label or target

    return _unescape(_TOKEN.sub(replace, text))


def _special(command: str, label: str | None) -> str:
    """``<!here>``, ``<!subteam^S1|@sales>`` and ``<!date^...|fallback>`` as people read them."""
    if command in _BROADCASTS:
        return f"@{command}"
    if label:
        return label
    return f"@{command.split('^', 1)[0]}"


def _unescape(text: str) -> str:
    """Undo Slack's escaping; ``&amp;`` goes last so ``&amp;lt;`` stays a literal ``&lt;``."""
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text
