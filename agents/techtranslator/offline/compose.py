"""Assemble a Requirement: title, user story with role and benefit, criteria and evidence."""

from __future__ import annotations

import re

from agents.techtranslator.offline.criteria import criteria
from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.phrasing import article, tidy
from agents.techtranslator.offline.titles import title, want
from agents.techtranslator.schemas import Category, Evidence, Priority, Requirement

_I = re.IGNORECASE
_BENEFIT = re.compile(
    r"\b(?P<marker>so\s+that|so\s+(?=(?:we|I|my|our|they|the|it|people|everyone|nobody|users"
    r"|he|she)\b)|in\s+order\s+to|because|'cause|since|otherwise|to\s+make\s+sure|to\s+ensure"
    r"|to\s+avoid)\s+(?P<rest>[^.;!?]+)",
    _I,
)
_DEFAULT_BENEFIT: dict[Category, str] = {
    "feature": "my team can get the job done in the product without workarounds",
    "integration": "data moves between our systems without manual re-entry",
    "security_compliance": "we meet our security and compliance obligations",
    "performance": "my team is not slowed down waiting on the product",
    "bug": "we can rely on the product to behave correctly",
}
_TITLE_WORDS = re.compile(
    r"\b(?:C[TEIFO]O|CISO|S?VP|EVP|vice\s+president|director|head\s+of|manager|engineer|lead"
    r"|architect|admin(?:istrator)?|analyst|owner|founder|president|officer|controller"
    r"|coordinator|specialist|developer|counsel|dispatcher|nurse|physician|clinician|SRE)\b",
    _I,
)
_MAX_BENEFIT_WORDS = 18


def compose(
    need: Need,
    *,
    category: Category,
    priority: Priority,
    role: str | None,
    tail: str,
    evidence: list[Evidence],
) -> Requirement:
    """Build the requirement; ``tail`` is the statement's text (the benefit is looked up in it)."""
    who = persona(role)
    reason = benefit(tail, category, anchor=need.phrase or need.subject or need.condition)
    story = f"As {article(who)} {who}, I want {want(need)} so that {reason}."
    return Requirement(
        title=title(need, category),
        user_story=" ".join(story.split()),
        acceptance_criteria=[f"{c}." for c in criteria(need, category, action(need))][:3],
        category=category,
        priority=priority,
        evidence=evidence,
    )


def persona(role: str | None) -> str:
    """The job title part of a role such as ``"Acme Logistics, VP Engineering"``."""
    for part in re.split(r",|;|\||\s+-\s+|\s+at\s+|\s+from\s+", role or ""):
        if _TITLE_WORDS.search(part):
            return " ".join(part.split())
    return "customer"


def benefit(text: str, category: Category, anchor: str = "") -> str:
    """The "so that" clause from the customer's reason after ``anchor``, or a category default."""
    head = " ".join(anchor.split()[:2]).lower()
    start = text.lower().find(head) if head else -1
    found = next((m for m in _BENEFIT.finditer(text) if m.start() > max(start, 0)), None)
    if found is None:
        return _DEFAULT_BENEFIT[category]
    marker = " ".join(found["marker"].lower().split())
    words = tidy(found["rest"]).split()
    reason = " ".join(words[:_MAX_BENEFIT_WORDS])
    if not reason:
        return _DEFAULT_BENEFIT[category]
    if marker in ("so that", "so", "to make sure", "to ensure"):
        return reason
    if marker in ("in order to", "to avoid"):
        return f"we can {'avoid ' if marker == 'to avoid' else ''}{reason}"
    if marker == "otherwise":
        return f"{_DEFAULT_BENEFIT[category]} (otherwise {reason})"
    return f"{_DEFAULT_BENEFIT[category]}, since {reason}"


def action(need: Need) -> str:
    """The capability as something a user does, for the "when ..." of a criterion."""
    if need.kind == "verb":
        return need.phrase
    if need.kind == "prevent":
        _, _, act = need.phrase.partition(" to ")
        return act or need.phrase
    if need.kind == "clause":
        if need.modal == "be":
            return (
                f"rely on {need.subject or 'the product'} being {need.phrase.removeprefix('be ')}"
            )
        return need.phrase
    return f"use {need.phrase}" if need.phrase else "use the product"
