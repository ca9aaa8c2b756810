"""Run statistics read from the ``runs`` table at scrape time (read-only, all organizations).

Reading the table instead of counting in-process keeps the numbers right with many API processes
and Celery workers: every scrape of any replica sees the same totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from memory.models import Run

# Run durations span seconds (offline engine) to the 15-minute default timeout.
DURATION_BUCKETS = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0)
DURATION_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class DurationHistogram:
    """Cumulative bucket counts (``le`` → count) of finished runs of one graph and status."""

    graph: str
    status: str
    buckets: list[tuple[float, int]]
    count: int
    total_seconds: float


def counts_by_graph_status(session: Session) -> list[tuple[str, str, int]]:
    """(graph, status, runs) for every pair present in the table."""
    stmt = select(Run.graph_id, Run.status, func.count()).group_by(Run.graph_id, Run.status)
    return [(g, s, int(n)) for g, s, n in session.execute(stmt).all()]


def queue(session: Session, now: datetime | None = None) -> tuple[int, float]:
    """Runs queued and not started yet, and the age in seconds of the oldest (0 when none)."""
    now = now or datetime.now(UTC)
    stmt = select(func.count(), func.min(Run.created_at)).where(
        Run.status == "queued", Run.started_at.is_(None)
    )
    depth, oldest = session.execute(stmt).one()
    age = max((now - oldest).total_seconds(), 0.0) if oldest is not None else 0.0
    return int(depth), age


def durations(session: Session, now: datetime | None = None) -> list[DurationHistogram]:
    """Durations (start → finish) of runs finished within ``DURATION_WINDOW`` of ``now``."""
    since = (now or datetime.now(UTC)) - DURATION_WINDOW
    seconds = extract("epoch", Run.finished_at - Run.started_at)
    per_bucket = [func.count().filter(seconds <= bound) for bound in DURATION_BUCKETS]
    stmt = (
        select(
            Run.graph_id, Run.status, func.count(), func.coalesce(func.sum(seconds), 0), *per_bucket
        )
        .where(Run.finished_at >= since, Run.started_at.is_not(None))
        .group_by(Run.graph_id, Run.status)
    )
    found = []
    for graph, status, count, total, *cumulative in session.execute(stmt).all():
        buckets = [(bound, int(n)) for bound, n in zip(DURATION_BUCKETS, cumulative, strict=True)]
        found.append(DurationHistogram(graph, status, buckets, int(count), float(total)))
    return found
