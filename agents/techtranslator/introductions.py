"""What people say about themselves and their colleagues when a call opens.

Exports without roles (VTT, SRT, Slack) still carry "I'm Sam, account executive here at Acme"
and "with me is Aisha from our IT team"; those lines decide sides as well as a role column would.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agents.techtranslator.roles import CUSTOMER_ROLE, CUSTOMER_TITLE, VENDOR_ROLE, drop_country
from agents.techtranslator.schemas import Party

_I = re.IGNORECASE
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SELF = re.compile(
    r"\b(?:I'm|I\s+am|my\s+name\s+is|speaking)\b|\b(?:this\s+is|it's)\s+(?-i:[A-Z])|\bhere[.!]?$"
    r"|\bI\s+(?:lead|run|head|manage|own|look\s+after|work\s+(?:at|for|in|on))\b",
    _I,
)
# Where a speaker moves on from themselves to a colleague or the agenda.
_MOVES_ON = re.compile(
    r",?\s*\b(?:and\s+)?(?:with\s+me|I've\s+got|I\s+have\s+\w+\s+with|joined\s+by|along\s+with"
    r"|this\s+is\s+(?:the|our|a)\b)|,?\s+and\s+(?-i:[A-Z])\w+\s+(?:from|is|runs|leads|heads)\b",
    _I,
)
_HERE_AT = re.compile(
    r"\bhere\s+at\b|\byour\s+(?:\w+\s+){0,3}?(?:manager|executive|rep|contact"
    r"|engineer|partner|advisor|consultant|(?-i:CSM|AE|SE|TAM))\b",
    _I,
)
_ORG = re.compile(
    r"\b(?:at|from|for|with)\s+(?P<org>(?-i:[A-Z][\w&'-]*)(?:\s+(?-i:[A-Z][\w&'-]*)){0,2})"
)
_VENDOR_DESK = re.compile(
    r"^(?P<org>(?-i:[A-Z][\w&'-]*)(?:\s+(?-i:[A-Z][\w&'-]*)){0,2})\s+support\b", _I
)
_HONORIFIC = re.compile(r"^(?:dr|mr|mrs|ms|prof)\.?\s+", _I)
_COLLEAGUE_TITLE = (
    r"(?:lead|manager|director|head|engineer|officer|team|office|department|colleague|side"
    r"|group|VP|C[TEIFO]O|CISO|administrator|admin|analyst|counsel|supervisor|specialist)"
)


def introduction(name: str, texts: Sequence[str]) -> str:
    """The words in a speaker's first turns where they say who they are."""
    own = {part for part in _HONORIFIC.sub("", name.split("(")[0]).split() if len(part) > 1}
    found: list[str] = []
    for text in texts[:2]:
        for sentence in _SENTENCE.split(text.replace("’", "'")):
            mentions_self = any(re.search(rf"\b{re.escape(part)}\b", sentence) for part in own)
            if mentions_self or _SELF.search(sentence):
                found.append(_MOVES_ON.split(sentence, maxsplit=1)[0])
    return " ".join(found)


def intro_party(intro: str) -> Party:
    """Side implied by a self-introduction; a vendor job or "your account manager" is ours."""
    cleaned = drop_country(intro)
    if VENDOR_ROLE.search(cleaned) or _HERE_AT.search(cleaned) or _VENDOR_DESK.search(cleaned):
        return "internal"
    if CUSTOMER_ROLE.search(cleaned) or CUSTOMER_TITLE.search(cleaned):
        return "customer"
    if re.search(r"\bI\s+(?:lead|run|head|manage|own)\b", cleaned, _I) or _ORG.search(cleaned):
        return "customer"
    return "unknown"


def intro_orgs(intro: str) -> set[str]:
    """Companies a speaker says they work for ("... at Pinecrest Mutual", "Beacon support")."""
    orgs = {m["org"].casefold() for m in _ORG.finditer(intro)}
    desk = _VENDOR_DESK.search(intro.strip())
    if desk:
        orgs.add(desk["org"].casefold())
    return orgs


def colleagues(text: str, names: dict[str, str]) -> set[str]:
    """Keys of speakers that ``text`` introduces as the speaker's colleagues.

    ``names`` maps a speaker key to the first name others call them by.
    """
    found: set[str] = set()
    for key, first in names.items():
        n = re.escape(first)
        patterns = (
            rf"\b(?:with\s+me\s+(?:today\s+)?(?:is|are)|I've\s+got|I\s+have|joined\s+by"
            rf"|along\s+with|loop(?:ing)?\s+in|brought)\s+(?-i:{n})\b",
            rf"\b(?-i:{n})\b,?\s+(?:is\s+)?(?:from\s+)?(?:our|my)\s+[^.,!?]{{0,40}}?"
            rf"\b{_COLLEAGUE_TITLE}s?\b",
            rf"\b(?-i:{n})\s+from\s+[^.,!?]{{1,40}}?\s+is\s+(?:with\s+(?:me|us)|here|on)\b",
        )
        if any(re.search(p, text, _I) for p in patterns):
            found.add(key)
    return found


def first_name(name: str) -> str:
    """How colleagues refer to a speaker: the first name without "Dr." or "Mr."."""
    parts = _HONORIFIC.sub("", name.split("(")[0]).split()
    return parts[0] if parts else name
