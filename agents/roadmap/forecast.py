"""Delivery forecast: a seeded Monte Carlo over the team's weekly throughput history.

Each trial draws weeks at random (with replacement) from the history and adds up their
throughput; the items are worked in rank order, so item *i* completes in the first week whose
cumulative throughput covers the sizes of items 1..*i*. Over ``trials`` runs (10,000 by
default, seeded ``random.Random``) that gives each item a distribution of completion weeks; P50
and P85 are nearest-rank percentiles of it (the smallest week reached by at least 50% / 85% of the
trials). Week *w* ends on ``start + 7w − 1`` days. Because each trial's completion weeks never
decrease with rank, neither do the percentiles.

Unit: story points when the history has any completed points, else items. An item's size in
points is its story points, else its effort (person-weeks) × ``points_per_week``; in items every
item has size 1. An item fits the quarter (the calendar quarter of ``start``) when its P85 date
is on or before the quarter's last day; ``fits_quarter_probability`` is the share of trials in
which it finished by then. With no throughput at all (every week 0) nothing can be forecast:
every item gets no dates and does not fit.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from random import Random

DEFAULT_TRIALS = 10_000
DEFAULT_SEED = 42
MAX_WEEKS = 520  # ten years: beyond that a date is not a forecast


@dataclass(frozen=True)
class ItemWeeks:
    """One item's simulated completion: percentile weeks (None = not within MAX_WEEKS)."""

    p50_week: int | None
    p85_week: int | None
    weeks_within: int  # trials that finished by week ``within_weeks``


def quarter_end(day: date) -> date:
    """The last day of ``day``'s calendar quarter."""
    first_month_next = 3 * ((day.month - 1) // 3) + 4
    if first_month_next > 12:
        return date(day.year, 12, 31)
    return date(day.year, first_month_next, 1) - timedelta(days=1)


def week_end(start: date, week: int) -> date:
    """The last day of forecast week ``week`` (week 1 starts on ``start``)."""
    return start + timedelta(days=7 * week - 1)


def weeks_until(start: date, last_day: date) -> int:
    """How many whole forecast weeks end on or before ``last_day``."""
    return max(0, ((last_day - start).days + 1) // 7)


def _percentile(sorted_weeks: Sequence[int], p: float) -> int:
    return sorted_weeks[max(0, math.ceil(p * len(sorted_weeks)) - 1)]


def simulate(
    sizes: Sequence[float],
    weekly: Sequence[float],
    *,
    within_weeks: int,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
) -> list[ItemWeeks]:
    """Completion weeks of ``sizes`` worked in order, throughput drawn from ``weekly``.

    Raises ValueError when no week of ``weekly`` has positive throughput.
    """
    if not weekly or max(weekly) <= 0:
        raise ValueError("no throughput history: every week completed nothing")
    if any(s < 0 for s in sizes) or any(w < 0 for w in weekly):
        raise ValueError("sizes and throughput must not be negative")
    if not sizes:
        return []
    rng = Random(seed)
    # A hair below each need, so float noise in the sums never costs an extra week.
    needs = [n - 1e-9 for n in accumulate(sizes)]
    total = needs[-1]
    mean = sum(weekly) / len(weekly)
    # Enough weeks for most trials in one draw; the rare slow trial draws more.
    chunk = min(MAX_WEEKS, max(4, math.ceil(1.5 * total / mean) + 4))
    never = MAX_WEEKS + 1
    per_item: list[list[int]] = [[] for _ in sizes]
    for _ in range(trials):
        capacity = list(accumulate(rng.choices(weekly, k=chunk)))
        while capacity[-1] < total and len(capacity) < MAX_WEEKS:
            more = rng.choices(weekly, k=min(chunk, MAX_WEEKS - len(capacity)))
            capacity.extend(accumulate(more, initial=capacity[-1]))
            del capacity[len(capacity) - len(more) - 1]  # the repeated initial value
        for index, need in enumerate(needs):
            week = bisect_left(capacity, need) + 1
            per_item[index].append(week if week <= len(capacity) else never)
    out: list[ItemWeeks] = []
    for weeks in per_item:
        weeks.sort()
        p50, p85 = _percentile(weeks, 0.5), _percentile(weeks, 0.85)
        out.append(
            ItemWeeks(
                p50_week=None if p50 == never else p50,
                p85_week=None if p85 == never else p85,
                weeks_within=bisect_left(weeks, within_weeks + 1),
            )
        )
    return out
