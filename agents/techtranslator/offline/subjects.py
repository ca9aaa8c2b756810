"""Who a need is stated about: us, the product, other people, or a thing."""

from __future__ import annotations

import re
from typing import Literal

from agents.techtranslator.offline.phrasing import tidy

SubjectKind = Literal["we", "product", "person", "thing"]

_I = re.IGNORECASE
_SEPARATORS = re.compile(
    r"[,;:]|\b(?:and|but|so|because|that|if|when|since|then|which|who|where|honestly|also"
    r"|though|cause|like|yeah|okay|well|oh|now|plus|what)\b",
    _I,
)
_NEGATOR_TAIL = re.compile(
    r"\b(?:don't|do\s+not|doesn't|does\s+not|didn't|not|never|won't|wouldn't|no\s+longer|hardly"
    r"|nobody|no\s+one)\s*(?:\w+\s*){0,3}$",
    _I,
)
# "If they need a replacement part, someone ..." describes a case; it asks for nothing.
_HYPOTHETICAL_TAIL = re.compile(
    r"\b(?:if|when|whenever|unless|once|let's\s+say|say|suppose|imagine)\s+(?:[\w']+\s+){0,3}$"
    r"|\b(?:will|'ll|won't)\s+$",
    _I,
)
_MAX_SUBJECT_WORDS = 8
_WE = frozenset({"", "we", "i", "us", "my team", "our team", "we all", "we both", "me"})
_PRODUCT = re.compile(
    r"(?:it|this|that|you|you\s+guys|you\s+all|y'all|the\s+(?:product|platform|tool|system|app"
    r"|software|solution|new\s+\w+)|(?:any|the|a|whatever|every)\s+(?:new\s+)?(?:tool|vendor"
    r"|system|solution|platform|product|app|software)|your\s+[\w-]+(?:\s+[\w-]+)?"
    r"|(?:anything|whatever|any(?:\s+\w+){1,2}|the(?:\s+\w+){1,2})\s+(?:that\s+)?we\s+(?:buy|pick"
    r"|choose|select|use|get|go\s+with|roll\s+out|bring\s+in|adopt)(?:\s+\w+){0,2})",
    _I,
)
_PERSON = re.compile(
    r"\b(?:somebody|someone|people|everyone|everybody|they|he|she|folks|staff|nobody|team|teams"
    r"|users|reps|nurses|drivers|dispatchers|agents|managers|engineers|admins|clinicians|doctors"
    r"|accountants|finance|ops|leadership|boss|cfo|ceo|cto|ciso|customers|clients|employees"
    r"|guys|crew|department|auditors?|legal|compliance|security|members|analysts|operators)\b",
    _I,
)
_GERUND_LEAD = re.compile(r"^(?:having|getting)\s+", _I)


def before(clause: str, position: int) -> str | None:
    """The subject right before a cue at ``position``; ``None`` when the cue is negated."""
    head = clause[:position]
    if _NEGATOR_TAIL.search(head) or _HYPOTHETICAL_TAIL.search(head):
        return None
    subject = tidy(_SEPARATORS.split(head)[-1])
    return subject if len(subject.split()) <= _MAX_SUBJECT_WORDS else None


def kind_of(subject: str) -> SubjectKind:
    """Classify a subject phrase so the need can be worded from the right point of view."""
    text = " ".join(subject.lower().split())
    if text in _WE:
        return "we"
    if _PRODUCT.fullmatch(text):
        return "product"
    return "person" if _PERSON.search(text) else "thing"


def strip_gerund(phrase: str) -> str:
    """ "having SSO" -> "SSO": the gerund of possession adds nothing to a capability."""
    return _GERUND_LEAD.sub("", phrase)
