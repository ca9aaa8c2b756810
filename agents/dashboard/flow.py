"""Engineering flow: PR cycle time, throughput, and bug inflow against bug fixes.

Definitions (over the period, both ends included):

- **PR cycle time**: median hours from a pull request's opening to its merge, over PRs merged
  in the period.
- **Throughput**: PRs merged and issues resolved (Jira issues with a resolution date, GitHub
  issues closed) in the period.
- **Bug inflow / fixed**: bugs (Jira issues of type Bug, GitHub issues labelled ``bug``) created /
  resolved in the period; **bug net** = inflow - fixed (positive: the bug backlog grew).
"""

from __future__ import annotations

import statistics

from pydantic import BaseModel

from agents.dashboard.facts import IssueFact, PullRequestFact
from agents.dashboard.period import Period

HOUR_SECONDS = 3600


class FlowMetrics(BaseModel):
    prs_merged: int
    pr_cycle_time_hours: float | None
    issues_resolved: int
    bugs_opened: int
    bugs_fixed: int
    bug_net: int


def compute_flow(
    prs: list[PullRequestFact], issues: list[IssueFact], period: Period
) -> FlowMetrics:
    """Flow metrics of ``period``."""
    cycles = [
        (p.merged_at - p.created_at).total_seconds() / HOUR_SECONDS
        for p in prs
        if p.merged_at is not None and period.contains(p.merged_at)
    ]
    opened = sum(1 for i in issues if i.is_bug and period.contains(i.created_at))
    fixed = sum(1 for i in issues if i.is_bug and period.contains(i.resolved_at))
    return FlowMetrics(
        prs_merged=len(cycles),
        pr_cycle_time_hours=round(statistics.median(cycles), 2) if cycles else None,
        issues_resolved=sum(1 for i in issues if period.contains(i.resolved_at)),
        bugs_opened=opened,
        bugs_fixed=fixed,
        bug_net=opened - fixed,
    )
