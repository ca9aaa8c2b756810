"""Enrichment before write-back: Jira matches classified by shared words, and the proposal.

Every number here (overlap, score) is computed by code from PostgreSQL's own full-text lexemes,
or, on the semantic path, is the cosine similarity pgvector computed between embeddings; the
thresholds below decide. No language model decides whether an issue already exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.jira import adf

Relation = Literal["duplicate_of", "related_to"]
# A duplicate says nearly all the same things; a related issue shares a real part of them.
DUPLICATE_COVER_REQUIREMENT = 0.8
DUPLICATE_COVER_ISSUE = 0.6
RELATED_COVER_REQUIREMENT = 0.4
RELATED_MIN_SHARED = 2
# Cosine similarity of embeddings: near-paraphrases are duplicates; a shared topic is related.
DUPLICATE_SIMILARITY = 0.85
RELATED_SIMILARITY = 0.6


class AccountFacts(BaseModel):
    """What the CRM says about the call's account (amounts computed from synced deals)."""

    account: str | None
    company_id: str | None = None
    company_name: str | None = None
    arr: float = 0.0
    open_deal_amount: float = 0.0
    open_deals: int = 0


class JiraMatch(BaseModel):
    key: str
    summary: str
    status: str
    relation: Relation
    score: float = Field(
        description="Dice overlap of the lexeme sets (full_text) or cosine similarity (semantic)"
    )
    method: Literal["full_text", "semantic"] = "full_text"


class ProposedIssue(BaseModel):
    """One Jira issue the run would create, as shown for approval."""

    position: int = Field(ge=1)
    requirement_key: str
    title: str
    description: str
    description_adf: dict[str, Any]
    labels: list[str]
    issue_type: str = "Story"
    related: list[JiraMatch] = Field(default_factory=list)


class DuplicateMark(BaseModel):
    """A requirement that existing work already covers: marked, not proposed."""

    requirement_key: str
    title: str
    duplicate_of: JiraMatch


def classify(requirement: frozenset[str], issue: frozenset[str]) -> tuple[Relation | None, float]:
    """How an issue relates to a requirement, from their lexeme sets."""
    shared = requirement & issue
    if not requirement or not issue or not shared:
        return None, 0.0
    score = round(2 * len(shared) / (len(requirement) + len(issue)), 3)
    cover_req, cover_issue = len(shared) / len(requirement), len(shared) / len(issue)
    if cover_req >= DUPLICATE_COVER_REQUIREMENT and cover_issue >= DUPLICATE_COVER_ISSUE:
        return "duplicate_of", score
    if len(shared) >= RELATED_MIN_SHARED and cover_req >= RELATED_COVER_REQUIREMENT:
        return "related_to", score
    return None, score


def classify_similarity(similarity: float) -> tuple[Relation | None, float]:
    """How an issue relates to a requirement, from the cosine similarity of their embeddings."""
    score = round(similarity, 3)
    if similarity >= DUPLICATE_SIMILARITY:
        return "duplicate_of", score
    if similarity >= RELATED_SIMILARITY:
        return "related_to", score
    return None, score


def matches_for(
    lexemes: frozenset[str], candidates: Iterable[Mapping[str, Any]], limit: int = 3
) -> list[JiraMatch]:
    """Classified matches, duplicates first, then by score and key.

    Candidates with a ``similarity`` come from the semantic path; the others carry lexemes.
    """
    found: list[JiraMatch] = []
    for c in candidates:
        semantic = "similarity" in c
        if semantic:
            relation, score = classify_similarity(float(c["similarity"]))
        else:
            relation, score = classify(lexemes, frozenset(c["lexemes"]))
        if relation is not None:
            found.append(
                JiraMatch(
                    key=c["key"],
                    summary=c["summary"],
                    status=c["status"],
                    relation=relation,
                    score=score,
                    method="semantic" if semantic else "full_text",
                )
            )
    found.sort(key=lambda m: (m.relation != "duplicate_of", -m.score, m.key))
    return found[:limit]


def description(requirement: Mapping[str, Any], related: Sequence[JiraMatch] = ()) -> str:
    """The issue body: user story, acceptance criteria, related issues (plain text)."""
    parts = [str(requirement["user_story"])]
    criteria = [f"- {c}" for c in requirement.get("acceptance_criteria", [])]
    if criteria:
        parts.append("Acceptance criteria:\n" + "\n".join(criteria))
    if related:
        parts.append("Related to: " + ", ".join(m.key for m in related))
    return "\n\n".join(parts)


def labels(requirement: Mapping[str, Any], account: str | None) -> list[str]:
    """Jira labels (no spaces allowed) naming the origin, category, priority and account."""
    out = ["devbizops", _slug(str(requirement["category"])), f"priority-{requirement['priority']}"]
    if account:
        out.append("account-" + _slug(account))
    return out


def propose(
    requirements: Sequence[Mapping[str, Any]],
    matches: Mapping[str, Sequence[JiraMatch]],
    account: str | None,
    rejected: set[str],
) -> tuple[list[ProposedIssue], list[DuplicateMark], list[dict[str, Any]]]:
    """Split requirements into proposed issues, duplicates and ones rejected before."""
    proposed: list[ProposedIssue] = []
    duplicates: list[DuplicateMark] = []
    suppressed: list[dict[str, Any]] = []
    for req in requirements:
        key, title = str(req["key"]), str(req["title"])
        found = list(matches.get(key, ()))
        if title in rejected:
            suppressed.append({"requirement_key": key, "title": title, "reason": "rejected before"})
            continue
        dup = next((m for m in found if m.relation == "duplicate_of"), None)
        if dup is not None:
            duplicates.append(DuplicateMark(requirement_key=key, title=title, duplicate_of=dup))
            continue
        related = [m for m in found if m.relation == "related_to"]
        text = description(req, related)
        proposed.append(
            ProposedIssue(
                position=len(proposed) + 1,
                requirement_key=key,
                title=title,
                description=text,
                description_adf=adf.from_text(text),
                labels=labels(req, account),
                related=related,
            )
        )
    return proposed, duplicates, suppressed


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "none"
