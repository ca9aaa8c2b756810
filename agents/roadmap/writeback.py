"""The roadmap's Jira write-back proposal and the reviewer's decision on it.

Only roadmap items that are Jira issues are proposed: backlog items whose key is a Jira issue key
and that exist on the connector's site. Each change carries the item's new rank and a target
version, the calendar quarter (``2026-Q4``) holding its P85 completion date; the reviewer may pick
another quarter from the offered list, approve some changes, or reject them all. The decision
has TechTranslator's shape (``agents.approval``): positions, and edits that are target versions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from agents.approval import ApprovalDecision, parse_decision
from agents.roadmap.schemas import RoadmapItem
from devbizops.errors import InvalidInput
from tools.jira import JiraIssue

KIND = "roadmap.writeback"  # the approval request's kind, so resume knows how to check answers
JIRA_KEY = re.compile(r"[A-Z][A-Z0-9_]{0,19}-[1-9][0-9]*")
EXTRA_QUARTERS = 3  # offered beyond the start's quarter, so a reviewer can push work out a year


class CurrentValues(BaseModel):
    """What Jira holds for the issue when the change is proposed."""

    summary: str
    status: str
    fix_versions: list[str]


class ProposedChange(BaseModel):
    """One issue's rank and target version as the roadmap would write them."""

    position: int = Field(ge=1, description="what the decision names it by (1-based)")
    key: str
    title: str
    rank: int = Field(ge=1)
    target_version: str | None = Field(description="quarter of the P85 date; None: no forecast")
    p85_date: str | None
    fits_quarter: bool
    current: CurrentValues


class SkippedItem(BaseModel):
    """A roadmap item that is not written back, and why."""

    key: str
    title: str
    rank: int
    reason: str


def _quarter(day: date) -> int:
    # Quarters counted from year 0, so a range of them is a range of ints.
    return day.year * 4 + (day.month - 1) // 3


def _version(quarter: int) -> str:
    return f"{quarter // 4}-Q{quarter % 4 + 1}"


def quarter_version(day: date) -> str:
    """The version name of ``day``'s calendar quarter, e.g. ``2026-Q4``."""
    return _version(_quarter(day))


def offered_versions(start: date, items: Sequence[RoadmapItem]) -> list[str]:
    """Quarters from the forecast start's through the last P85 date's (a year at least)."""
    last = start
    for item in items:
        if item.forecast and item.forecast.p85_date:
            last = max(last, date.fromisoformat(item.forecast.p85_date))
    first = _quarter(start)
    return [_version(q) for q in range(first, max(_quarter(last), first + EXTRA_QUARTERS) + 1)]


def jira_candidates(items: Sequence[RoadmapItem]) -> list[str]:
    """Keys worth looking up in Jira: backlog items whose key looks like a Jira issue key."""
    return [i.key for i in items if i.source == "backlog" and JIRA_KEY.fullmatch(i.key)]


def _change(position: int, item: RoadmapItem, issue: JiraIssue) -> ProposedChange:
    p85 = item.forecast.p85_date if item.forecast else None
    return ProposedChange(
        position=position,
        key=item.key,
        title=item.title,
        rank=item.rank,
        target_version=quarter_version(date.fromisoformat(p85)) if p85 else None,
        p85_date=p85,
        fits_quarter=bool(item.forecast and item.forecast.fits_quarter),
        current=CurrentValues(
            summary=issue.summary,
            status=issue.status,
            fix_versions=[v.name for v in issue.fix_versions],
        ),
    )


def propose(
    items: Sequence[RoadmapItem], issues: Mapping[str, JiraIssue | None]
) -> tuple[list[ProposedChange], list[SkippedItem]]:
    """A change per item that is a Jira issue (in rank order); the rest skipped with a reason.

    ``issues`` maps each looked-up key to its Jira issue, or None when Jira does not know it.
    """
    changes: list[ProposedChange] = []
    skipped: list[SkippedItem] = []
    for item in sorted(items, key=lambda i: i.rank):
        issue = issues.get(item.key)
        if item.source == "requirement":
            reason = "requirement not in Jira yet (TechTranslator write-back creates its issue)"
        elif not JIRA_KEY.fullmatch(item.key):
            reason = f"{item.key} is not a Jira issue key"
        elif issue is None:
            reason = f"{item.key} was not found on the Jira site"
        else:
            changes.append(_change(len(changes) + 1, item, issue))
            continue
        skipped.append(SkippedItem(key=item.key, title=item.title, rank=item.rank, reason=reason))
    return changes, skipped


class RoadmapDecision(ApprovalDecision):
    """A reviewer's answer to the roadmap proposal; ``edits`` are target versions."""

    def check(self, changes: Sequence[ProposedChange], offered: Sequence[str]) -> None:
        """InvalidInput for unknown positions, a rejection with picks, or a version not offered."""
        self.check_positions({c.position for c in changes}, "proposed change")
        for position, version in self.edits.items():
            if version not in offered:
                raise InvalidInput(
                    f"version {version!r} for position {position} is not offered; pick one of "
                    f"{', '.join(offered)}"
                )
            if not self.approves(position):
                raise InvalidInput(f"position {position} has a version but is not approved")

    def selected(self, changes: Sequence[ProposedChange]) -> list[ProposedChange]:
        """The approved changes with the reviewer's versions, in rank order."""
        return [
            c.model_copy(update={"target_version": self.edits.get(c.position, c.target_version)})
            for c in changes
            if self.approves(c.position)
        ]


def decision_for(request: Mapping[str, Any], answer: Any) -> RoadmapDecision:
    """The reviewer's answer, checked against the approval request (``kind`` = ``KIND``)."""
    decision = parse_decision(RoadmapDecision, answer)
    changes = [ProposedChange.model_validate(c) for c in request.get("changes", [])]
    decision.check(changes, list(request.get("versions", [])))
    return decision
