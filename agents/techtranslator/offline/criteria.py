"""Acceptance criteria in Given/When/Then form, derived from the capability and its category."""

from __future__ import annotations

import re

from agents.techtranslator.offline.classify import SYSTEMS
from agents.techtranslator.offline.need import Need
from agents.techtranslator.schemas import Category

_I = re.IGNORECASE
_TARGET = re.compile(
    r"\b(?:under|within|below|less\s+than|in)\s+(?:\w+\s+)?(?:\d[\d,.]*|a|one|two|three|five|ten)"
    r"\s*(?:seconds?|secs?|ms|milliseconds?|minutes?|mins?|hours?)\b",
    _I,
)
_SECURITY_CRITERIA: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:sso|saml|single\s+sign[-\s]?on|okta|azure\s+ad|entra)\b", _I),
        "Given single sign-on is configured with the customer's identity provider, when a user "
        "signs in, then they authenticate through the identity provider without a separate "
        "password",
    ),
    (
        re.compile(r"\b(?:scim|provisioning|offboard\w*|de-?provision\w*)\b", _I),
        "Given a user is deactivated in the identity provider, when provisioning syncs, then "
        "their access is revoked without manual steps",
    ),
    (
        re.compile(r"\b(?:audit|access\s+logs?|who\s+\w+)\b", _I),
        "Given a user views or changes a record, when an admin opens the audit log, then the "
        "entry shows who did what and when, and can be exported",
    ),
    (
        re.compile(r"\b(?:retention|retain\w*|years\s+of)\b", _I),
        "Given records inside the retention period the customer stated, when an admin searches "
        "history, then every one of them is still available",
    ),
    (
        re.compile(r"\b(?:mfa|2fa|two[-\s]factor|multi[-\s]factor)\b", _I),
        "Given MFA is required for the account, when a user signs in, then a second factor is "
        "demanded before access is granted",
    ),
    (
        re.compile(r"\b(?:rbac|role|permission\w*|access\s+control\w*|restrict\w*|only)\b", _I),
        "Given a user without the required permission, when they attempt the restricted action, "
        "then it is denied and the attempt is recorded",
    ),
)


def criteria(need: Need, category: Category, action: str) -> list[str]:
    """One to three Given/When/Then statements; ``action`` is the capability in plain words."""
    words = f"{need.subject} {need.phrase}"
    if need.kind in ("complaint", "fix"):
        return _complaint_criteria(need, category)
    if need.kind == "workaround":
        return [
            "Given the data already exists in one system, when it is needed in the other, then it "
            f"arrives without anyone having to {need.phrase} by hand",
        ]
    if need.kind == "prevent":
        return [
            f"Given a user who is not allowed to, when they try to {action}, then the product "
            "blocks it and records the attempt",
        ]
    if category == "security_compliance":
        found = [text for pattern, text in _SECURITY_CRITERIA if pattern.search(words)]
        return (found or [_compliance(action)])[:2]
    if category == "integration":
        return _integration_criteria(words, action)
    if category == "performance":
        target = _TARGET.search(words)
        limit = target.group() if target else "within the response time agreed with the customer"
        return [
            f"Given production-sized data, when a user needs to {action}, then it completes "
            f"{limit}",
            "Given peak load, when many users work at once, then response times stay within "
            "the agreed limit",
        ]
    if category == "bug":
        return [
            f"Given the conditions the customer described, when they {action}, then it works "
            "without errors",
            "Given the fix is released, when the same steps are repeated, then the problem "
            "does not recur",
        ]
    return [
        f"Given a signed-in user with access, when they {action}, then the product does it "
        "without a workaround",
        "Given the action has completed, when the user checks the result, then it matches "
        "what they asked for",
    ]


def _compliance(action: str) -> str:
    return (
        f"Given a compliance review, when the auditor asks for evidence that we {action}, then "
        "the product provides the records and settings that demonstrate it"
    )


def _integration_criteria(words: str, action: str) -> list[str]:
    system = SYSTEMS.search(words)
    if system is None:
        return [
            "Given the integration is configured, when data changes on either side, then the "
            "change reaches the other side without manual steps",
            "Given the other side is unavailable or rejects a request, when a transfer is "
            "attempted, then it is retried and failures are visible to an admin",
        ]
    other = system.group()
    return [
        f"Given a connection to {other} is configured, when data changes on either side, then "
        "the change appears in the other system without manual steps",
        f"Given {other} is unavailable or rejects a request, when a transfer is attempted, then "
        "it is retried and failures are visible to an admin",
    ]


def _complaint_criteria(need: Need, category: Category) -> list[str]:
    when = _when(need.condition)
    if need.pain == "ratelimit":
        return [
            f"Given the request volume the customer reported, when {when}, then requests succeed "
            "without rate-limit errors",
            "Given a client does exceed the limit, when it is throttled, then the response says "
            "when to retry",
        ]
    if category == "performance":
        observed = f" (today: {need.observed})" if need.observed else ""
        return [
            f"Given production-sized data, when {when}, then it completes well within the agreed "
            f"time{observed}",
            "Given the fix is released, when usage peaks, then no requests time out",
        ]
    outcome = {
        "wrong": "the figures match the source records",
        "duplicate": "exactly one record is created",
        "lost": "no data is lost and every record arrives once",
        "crash": "the product does not crash",
    }.get(need.pain or "", "it completes without errors")
    return [
        f"Given the conditions the customer reported, when {when}, then {outcome}",
        "Given the fix is released, when the same steps are repeated, then the problem does not "
        "recur",
    ]


def _when(condition: str) -> str:
    """The "when" of a criterion: "When a nurse saves" -> "a nurse saves"."""
    if not condition:
        return "the customer repeats the reported steps"
    head, _, rest = condition.partition(" ")
    if head.lower() in ("when", "whenever", "if", "once", "after") and rest:
        return rest
    return f"the problem occurs {condition[:1].lower()}{condition[1:]}"
