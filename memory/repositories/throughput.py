"""SQL of the Roadmap's capacity and demand: team throughput, ARR per account, weights, forecasts.

Throughput is what the team finished per ISO week: Jira issues in status ``Done`` (epics excluded:
their children carry the work), counted and summed by story points, bucketed by the UTC ISO week
(Monday) of ``resolved``. Weeks with nothing done count as zero. ARR per account follows
``correlation.arr_at`` (signed amounts of won deals, floored at 0 per company), keyed by the
company's name.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.repositories.correlation import DEAL_SIGN, WON
from memory.roadmap_models import RoadmapForecast, RoadmapSettings
from memory.source_models import Company, Deal, JiraIssue

DONE = "Done"


def iso_monday(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def weekly_throughput(
    session: Session, org_id: uuid.UUID, until: date, weeks: int
) -> list[tuple[date, float, int]]:
    """(week Monday, points, items) for the ``weeks`` whole ISO weeks before ``until``'s week."""
    end = iso_monday(until)
    start = end - timedelta(weeks=weeks)
    week = func.date_trunc("week", func.timezone("UTC", JiraIssue.resolved))
    rows = session.execute(
        select(week, func.coalesce(func.sum(JiraIssue.story_points), 0.0), func.count())
        .where(
            JiraIssue.org_id == org_id,
            JiraIssue.status == DONE,
            JiraIssue.issue_type != "Epic",
            JiraIssue.resolved >= datetime.combine(start, time(0), UTC),
            JiraIssue.resolved < datetime.combine(end, time(0), UTC),
        )
        .group_by(week)
    ).all()
    done = {monday.date(): (float(points), int(n)) for monday, points, n in rows}
    mondays = [start + timedelta(weeks=i) for i in range(weeks)]
    return [(m, *done.get(m, (0.0, 0))) for m in mondays]


def arr_by_account(session: Session, org_id: uuid.UUID) -> dict[str, float]:
    """Current ARR of every CRM company with won deals, by company name."""
    sign = case(
        *((Deal.kind == kind, literal(s)) for kind, s in DEAL_SIGN.items()), else_=literal(0)
    )
    rows = session.execute(
        select(Company.name, func.sum(sign * func.coalesce(Deal.amount, 0.0)))
        .join(Deal, (Deal.org_id == Company.org_id) & (Deal.company_id == Company.id))
        .where(Company.org_id == org_id, Deal.stage == WON)
        .group_by(Company.id, Company.name)
    ).all()
    arr: dict[str, float] = {}
    for name, amount in rows:
        arr[name] = arr.get(name, 0.0) + max(float(amount), 0.0)
    return arr


def scoring_weights(session: Session, org_id: uuid.UUID) -> dict[str, dict[str, Any]] | None:
    """The org's stored weights (``{"rice": ..., "wsjf": ...}``), None when never set."""
    row = session.get(RoadmapSettings, org_id)
    return None if row is None else {"rice": row.rice_weights, "wsjf": row.wsjf_weights}


def save_scoring_weights(
    session: Session, org_id: uuid.UUID, rice: dict[str, Any], wsjf: dict[str, Any]
) -> None:
    """Set the org's weights (replacing any stored ones)."""
    stmt = insert(RoadmapSettings).values(org_id=org_id, rice_weights=rice, wsjf_weights=wsjf)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["org_id"],
            set_={"rice_weights": rice, "wsjf_weights": wsjf, "updated_at": func.now()},
        )
    )


def save_forecasts(
    session: Session, org_id: uuid.UUID, run_id: uuid.UUID, rows: Sequence[dict[str, Any]]
) -> int:
    """Store a run's item forecasts idempotently (keyed by run and item key)."""
    if not rows:
        return 0
    values = [{"org_id": org_id, "run_id": run_id, **r} for r in rows]
    stmt = (
        insert(RoadmapForecast)
        .values(values)
        .on_conflict_do_nothing(index_elements=["run_id", "key"])
    )
    return int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]


def forecasts(session: Session, org_id: uuid.UUID, run_id: uuid.UUID) -> Sequence[RoadmapForecast]:
    """A run's stored forecasts."""
    stmt = select(RoadmapForecast).where(
        RoadmapForecast.org_id == org_id, RoadmapForecast.run_id == run_id
    )
    return session.execute(stmt).scalars().all()
