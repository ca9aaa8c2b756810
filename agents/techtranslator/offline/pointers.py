"""Needs that only point back ("it must finish in time", "this must be improved")."""

from __future__ import annotations

from agents.techtranslator.offline.wellformed import is_vague
from agents.techtranslator.wordlists import words

_POINTERS = frozenset({"it", "this", "that", "they", "those", "these"})
# Verbs that make a requirement with just a preposition after them ("integrate with SAP").
_STANDALONE_VERBS = words(
    """integrate sync connect talk plug work run scale load export import push pull post send
    write read flow match alert notify sign log report map link hook feed update refresh print"""
)
_PARTICLES = words(
    """in out back up over through into onto off at to for with on about from past"""
)


def points_back(subject: str, tokens: list[str]) -> bool:
    """ "It must finish for the month", "this must be improved": the need was named earlier."""
    if subject.lower() not in _POINTERS:
        return False
    if tokens[0].lower() == "be":
        return is_vague(tokens[1:])
    rest = tokens[1:]
    head = " ".join(rest[:2]).lower()
    quantity = head in ("at least", "at most", "up to")  # "keep at least six years of history"
    first = rest[0].lower() if rest else ""
    object_missing = not rest or (first in _PARTICLES and not quantity) or first.endswith("ly")
    return object_missing and tokens[0].lower() not in _STANDALONE_VERBS
