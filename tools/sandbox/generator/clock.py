"""The sandbox calendar: a fixed 18-month window, working hours and seeded random helpers."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from random import Random

# Fixed dates, never the wall clock: the same (seed, size) must give the same company forever.
START = datetime(2025, 5, 1, tzinfo=UTC)
END = datetime(2026, 10, 31, 23, 59, 59, tzinfo=UTC)
HOUR = 3600


def stream(seed: int, size: int, part: str) -> Random:
    """An independent random stream per part, so one part's draws never shift another's."""
    # str seeds hash with SHA-512: stable across runs and PYTHONHASHSEED.
    return Random(f"{seed}:{size}:{part}")


def seconds(hours: float) -> timedelta:
    """A whole-second duration of ``hours`` (all sandbox timestamps have second precision)."""
    return timedelta(seconds=int(hours * HOUR))


def between(rng: Random, lo: datetime, hi: datetime) -> datetime:
    """A uniform whole-second moment in [lo, hi] (``lo`` when the range is empty)."""
    span = int((hi - lo).total_seconds())
    # random() rather than randint(): a third of the cost, and this runs ~100k times per size.
    return lo + timedelta(seconds=int(rng.random() * (span + 1))) if span > 0 else lo


def at_work(rng: Random, t: datetime) -> datetime:
    """``t`` when it falls in working hours (Mon–Fri 08–18 UTC), else early the next work day."""
    if t.weekday() < 5 and 8 <= t.hour < 18:
        return t
    day = t.date() if t.hour < 8 else t.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    # Always later than t, so sequences built with after() stay strictly ordered.
    return datetime.combine(day, time(8), UTC) + timedelta(seconds=int(rng.random() * 2 * HOUR))


def after(rng: Random, t: datetime, lo_hours: float, hi_hours: float) -> datetime:
    """A working-hours moment ``lo_hours``..``hi_hours`` after ``t`` (strictly later)."""
    return at_work(rng, t + seconds(max(rng.uniform(lo_hours, hi_hours), 1 / 60)))


def sha(rng: Random) -> str:
    """A 40-hex-digit git object id."""
    return f"{rng.getrandbits(160):040x}"


def month_key(t: datetime) -> str:
    """``"2025-06"`` for any moment in June 2025."""
    return f"{t.year:04d}-{t.month:02d}"


def weekdays(lo: datetime, hi: datetime) -> list[datetime]:
    """Midnight of every Monday–Friday from ``lo``'s date up to ``hi``."""
    day = datetime.combine(lo.date(), time(0), UTC)
    out: list[datetime] = []
    while day <= hi:
        if day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return out
