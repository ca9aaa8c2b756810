"""Is a found need concrete enough to become a requirement, or spoken filler that parsed as one?"""

from __future__ import annotations

import re

from agents.techtranslator.offline.need import Need
from agents.techtranslator.wordlists import words

_VAGUE = words(
    """security speed performance reliability quality support stability usability simple easy
    pretty better more help everything anything stuff things something improvements changes
    fixed clear this that it a an the some any our my your same both privacy compliance data
    special else whatever here there way one ones lot bit piece part side angle issue issues
    problem problems thing question questions answer answers idea ideas improved good great
    out anymore"""
)
# A capability never starts with these: "before then", "from you is ...", "I'd say that".
_BAD_START = words(
    """before after from with for of in on at by about as than if when because since so and or
    but i i'd i'll i'm we we'd we'll we're you you'd you'll they he she it's that's there's
    what how who why where which anything something everything nothing anybody somebody
    everybody nobody let's ask answer know tell mention think say guess mean last earlier
    yesterday previously already another both"""
)
_PRONOUN_TOKEN = re.compile(
    r"\b(?:i|we|you|he|she|they|it|i'd|i'll|i'm|we'll|we'd|we're|you'll|you're|they're|it's"
    r"|that's|there's)\b",
    re.IGNORECASE,
)
_MAX_SUBJECT_WORDS = 5


def is_well_formed(need: Need) -> bool:
    """Whether the need names a concrete capability a team could build or fix."""
    if need.kind in ("pronoun", "complaint", "workaround"):
        return True
    words = [w.strip(",.!?;:\"'").lower() for w in need.phrase.split()]
    words = [w for w in words if w]
    if not words or words[0] in _BAD_START:
        return False
    if not any(len(word) >= 3 and word.isalpha() for word in words):
        return False  # "0", "go": nothing a team could build
    content = words[1:] if need.kind == "verb" and len(words) > 1 else words
    if is_vague(content[1:] if content[0] == "be" else content):
        return False
    return _clean_subject(need.subject) if need.kind == "clause" else True


def is_vague(words: list[str]) -> bool:
    """Whether every word is filler ("better", "fixed", "really") that names no capability."""
    cleaned = [w.strip(",.!?;:\"'").lower() for w in words]
    return all(w in _VAGUE or w.endswith("ly") for w in cleaned if w)


def _clean_subject(subject: str) -> bool:
    """A clause subject is a short noun phrase ("failed webhooks"), not a run-on fragment."""
    words = subject.split()
    if len(words) > _MAX_SUBJECT_WORDS or _PRONOUN_TOKEN.search(subject):
        return False
    return all(len(word) > 1 or word.lower() == "a" for word in words)
