"""Merge call requirements into matching backlog items, score everything, rank deterministically.

A requirement merges into the backlog item whose title is most similar when the token Jaccard
similarity (lowercased, stopwords removed) is at least 0.5; ties go to the smaller key. The merged
item keeps the backlog key and title, unions the accounts, sums the ARR at stake and the evidence,
and keeps the highest priority. Order: the chosen method's score (RICE or WSJF) descending, then
priority (must, should, could, unset), then key in natural order ("PROJ-9" before "PROJ-12");
ranks start at 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from agents.roadmap.rice import (
    RiceSubject,
    distinct_accounts,
    rice_score,
    subject_from_backlog,
    subject_from_requirement,
)
from agents.roadmap.schemas import (
    BacklogItem,
    RiceScore,
    RoadmapInput,
    RoadmapItem,
    RoadmapRequirement,
    WsjfScore,
)
from agents.roadmap.wsjf import wsjf_score
from agents.techtranslator.schemas import Category, Priority

MERGE_THRESHOLD = 0.5
_STOPWORDS_TEXT = """
    a an the and or of to for in on at by with from into via as is are be it its this that
    these those our we us their they them all any can could should must will would need needs
    want wants
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
PRIORITY_ORDER: dict[Priority | None, int] = {"must": 0, "should": 1, "could": 2, None: 3}


def title_tokens(title: str) -> frozenset[str]:
    """The content words of a title: lowercased alphanumeric runs minus stopwords."""
    return frozenset(t for t in re.findall(r"[a-z0-9]+", title.lower()) if t not in STOPWORDS)


def title_similarity(a: str, b: str) -> float:
    """Token Jaccard similarity of two titles (0 when either has no content words)."""
    ta, tb = title_tokens(a), title_tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def natural_key(key: str) -> tuple[tuple[int, str], ...]:
    """Sort key that orders digit runs numerically, so PROJ-9 comes before PROJ-12."""
    parts = re.split(r"(\d+)", key)
    return tuple((int(p), "") if i % 2 else (-1, p) for i, p in enumerate(parts))


@dataclass
class _Candidate:
    key: str
    title: str
    source: Literal["requirement", "backlog"]
    subject: RiceSubject
    merged: list[RoadmapRequirement] = field(default_factory=list)


def _best_match(req: RoadmapRequirement, backlog: list[BacklogItem]) -> int | None:
    best: tuple[float, tuple[tuple[int, str], ...], str] | None = None
    best_index: int | None = None
    for index, item in enumerate(backlog):
        similarity = title_similarity(req.title, item.title)
        if similarity < MERGE_THRESHOLD:
            continue
        # Highest similarity wins; equal similarity goes to the smaller key.
        rank = (-similarity, natural_key(item.key), item.key)
        if best is None or rank < best:
            best, best_index = rank, index
    return best_index


def _highest(priorities: list[Priority | None]) -> Priority | None:
    return min(priorities, key=lambda p: PRIORITY_ORDER[p])


def _merged_points(item: BacklogItem, reqs: list[RoadmapRequirement]) -> float | None:
    # The ticket's own estimate wins: the team that will do the work sized it.
    if item.story_points is not None:
        return item.story_points
    points = [r.story_points for r in reqs if r.story_points is not None]
    return max(points) if points else None


def _merged_subject(item: BacklogItem, reqs: list[RoadmapRequirement]) -> RiceSubject:
    category: Category | None = item.category or reqs[0].category
    return RiceSubject(
        accounts=tuple(distinct_accounts([*item.accounts, *(a for r in reqs for a in r.accounts)])),
        arr_at_stake=item.arr_at_stake + sum(r.arr_at_stake for r in reqs),
        priority=_highest([item.priority, *(r.priority for r in reqs)]),
        category=category,
        evidence_count=sum(r.evidence_count for r in reqs),
        acceptance_criteria_count=max(r.acceptance_criteria_count for r in reqs),
        story_points=_merged_points(item, reqs),
        in_backlog=True,
    )


def merge_candidates(
    requirements: list[RoadmapRequirement], backlog: list[BacklogItem]
) -> list[_Candidate]:
    """Fold matching requirements into backlog items; unmatched ones stay on their own."""
    merged: dict[int, list[RoadmapRequirement]] = {}
    standalone: list[RoadmapRequirement] = []
    for req in requirements:
        index = _best_match(req, backlog)
        if index is None:
            standalone.append(req)
        else:
            merged.setdefault(index, []).append(req)
    candidates: list[_Candidate] = []
    for index, item in enumerate(backlog):
        # Fold in key order so the result does not depend on the order the caller listed them.
        reqs = sorted(merged.get(index, []), key=lambda r: (natural_key(r.key), r.key))
        subject = _merged_subject(item, reqs) if reqs else subject_from_backlog(item)
        candidates.append(_Candidate(item.key, item.title, "backlog", subject, reqs))
    for req in standalone:
        subject = subject_from_requirement(req)
        candidates.append(_Candidate(req.key, req.title, "requirement", subject))
    return candidates


def rank(data: RoadmapInput) -> list[RoadmapItem]:
    """Score and order every candidate; the result is a permutation of the merged candidates.

    Both scores are computed and kept; ``data.method`` chooses the one that orders the items.
    """
    scored = [
        (
            c,
            rice_score(c.subject, data.weights),
            wsjf_score(c.subject, data.wsjf_weights, data.weights),
        )
        for c in merge_candidates(data.requirements, data.backlog)
    ]

    def chosen(rice: RiceScore, wsjf: WsjfScore) -> float:
        return rice.score if data.method == "rice" else wsjf.score

    scored.sort(
        key=lambda cs: (
            -chosen(cs[1], cs[2]),
            PRIORITY_ORDER[cs[0].subject.priority],
            natural_key(cs[0].key),
            cs[0].key,
        )
    )
    return [
        RoadmapItem(
            rank=position,
            key=c.key,
            title=c.title,
            source=c.source,
            category=c.subject.category,
            priority=c.subject.priority,
            accounts=list(c.subject.accounts),
            arr_at_stake=c.subject.arr_at_stake,
            rice=rice,
            wsjf=wsjf,
            score=chosen(rice, wsjf),
            merged_requirements=[r.key for r in c.merged],
        )
        for position, (c, rice, wsjf) in enumerate(scored, start=1)
    ]
