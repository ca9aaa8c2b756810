"""Needs whose object comes before the cue: "names in kanji would be good to display"."""

from __future__ import annotations

import re

from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.phrasing import tidy
from agents.techtranslator.offline.shapes import shape

_ASIDE_START = frozenset({"with", "for", "in", "on", "at", "by", "like", "ideally", "maybe"})


def object_before(before: str, verb: str) -> Need | None:
    """ "Names in kanji would be good to display": the object came before the wish."""
    thing = last_item(before)
    if not thing:
        return None
    if verb.lower() in ("have", "get", "see"):
        return shape(thing, verb_first=False)
    return shape(f"{verb} {thing}", verb_first=True)


def last_item(text: str) -> str:
    """The last comma part of ``text`` unless it is a trailing aside ("..., with our logo")."""
    parts = [part.strip() for part in re.split(r"[,:;]", text) if tidy(part)]
    while len(parts) > 1 and parts[-1].split()[0].lower() in _ASIDE_START:
        parts.pop()
    return parts[-1] if parts else ""
