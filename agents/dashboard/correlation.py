"""Shipped customer requests and the revenue they unlocked or protected.

A request is a (deal, Jira issue) pair the CRM records as the deal's requested feature; it is
shipped when a merged PR names the key and a successful production deploy of the PR's
repository ran a commit committed at or after the merge (``memory.repositories.correlation``).

Definitions (requests shipped in the period, each deal counted once):

- **Features shipped**: distinct Jira keys; **requests shipped**: (deal, key) pairs.
- **Revenue unlocked**: amounts of won new and expansion deals among the requesters;
  **revenue protected**: the period-end ARR of companies whose requesting deal is a won renewal;
  **pipeline influenced**: amounts of requesting deals still open at the period's end.
- **Request-to-production lead time**: median and mean days from the deal's creation to the
  deploy, over shipped requests whose deal has a creation date.
"""

from __future__ import annotations

import statistics

from pydantic import BaseModel

from agents.dashboard.facts import DealFact, ShippedFact
from agents.dashboard.period import Period
from agents.dashboard.saas import LOST, WON, arr_by_company, stage_at

DAY_SECONDS = 86_400


class CorrelationMetrics(BaseModel):
    features_shipped: int
    requests_shipped: int
    deals_served: int
    revenue_unlocked_usd: float
    revenue_protected_usd: float
    pipeline_influenced_usd: float
    request_lead_time_median_days: float | None
    request_lead_time_mean_days: float | None


class ShippedRequestRow(BaseModel):
    """One shipped request for the lead-time chart."""

    jira_key: str
    deal_id: str
    lead_time_days: float


def shipped_in(shipped: list[ShippedFact], period: Period) -> list[ShippedFact]:
    return [s for s in shipped if period.contains(s.deployed_at)]


def lead_time_rows(shipped: list[ShippedFact], period: Period) -> list[ShippedRequestRow]:
    """Per shipped request of the period, days from the request to production."""
    return [
        ShippedRequestRow(
            jira_key=s.jira_key,
            deal_id=s.deal_id,
            lead_time_days=round((s.deployed_at - s.requested_at).total_seconds() / DAY_SECONDS, 1),
        )
        for s in sorted(
            shipped_in(shipped, period), key=lambda s: (s.deployed_at, s.jira_key, s.deal_id)
        )
        if s.requested_at is not None
    ]


def compute_correlation(
    shipped: list[ShippedFact], deals: list[DealFact], period: Period
) -> CorrelationMetrics:
    """Correlation metrics of ``period``."""
    mine = shipped_in(shipped, period)
    by_id = {d.id: d for d in deals}
    served = [by_id[i] for i in sorted({s.deal_id for s in mine}) if i in by_id]
    arr_end = arr_by_company(deals, period.end)
    unlocked = protected = influenced = 0.0
    for deal in served:
        stage = stage_at(deal, period.end)
        if stage == WON and deal.kind in ("new", "expansion"):
            unlocked += deal.amount
        elif stage == WON and deal.kind == "renewal":
            protected += arr_end.get(deal.company_id or "", 0.0)
        elif stage not in (None, WON, LOST):
            influenced += deal.amount
    days = [
        (s.deployed_at - s.requested_at).total_seconds() / DAY_SECONDS
        for s in mine
        if s.requested_at is not None
    ]
    return CorrelationMetrics(
        features_shipped=len({s.jira_key for s in mine}),
        requests_shipped=len(mine),
        deals_served=len({s.deal_id for s in mine}),
        revenue_unlocked_usd=round(unlocked, 2),
        revenue_protected_usd=round(protected, 2),
        pipeline_influenced_usd=round(influenced, 2),
        request_lead_time_median_days=round(statistics.median(days), 1) if days else None,
        request_lead_time_mean_days=round(sum(days) / len(days), 1) if days else None,
    )
