"""Titles ("Support SAML single sign-on") and the "I want ..." part of a user story."""

from __future__ import annotations

import re

from agents.techtranslator.offline.classify import SYSTEMS
from agents.techtranslator.offline.need import Need
from agents.techtranslator.offline.phrasing import (
    capitalise,
    gerund,
    is_plural,
    plural,
    shorten,
    third_person,
    tidy,
    unpossess,
)
from agents.techtranslator.offline.subjects import kind_of
from agents.techtranslator.schemas import Category

_I = re.IGNORECASE
_DETERMINER = re.compile(r"^(?:a|an|the|some|any|this|that|these|those)\s+", _I)
_POINTERS = frozenset({"", "it", "this", "that", "they", "we", "i"})
_FILLER_HEAD = re.compile(r"\s+(?:piece|part|bit|side|stuff|thing|angle)$", _I)
_MIN_TITLE = 3
_URGENCY = re.compile(r"\b(?:urgent(?:ly)?|asap|immediately|right\s+away|please)\b", _I)
_STANDARD = re.compile(
    r"^(?:sso|saml|scim|mfa|2fa|soc|hipaa|gdpr|rbac|encryption|single\s+sign|role-based|okta"
    r"|two-factor|multi-factor|pci|fedramp|iso)",
    _I,
)
_SYSTEM_INTEGRATION = re.compile(
    r"^(?P<sys>.+?)\s+(?:integration|connector|connection|plug-?in|app)s?$", _I
)
_COMPLAINT_TITLES = {
    "timeout": ("Fix timeouts in {s}", "Fix timeouts {c}"),
    "ratelimit": ("Raise API rate limits for {s}", "Avoid rate-limit errors {c}"),
    "crash": ("Fix crashes in {s}", "Fix crashes {c}"),
    "error": ("Fix errors in {s}", "Fix errors {c}"),
    "fail": ("Fix failures in {s}", "Fix failures {c}"),
    "wrong": ("Fix incorrect {s}", "Fix incorrect results {c}"),
    "broken": ("Fix {s}", "Fix issue {c}"),
    "slow": ("Speed up {s}", "Improve performance {c}"),
}


def plain(subject: str) -> str:
    """Lower-case a sentence-initial capital ("Failed webhooks"), keep names ("Salesforce")."""
    if subject.lower() in ("them", "they"):
        return "users"
    first, _, rest = subject.partition(" ")
    if first[:1].isupper() and first[1:].islower() and not SYSTEMS.match(first):
        first = first.lower()
    return f"{first} {rest}".strip()


def title(need: Need, category: Category) -> str:
    """A short imperative title for the need, at most 80 characters."""
    text = unpossess(_URGENCY.sub("", _raw_title(need, category)))
    text = shorten(capitalise(" ".join(text.split()).strip(" ,.")))
    return text if len(text) >= _MIN_TITLE else f"Support {text}".strip()


def want(need: Need) -> str:
    """What follows "I want" in the user story, in the customer's own words."""
    subject = plain(need.subject) or "the product"
    if need.kind == "verb":
        return f"{need.subject} to {need.phrase}" if need.subject else f"to {need.phrase}"
    if need.kind == "clause":
        able = "be able to " if need.modal == "can" else ""
        return f"{subject} to {able}{need.phrase}"
    if need.kind == "fix":
        return f"{need.phrase} fixed"
    if need.kind == "workaround":
        return f"to stop having to {need.phrase} by hand"
    if need.kind == "prevent":
        return _prevent_want(need.phrase)
    if need.kind == "complaint":
        return _complaint_want(need)
    return need.phrase


def _raw_title(need: Need, category: Category) -> str:
    if need.kind == "verb":
        return need.phrase
    if need.kind == "noun":
        return _noun_title(need.phrase, category)
    if need.kind == "clause":
        return _clause_title(need)
    if need.kind == "fix":
        return f"Fix {_DETERMINER.sub('', need.phrase)}"
    if need.kind == "workaround":
        verb, _, rest = need.phrase.partition(" ")
        return f"Automate {gerund(verb)} {rest}"
    if need.kind == "prevent":
        return capitalise(_prevent_want(need.phrase).removeprefix("to "))
    return _complaint_title(need)


def _noun_title(phrase: str, category: Category) -> str:
    noun = _FILLER_HEAD.sub("", _DETERMINER.sub("", phrase)) or phrase
    first, _, rest = noun.partition(" ")
    if first.lower() in ("better", "improved") and rest:
        return f"Improve {rest}"
    if first.lower() in ("faster", "quicker") and rest:
        return f"Speed up {rest}"
    system = _SYSTEM_INTEGRATION.match(noun)
    named = SYSTEMS.search(system["sys"]) if system else None
    if named:
        return f"Integrate with {named.group()}"
    if category == "security_compliance" and _STANDARD.match(noun):
        return f"Support {noun}"
    return f"Add {noun}"


def _clause_title(need: Need) -> str:
    subject = plain(_DETERMINER.sub("", need.subject)) or "the product"
    verb, _, rest = need.phrase.partition(" ")
    if need.modal == "can" or _is_person(need.subject):
        return f"Allow {subject} to {need.phrase}"
    if verb.lower() == "be":
        return f"Ensure {subject} {'are' if is_plural(subject) else 'is'} {rest}"
    conjugated = verb if is_plural(subject) else third_person(verb)
    return f"Ensure {subject} {conjugated} {rest}"


def _is_person(subject: str) -> bool:
    return bool(subject) and kind_of(subject) == "person"


def _prevent_want(phrase: str) -> str:
    if phrase.lower().startswith("to have to "):
        return f"to remove the need to {phrase[len('to have to ') :]}"
    who, sep, action = phrase.partition(" to ")
    if not sep or not action:
        return f"to prevent {phrase}"
    verb, _, rest = action.partition(" ")
    return f"to prevent {who} from {gerund(verb)} {rest}".strip()


def _complaint_title(need: Need) -> str:
    subject = tidy(_DETERMINER.sub("", need.subject))
    pointer = subject.lower().split()[:1] in ([], *([word] for word in _POINTERS | {"them"}))
    subject = "" if pointer else plain(subject)
    condition = plain(need.condition)
    if need.pain == "slow" and need.phrase:
        return f"Reduce time to {need.phrase}"
    if need.pain == "duplicate":
        thing = plural(need.phrase) if need.phrase else "records"
        return f"Prevent duplicate {thing} {condition}"
    if need.pain == "lost":
        return f"Prevent lost {plural(need.phrase)}" + (f" in {subject}" if subject else "")
    with_subject, with_condition = _COMPLAINT_TITLES[need.pain or "broken"]
    if subject:
        return with_subject.format(s=subject)
    return with_condition.format(c=condition or "reported by the customer")


def _complaint_want(need: Need) -> str:
    subject = (
        "" if need.subject.lower().split()[:1] in ([], *([w] for w in _POINTERS)) else need.subject
    )
    subject = plain(subject) or "the product"
    goals = {
        "slow": "to respond quickly",
        "timeout": "to complete without timing out",
        "ratelimit": "to handle our request volume without rate-limit errors",
        "crash": "to work without crashing",
        "wrong": "to show correct results",
        "duplicate": "to stop creating duplicates",
        "lost": "to stop losing data",
    }
    goal = goals.get(need.pain or "", "to work reliably")
    if need.pain == "slow" and need.phrase:
        return f"to {need.phrase} quickly"
    if subject != "the product" or not need.condition:
        return f"{subject} {goal}"
    return f"the product {goal} {plain(need.condition)}"
