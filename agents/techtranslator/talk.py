"""Which side a speaker is on, judged from how they talk when nothing else says.

A vendor pitches, asks discovery questions and promises follow-ups ("I'll escalate this to
engineering"); a customer talks about their own team, tools and needs and asks about "your" product.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agents.techtranslator.schemas import Party

_I = re.IGNORECASE
_PITCH = re.compile(
    r"what\s+are\s+you\s+(?:looking|hoping|trying)|tell\s+me\s+(?:a\s+bit\s+)?(?:more\s+)?about"
    r"|walk\s+me\s+through|does\s+that\s+make\s+sense|how\s+are\s+you\s+(?:handling|managing|doing)"
    r"\s+(?:that|this|it)|we\s+offer|our\s+(?:platform|product|solution|roadmap|engineers|pricing"
    r"|engineering|product\s+team)|let\s+me\s+(?:show|share|pull|loop\s+in|check)"
    r"|I'?ll\s+send\s+(?:over|you)|happy\s+to\s+(?:help|set)"
    r"|we\s+can\s+(?:definitely|absolutely|totally)|on\s+our\s+roadmap|what\s+would\s+success"
    r"|thanks\s+for\s+(?:taking|making)\s+the\s+time|what'?s\s+driving"
    r"|I\s+can\s+send\s+you|I'?ll\s+(?:escalate|file|raise|log|get\s+(?:engineering|product)"
    r"|talk\s+to\s+(?:product|engineering)|share\s+(?:\w+\s+)?with\s+(?:product|engineering)"
    r"|post\s+updates|follow\s+up)|escalated\s+(?:it\s+|this\s+)?to\s+engineering"
    r"|we'?ll\s+(?:fix|get\s+(?:that|this|it)\s+fixed|look\s+into)|how\s+can\s+I\s+help"
    r"|what\s+(?:would|could)\s+make|what'?s\s+working|can\s+you\s+(?:share|send)\s+(?:me\s+)?"
    r"(?:a|an|one|the)\b",
    _I,
)
_CUSTOMER_TALK = re.compile(
    r"\byour\s+(?:platform|product|tool|app|solution|system|roadmap|pricing|team|docs"
    r"|documentation|api|dashboard|support|engineers|retention|workflow)|\byou\s+guys"
    r"|\b(?:does|can)\s+it\b|\bdo\s+you\s+(?:support|have|offer|integrate)|\bwe\s+use\b"
    r"|\bwe'?re\s+(?:currently\s+)?(?:using|evaluating|on|seeing)\b|\bwe\s+need\b"
    r"|\bwe'?d\s+(?:need|like)|\bour\s+(?:current|existing|old)\b|\bwe\s+can'?t\b"
    r"|\bour\s+(?:\w+\s+)?(?:team|teams|users|staff|agents|customers|reps|people"
    r"|policy|auditors|accounting|finance)\b|\bwe\s+(?:have|had)\s+(?:a|an)\s+problem\b"
    r"|\bwe\s+(?:want|must)\b|\bmy\s+(?:team|engineers|people|staff)\b",
    _I,
)


def talk_party(texts: Iterable[str], *, sides_known: bool = False) -> Party:
    """Party from how someone talks; with ``sides_known`` one clear lean is enough."""
    joined = " ".join(texts).replace("’", "'")
    internal = len(_PITCH.findall(joined))
    customer = len(_CUSTOMER_TALK.findall(joined))
    least = 1 if sides_known else 2
    if internal >= least and internal >= 2 * customer:
        return "internal"
    if customer >= least and customer >= 2 * internal:
        return "customer"
    return "unknown"
