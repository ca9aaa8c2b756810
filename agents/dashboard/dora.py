"""DORA's four keys from production deployments and the pull requests they shipped.

Definitions (production environment only; a deploy belongs to the period of its creation):

- **Deployment frequency**: production deploys created in the period (``deploys``) and that count
  per week (``deploys_per_week`` = deploys / period days × 7).
- **Lead time for changes**: median hours from a pull request's opening (the first code offered
  for review; the store keeps no per-PR commit times) to the first successful production deploy
  of its repository running a commit committed at or after the merge, over PRs shipped in the
  period.
- **Change failure rate**: deploys whose last status is failure or error / deploys (None when
  nothing was deployed).
- **Time to restore**: mean hours from a failed deploy's last status to the last status of the
  next successful production deploy of the same repository, over failed deploys of the period
  that were restored (None when none was).

The weekly trend cuts the period into 7-day buckets from its first day (the last may be
shorter).
"""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta

from pydantic import BaseModel

from agents.dashboard.facts import DeployFact, PullRequestFact
from agents.dashboard.period import Period

FAILED_STATES = ("failure", "error")
HOUR = timedelta(hours=1)
WEEK = timedelta(days=7)


class DoraMetrics(BaseModel):
    deploys: int
    deploys_per_week: float
    failed_deploys: int
    change_failure_rate: float | None
    lead_time_hours: float | None
    changes_shipped: int
    restored_incidents: int
    time_to_restore_hours: float | None


class DoraWeek(BaseModel):
    """One week of the trend chart."""

    week_start: str  # ISO date
    deploys: int
    failed: int
    lead_time_hours: float | None


def failed(deploy: DeployFact) -> bool:
    return deploy.state in FAILED_STATES


def _hours(later: datetime, earlier: datetime) -> float:
    return (later - earlier) / HOUR


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def lead_times(prs: list[PullRequestFact], since: datetime, until: datetime) -> list[float]:
    """Hours from opening to production of PRs shipped in ``[since, until)``."""
    return [
        _hours(p.deployed_at, p.created_at)
        for p in prs
        if p.deployed_at is not None and since <= p.deployed_at < until
    ]


def compute_dora(
    deploys: list[DeployFact], prs: list[PullRequestFact], period: Period
) -> DoraMetrics:
    """The four keys over ``period``."""
    mine = [d for d in deploys if period.contains(d.created_at)]
    bad = [d for d in mine if failed(d)]
    restores = [_hours(d.restored_at, d.finished_at) for d in bad if d.restored_at is not None]
    leads = lead_times(prs, period.start, period.until)
    return DoraMetrics(
        deploys=len(mine),
        deploys_per_week=round(len(mine) / period.days * 7, 2),
        failed_deploys=len(bad),
        change_failure_rate=round(len(bad) / len(mine), 4) if mine else None,
        lead_time_hours=_median(leads),
        changes_shipped=len(leads),
        restored_incidents=len(restores),
        time_to_restore_hours=round(sum(restores) / len(restores), 2) if restores else None,
    )


def weekly_trend(
    deploys: list[DeployFact], prs: list[PullRequestFact], period: Period
) -> list[DoraWeek]:
    """Deploys, failures and median lead time per 7-day bucket of the period."""
    weeks: list[DoraWeek] = []
    start = period.start
    while start < period.until:
        until = min(start + WEEK, period.until)
        mine = [d for d in deploys if start <= d.created_at < until]
        weeks.append(
            DoraWeek(
                week_start=start.date().isoformat(),
                deploys=len(mine),
                failed=sum(failed(d) for d in mine),
                lead_time_hours=_median(lead_times(prs, start, until)),
            )
        )
        start = until
    return weeks
