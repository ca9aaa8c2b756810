"""Turn stored TechTranslator requirements into roadmap candidates.

The same need asked for on several calls (possibly by several accounts) becomes one candidate:
requirements of the same category whose titles are similar (token Jaccard ≥ 0.5, as in
``ranking``) are grouped; the group keeps the first requirement's key and title, the union of
accounts, the sum of evidence quotes, the highest priority and the most acceptance criteria.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from agents.roadmap.ranking import title_similarity
from agents.roadmap.schemas import RoadmapRequirement
from agents.techtranslator.schemas import PRIORITIES

SIMILAR = 0.5


def _key(record: Mapping[str, Any], index: int) -> str:
    return str(record.get("key") or f"REQ-{index + 1}")


def to_roadmap_requirements(
    records: Sequence[Mapping[str, Any]], arr_by_account: Mapping[str, float] | None = None
) -> list[RoadmapRequirement]:
    """Group similar requirements and attach accounts and the ARR they put at stake."""
    arr = arr_by_account or {}
    groups: list[list[tuple[int, Mapping[str, Any]]]] = []
    for index, record in enumerate(records):
        for group in groups:
            head = group[0][1]
            if head["category"] == record["category"] and (
                title_similarity(head["title"], record["title"]) >= SIMILAR
            ):
                group.append((index, record))
                break
        else:
            groups.append([(index, record)])
    return [_merge(group, arr) for group in groups]


def _merge(
    group: list[tuple[int, Mapping[str, Any]]], arr: Mapping[str, float]
) -> RoadmapRequirement:
    first_index, first = group[0]
    members = [r for _, r in group]
    accounts = sorted({str(r["account"]) for r in members if r.get("account")})
    return RoadmapRequirement(
        key=_key(first, first_index),
        title=first["title"],
        category=first["category"],
        priority=min((r["priority"] for r in members), key=PRIORITIES.index),
        accounts=accounts,
        arr_at_stake=sum(arr.get(a, 0.0) for a in accounts),
        evidence_count=sum(len(r.get("evidence", [])) for r in members),
        acceptance_criteria_count=max(len(r.get("acceptance_criteria", [])) for r in members),
    )
