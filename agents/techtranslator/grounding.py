"""Keep only requirements whose evidence quotes really occur in the transcript."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pydantic import BaseModel

from agents.techtranslator.schemas import Evidence, Requirement, Transcript

_SPACE = re.compile(r"\s+")
# Models "helpfully" straighten quotes and dashes; those are the same words.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


class DroppedRequirement(BaseModel):
    """A requirement removed during grounding, and why."""

    requirement: Requirement
    reason: str


class GroundingResult(BaseModel):
    """Requirements that survived grounding (possibly with fewer quotes) and those dropped."""

    kept: list[Requirement]
    dropped: list[DroppedRequirement]


def normalise(text: str) -> str:
    """Lower-case, fold typographic quotes/dashes and collapse whitespace, for quote matching."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return _SPACE.sub(" ", folded).strip()


def ground(
    requirements: Sequence[Requirement], transcript: Transcript, *, customer_only: bool = False
) -> GroundingResult:
    """Remove evidence not found in the transcript; drop requirements left with none.

    With ``customer_only`` a quote must come from a turn not spoken by our own side.
    """
    sources = [
        normalise(turn.text)
        for turn in transcript.turns
        if not (customer_only and turn.party == "internal")
    ]
    if not customer_only:
        sources.append(normalise(transcript.raw))
    kept: list[Requirement] = []
    dropped: list[DroppedRequirement] = []
    for requirement in requirements:
        evidence = [item for item in requirement.evidence if _found(item, sources)]
        if evidence:
            kept.append(requirement.model_copy(update={"evidence": evidence}))
            continue
        reason = "no evidence quote occurs in the transcript"
        if customer_only:
            reason = "no evidence quote occurs in a customer (or unknown-party) turn"
        dropped.append(DroppedRequirement(requirement=requirement, reason=reason))
    return GroundingResult(kept=kept, dropped=dropped)


def _found(evidence: Evidence, sources: Sequence[str]) -> bool:
    quote = normalise(evidence.quote)
    return bool(quote) and any(quote in source for source in sources)
