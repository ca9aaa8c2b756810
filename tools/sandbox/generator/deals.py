"""Deals: new business first; won customers then expand, contract, renew or churn yearly.

Per customer, deals follow one another (each created after the previous one closed), so the
amount of a churn is exactly the ARR at that moment and ARR never goes below zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from tools.sandbox.generator.clock import END, after, seconds
from tools.sandbox.generator.crm import OPEN_STAGES
from tools.sandbox.model import CrmCompany, CrmDeal, CrmStageChange, DealKind

YEAR = timedelta(days=365)
_SIGN = {"new": 1, "expansion": 1, "renewal": 1, "contraction": -1, "churn": -1}


@dataclass
class _Deal:
    company: CrmCompany
    kind: DealKind
    name: str
    amount: float
    history: list[tuple[str, datetime]]
    updated_at: datetime

    @property
    def closed_at(self) -> datetime | None:
        return self.history[-1][1] if self.history[-1][0].startswith("closed") else None


def build_deals(rng: Random, companies: list[CrmCompany]) -> list[CrmDeal]:
    """About two deals per company on average, ids in creation order."""
    drafts = [d for c in companies for d in _company(rng, c)]
    drafts.sort(key=lambda d: d.history[0][1])
    return [
        CrmDeal(
            id=str(21_000_000_000 + 13 * n),
            name=d.name,
            company_id=d.company.id,
            stage_id=d.history[-1][0],
            kind=d.kind,
            amount=d.amount,
            create_date=d.history[0][1],
            close_date=d.closed_at,
            updated_at=d.updated_at,
            stage_history=[CrmStageChange(stage_id=s, at=at) for s, at in d.history],
        )
        for n, d in enumerate(drafts)
    ]


def _company(rng: Random, company: CrmCompany) -> list[_Deal]:
    out: list[_Deal] = []
    created = after(rng, company.created_at, 2, 24 * 20)
    # Bigger companies buy more and take longer to decide.
    cycle = rng.uniform(14, 45) + min(company.employees / 40, 75)
    while deal := _deal(rng, company, "new", created, cycle, _acv(rng, company), long=True):
        out.append(deal)
        if deal.closed_at is None:
            return out
        if deal.history[-1][0] == "closedwon":
            return out + _customer(rng, company, deal.closed_at, deal.amount)
        if rng.random() > 0.5:
            return out  # lost, and no second attempt
        created = after(rng, deal.closed_at, 24 * 60, 24 * 180)
    return out


def _customer(rng: Random, company: CrmCompany, won_at: datetime, arr: float) -> list[_Deal]:
    out: list[_Deal] = []
    cursor, anniversary = won_at, won_at + YEAR
    while True:
        close = cursor + timedelta(days=rng.uniform(60, 200))
        if close >= anniversary:
            churn = rng.random() < 0.15
            kind: DealKind = "churn" if churn else "renewal"
            amount = arr if churn else _round(arr * rng.choice((0, 0, 0.03, 0.05, 0.07)))
            created = max(
                anniversary - timedelta(days=rng.uniform(30, 75)), cursor + timedelta(days=1)
            )
            cycle = max((anniversary - created) / timedelta(days=1), 5.0)
            anniversary += YEAR
            deal = _deal(rng, company, kind, created, cycle, amount, won=True)
        elif arr >= 2000 and rng.random() < 0.08:
            amount = min(_round(arr * rng.uniform(0.1, 0.3)), arr - 500)
            created = after(rng, cursor, 24, 24 * 30)
            deal = _deal(rng, company, "contraction", created, rng.uniform(5, 20), amount, won=True)
        else:
            created = close - timedelta(days=rng.uniform(20, 50))
            created = max(created, cursor + timedelta(days=1))
            amount = max(_round(arr * rng.uniform(0.15, 0.5)), 1000.0)
            won = rng.random() < 0.7
            deal = _deal(rng, company, "expansion", created, rng.uniform(15, 45), amount, won=won)
        if deal is None:
            return out
        out.append(deal)
        if deal.closed_at is None or deal.kind == "churn":
            return out
        if deal.history[-1][0] == "closedwon":
            arr += _SIGN[deal.kind] * deal.amount
        cursor = deal.closed_at


def _deal(
    rng: Random,
    company: CrmCompany,
    kind: DealKind,
    created: datetime,
    cycle_days: float,
    amount: float,
    *,
    won: bool | None = None,
    long: bool = False,
) -> _Deal | None:
    """A deal moving forward through the pipeline; only what happened by END is kept."""
    if created > END:
        return None
    won = rng.random() < 0.4 if won is None else won
    closed = "closedwon" if won else "closedlost"
    path = _path(rng, won) if long else ["appointmentscheduled", "contractsent", closed]
    gaps = [rng.uniform(0.5, 1.5) for _ in path[1:]]
    history, t = [(path[0], created)], created
    for stage_id, gap in zip(path[1:], gaps, strict=True):
        t = after(
            rng, t, 0.9 * 24 * cycle_days * gap / sum(gaps), 24 * cycle_days * gap / sum(gaps)
        )
        history.append((stage_id, t))
    kept = [(s, at) for s, at in history if at <= END]
    updated = min(END, kept[-1][1] + seconds(rng.uniform(0, 48)))
    return _Deal(company, kind, _name(company, kind, amount, t), amount, kept, updated)


def _path(rng: Random, won: bool) -> list[str]:
    # Forward only: stages may be skipped, never revisited; lost deals drop out part-way.
    reach = len(OPEN_STAGES) if won else rng.randint(1, len(OPEN_STAGES))
    middle = [s for s in OPEN_STAGES[1:reach] if rng.random() < 0.75]
    return [OPEN_STAGES[0], *middle, "closedwon" if won else "closedlost"]


def _acv(rng: Random, company: CrmCompany) -> float:
    base = 6000 + 40 * min(company.employees, 4000)
    return _round(base * rng.uniform(0.7, 1.5), step=500)


def _round(value: float, step: int = 100) -> float:
    # Whole hundreds: sums of amounts stay exact in floating point.
    return float(round(value / step) * step)


def _name(company: CrmCompany, kind: DealKind, amount: float, close: datetime) -> str:
    seats = max(1, int(amount // 600))
    plan = "Starter" if amount < 15_000 else "Growth" if amount < 50_000 else "Enterprise"
    return (
        f"{company.name} – "
        + {
            "new": f"{plan} annual",
            "expansion": f"Expansion (+{seats} seats)",
            "contraction": f"Downgrade (-{seats} seats)",
            "renewal": f"Renewal {close.year}",
            "churn": "Churn",
        }[kind]
    )
