"""The reporting period: whole UTC days, first instant to last instant, both included."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel, model_validator

DEFAULT_DAYS = 90
TICK = timedelta(microseconds=1)


class Period(BaseModel):
    """``start <= t <= end``; ``end`` is the last microsecond of the last day."""

    start: datetime
    end: datetime

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("period_end is before period_start")
        return self

    @property
    def until(self) -> datetime:
        """The exclusive upper bound (the first instant after the period)."""
        return self.end + TICK

    @property
    def days(self) -> float:
        return (self.until - self.start) / timedelta(days=1)

    def contains(self, t: datetime | None) -> bool:
        return t is not None and self.start <= t <= self.end


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def resolve_period(
    start: date | None, end: date | None, newest: datetime | None, now: datetime
) -> Period:
    """The chosen days, else the ``DEFAULT_DAYS`` days ending on the newest synced event's day
    (today when nothing is synced); a lone bound is completed to ``DEFAULT_DAYS`` days."""
    if end is None:
        last = (newest or now).astimezone(UTC).date()
        end = last if start is None else start + timedelta(days=DEFAULT_DAYS - 1)
    if start is None:
        start = end - timedelta(days=DEFAULT_DAYS - 1)
    return Period(start=_midnight(start), end=_midnight(end + timedelta(days=1)) - TICK)
