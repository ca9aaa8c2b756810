"""SaaS metrics from CRM deals: ARR bridge, retention, pipeline and sales efficiency.

Definitions (amounts in USD, the period is ``start <= t <= end``):

- **ARR at t**: per CRM company, the signed amounts of won deals closed at or before t (new,
  expansion and renewal add — a renewal's amount is its uplift — contraction and churn
  subtract), floored at 0, summed over companies. **MRR** = ARR / 12.
- **ARR movements** compare each company's ARR just before the period (``arr_start``) with its
  ARR at the period's end (``arr_end``): 0 → positive is **new**, positive → 0 is **churned**,
  otherwise a rise is **expansion** and a fall **contraction**. So
  ``arr_start + new + expansion - contraction - churned == arr_end`` always holds, and
  **net new ARR** = ``arr_end - arr_start``.
- **NRR** = ARR at the end of the companies that were customers at the start / their ARR at the
  start. **GRR** = the same with each company's end ARR capped at its start ARR. Both None when
  nothing was billed at the start.
- **Logo churn rate** = customers at the start with no ARR at the end / customers at the start.
- **Pipeline** (at the period's end): deals whose stage at that instant (from the stage history)
  is open, by stage; **pipeline coverage** = open new/expansion pipeline / new + expansion amount
  won in the period (None when nothing was won).
- **Win rate** = won / (won + lost) over new and expansion deals closed in the period.
- **Average sales cycle** = mean days from creation to close of new and expansion deals won in
  the period. **ACV** = mean amount of new deals won in the period.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel

from agents.dashboard.facts import DealFact
from agents.dashboard.period import TICK, Period

DEAL_SIGN = {"new": 1, "expansion": 1, "renewal": 1, "contraction": -1, "churn": -1}
WON, LOST = "closedwon", "closedlost"
SALES_KINDS = ("new", "expansion")
# HubSpot's default pipeline order; unknown stages follow in name order.
STAGE_ORDER = (
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
)
DAY_SECONDS = 86_400


class StageTotal(BaseModel):
    """Open deals in one stage at the period's end."""

    stage: str
    deals: int
    amount_usd: float


class SaasMetrics(BaseModel):
    arr_start: float
    arr_end: float
    mrr_end: float
    new_arr: float
    expansion_arr: float
    contraction_arr: float
    churned_arr: float
    net_new_arr: float
    net_revenue_retention_rate: float | None
    gross_revenue_retention_rate: float | None
    customers_start: int
    customers_end: int
    logos_churned: int
    logo_churn_rate: float | None
    pipeline_open_deals: int
    pipeline_open_usd: float
    pipeline_by_stage: list[StageTotal]
    pipeline_coverage: float | None
    deals_won: int
    deals_lost: int
    win_rate: float | None
    avg_sales_cycle_days: float | None
    acv_usd: float | None


def arr_by_company(deals: list[DealFact], at: datetime) -> dict[str, float]:
    """Each company's ARR at ``at`` (floored at 0); companies never billed are left out."""
    per: defaultdict[str, float] = defaultdict(float)
    for d in deals:
        if d.stage == WON and d.closed_at is not None and d.closed_at <= at and d.company_id:
            per[d.company_id] += DEAL_SIGN.get(d.kind or "", 0) * d.amount
    return {company: max(arr, 0.0) for company, arr in per.items()}


def arr_at(deals: list[DealFact], at: datetime) -> float:
    """ARR at ``at``: see the module docstring."""
    return sum(arr_by_company(deals, at).values())


def stage_at(deal: DealFact, at: datetime) -> str | None:
    """The deal's stage at ``at`` (None before it existed)."""
    current = None
    for stage, when in sorted(deal.stages, key=lambda s: s[1]):
        if when > at:
            break
        current = stage
    return current


def _ratio(part: float, whole: float, digits: int = 4) -> float | None:
    return round(part / whole, digits) if whole else None


def _pipeline(deals: list[DealFact], at: datetime) -> list[StageTotal]:
    open_: defaultdict[str, list[float]] = defaultdict(list)
    for d in deals:
        stage = stage_at(d, at)
        if stage is not None and stage not in (WON, LOST):
            open_[stage].append(d.amount)
    order = {s: n for n, s in enumerate(STAGE_ORDER)}
    stages = sorted(open_, key=lambda s: (order.get(s, len(order)), s))
    return [
        StageTotal(stage=s, deals=len(open_[s]), amount_usd=round(sum(open_[s]), 2)) for s in stages
    ]


def compute_saas(deals: list[DealFact], period: Period) -> SaasMetrics:
    """Every SaaS metric of ``period`` from the deals."""
    before = arr_by_company(deals, period.start - TICK)
    after = arr_by_company(deals, period.end)
    moves = {"new": 0.0, "expansion": 0.0, "contraction": 0.0, "churn": 0.0}
    for company in before.keys() | after.keys():
        a, b = before.get(company, 0.0), after.get(company, 0.0)
        if a == 0 and b > 0:
            moves["new"] += b
        elif a > 0 and b == 0:
            moves["churn"] += a
        elif b > a:
            moves["expansion"] += b - a
        elif a > b:
            moves["contraction"] += a - b
    customers = [c for c, arr in before.items() if arr > 0]
    start_arr = sum(before[c] for c in customers)
    churned = sum(1 for c in customers if after.get(c, 0.0) == 0)

    closed = [d for d in deals if period.contains(d.closed_at) and d.kind in SALES_KINDS]
    won = [d for d in closed if d.stage == WON]
    lost = [d for d in closed if d.stage == LOST]
    cycles = [
        (d.closed_at - d.created_at).total_seconds() / DAY_SECONDS
        for d in won
        if d.closed_at and d.created_at
    ]
    new_won = [d.amount for d in won if d.kind == "new"]
    stages = _pipeline(deals, period.end)
    sales_pipeline = sum(
        d.amount
        for d in deals
        if d.kind in SALES_KINDS and stage_at(d, period.end) not in (None, WON, LOST)
    )
    arr_start, arr_end = sum(before.values()), sum(after.values())
    return SaasMetrics(
        arr_start=round(arr_start, 2),
        arr_end=round(arr_end, 2),
        mrr_end=round(arr_end / 12, 2),
        new_arr=round(moves["new"], 2),
        expansion_arr=round(moves["expansion"], 2),
        contraction_arr=round(moves["contraction"], 2),
        churned_arr=round(moves["churn"], 2),
        net_new_arr=round(arr_end - arr_start, 2),
        net_revenue_retention_rate=_ratio(sum(after.get(c, 0.0) for c in customers), start_arr),
        gross_revenue_retention_rate=_ratio(
            sum(min(after.get(c, 0.0), before[c]) for c in customers), start_arr
        ),
        customers_start=len(customers),
        customers_end=sum(1 for arr in after.values() if arr > 0),
        logos_churned=churned,
        logo_churn_rate=_ratio(churned, len(customers)),
        pipeline_open_deals=sum(s.deals for s in stages),
        pipeline_open_usd=round(sum(s.amount_usd for s in stages), 2),
        pipeline_by_stage=stages,
        pipeline_coverage=_ratio(sales_pipeline, sum(d.amount for d in won), 2),
        deals_won=len(won),
        deals_lost=len(lost),
        win_rate=_ratio(len(won), len(won) + len(lost)),
        avg_sales_cycle_days=round(sum(cycles) / len(cycles), 1) if cycles else None,
        acv_usd=round(sum(new_won) / len(new_won), 2) if new_won else None,
    )
