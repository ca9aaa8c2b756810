"""Problems the call itself solved ("found it, thanks", "that fixed it") are not requirements."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agents.techtranslator.offline.threads import Candidate
from agents.techtranslator.schemas import Turn

_I = re.IGNORECASE
_SOLVED = re.compile(
    r"\b(?:found\s+it|that\s+(?:fixed|solved|did)\s+(?:it|the\s+trick)|(?:it|that|this)\s+works"
    r"\s+now|works\s+(?:fine|perfectly)\s+now|problem\s+solved|all\s+(?:good|sorted|set)\s+now"
    r"|(?:it's|it\s+is|that's)\s+working\s+(?:again|now)|(?:she|he|we|they)(?:'s|'re|\s+is|\s+are)"
    r"\s+(?:logged\s+)?in(?=[.!]|\s+now\b))",
    _I,
)
# "That worked, but the export is still broken" solves one thing and keeps another open.
_STILL_OPEN = re.compile(r"\b(?:but|still|however|although|except|though)\b", _I)


def drop_resolved(candidates: Sequence[Candidate], turns: Sequence[Turn]) -> list[Candidate]:
    """Drop bug reports that a later customer turn says are solved, unless raised again after."""
    solved_at = [
        turn.index
        for turn in turns
        if turn.party != "internal"
        and _SOLVED.search(turn.text.replace("’", "'"))
        and not _STILL_OPEN.search(turn.text)
    ]
    if not solved_at:
        return list(candidates)
    last = max(solved_at)
    reopened = any(_is_problem(c) and c.turn.index > last for c in candidates)
    if reopened:
        return list(candidates)
    return [c for c in candidates if not (_is_problem(c) and c.turn.index < last)]


def _is_problem(candidate: Candidate) -> bool:
    return candidate.need.kind in ("complaint", "fix") or candidate.category == "bug"
