"""Merge near-duplicate requirements: same category and the same capability or key subject."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agents.techtranslator.grounding import normalise
from agents.techtranslator.schemas import Evidence, Priority, Requirement
from agents.techtranslator.wordlists import words

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.-]*")
_RANK: dict[Priority, int] = {"could": 0, "should": 1, "must": 2}
# Different words customers use for one concept; each becomes a single token.
_CONCEPTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:saml|sso|single sign-?on|okta|azure ad|entra|onelogin)\b"), " sso "),
    (re.compile(r"\b(?:scim|provisioning|deprovisioning|offboarding)\b"), " scim "),
    (
        re.compile(
            r"\b(?:audit (?:log|trail)s?|access logs?|who (?:looked at|viewed|accessed|changed"
            r"|edited)\b[^,.]*|audit)\b"
        ),
        " auditlog ",
    ),
    (re.compile(r"\b(?:mfa|2fa|two-factor|multi-factor)\b"), " mfa "),
    (re.compile(r"\b(?:load times?|loading|loads?|slow|speed up|sluggish|time to)\b"), " speed "),
    (re.compile(r"\b(?:rate[- ]limit\w*|429s?|throttl\w*|api limits?)\b"), " ratelimit "),
    (
        re.compile(
            r"\b(?:legal hold|litigation hold|retention|retain\w*|preserv\w*|auto-?delet\w*"
            r"|purg\w*)\b"
        ),
        " retention ",
    ),
    (re.compile(r"\b(?:duplicate[sd]?|duplicating|second)\b"), " duplicate "),
)
_STOP = words(
    """a an the to of for in on with and or our my your their we i it is are be as at by from
    that this these those so add support fix make ensure allow provide improve enable get use
    have want need able way into out up can could should would will all any some every each
    product platform tool system app feature"""
)
# A named system ("SAP", "Salesforce", "ClaimCenter") is the subject a need is about.
_NAMED = re.compile(r"(?<!^)\b(?:[A-Z]{3,}|[A-Z][a-z]+[A-Z]\w*|[a-z][A-Z]\w+)\b")
_GENERIC_ACRONYMS = words("""API APIS CSV PDF XLSX SLA UTC URL UI UX SSO SAML SCIM MFA USA EU""")
_MERGE_JACCARD = 0.5
_MERGE_OVERLAP = 0.8


def merge_duplicates(requirements: Sequence[Requirement]) -> list[Requirement]:
    """Merge same-category requirements about the same thing, keeping all evidence."""
    merged: list[Requirement] = []
    keys: list[frozenset[str]] = []
    for requirement in requirements:
        key = capability_tokens(requirement)
        for index, existing in enumerate(merged):
            if existing.category == requirement.category and (
                _similar(keys[index], key) or _same_subject(existing, requirement)
            ):
                merged[index] = _combine(existing, requirement)
                keys[index] = keys[index] | key
                break
        else:
            merged.append(requirement)
            keys.append(key)
    return merged


def capability_tokens(requirement: Requirement) -> frozenset[str]:
    """Content words of the title and the "I want" part of the story, synonyms folded."""
    story = requirement.user_story.split(" I want ", 1)[-1].split(" so that ", 1)[0]
    text = normalise(f"{requirement.title} {story}")
    for pattern, token in _CONCEPTS:
        text = pattern.sub(token, text)
    return frozenset(_stem(w) for w in _WORD.findall(text) if w not in _STOP and len(w) > 1)


def named_subjects(requirement: Requirement) -> frozenset[str]:
    """Systems and products named in the title or the "I want" part ("SAP", "ClaimCenter")."""
    story = requirement.user_story.split(" I want ", 1)[-1].split(" so that ", 1)[0]
    found = _NAMED.findall(f"{requirement.title} {story}")
    return frozenset(name.casefold() for name in found if name.upper() not in _GENERIC_ACRONYMS)


def _same_subject(first: Requirement, second: Requirement) -> bool:
    """Same named system, or the same concept ("load time") raised again by the same person."""
    if named_subjects(first) & named_subjects(second):
        return True
    speakers = {e.speaker for e in first.evidence} & {e.speaker for e in second.evidence}
    concepts = {_stem(token.strip()) for _, token in _CONCEPTS}
    shared = capability_tokens(first) & capability_tokens(second) & concepts
    return bool(speakers and shared)


def _similar(first: frozenset[str], second: frozenset[str]) -> bool:
    if not first or not second:
        return False
    shared = len(first & second)
    jaccard = shared / len(first | second)
    overlap = shared / min(len(first), len(second))
    return jaccard >= _MERGE_JACCARD or overlap >= _MERGE_OVERLAP


def _combine(kept: Requirement, other: Requirement) -> Requirement:
    priority = kept.priority if _RANK[kept.priority] >= _RANK[other.priority] else other.priority
    criteria = list(dict.fromkeys([*kept.acceptance_criteria, *other.acceptance_criteria]))[:3]
    return kept.model_copy(
        update={
            "priority": priority,
            "acceptance_criteria": criteria,
            "evidence": _unique_evidence([*kept.evidence, *other.evidence]),
        }
    )


def _unique_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, str]] = set()
    unique: list[Evidence] = []
    for item in evidence:
        key = (item.speaker, normalise(item.quote))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e") if len(word) > 3 else word
