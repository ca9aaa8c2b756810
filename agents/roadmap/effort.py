"""Effort in person-weeks: from story points when known, else from a size table.

With story points::

    effort = max(min_effort_weeks, story_points / points_per_week)          # default 5 pts/week

Without story points (``weights.size_weeks`` and ``weights.weeks_per_criterion``)::

    effort = max(min_effort_weeks, size_weeks[category] + 0.5 × acceptance_criteria_count)

    category              size_weeks
    bug                   1.0
    performance           2.0
    feature               2.0
    integration           3.0
    security_compliance   3.0
    (no category)         2.0   -- sized like a feature

``min_effort_weeks`` defaults to 0.5 so that no item divides by zero or looks free. Results are
rounded to 4 decimals so the formula shown to users reproduces the score exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from agents.roadmap.schemas import RiceWeights
from agents.techtranslator.schemas import Category

# A backlog item nobody categorised is sized like the most common kind of work.
UNKNOWN_CATEGORY_SIZE: Category = "feature"


@dataclass(frozen=True)
class EffortEstimate:
    """Person-weeks and what they were derived from."""

    weeks: float
    basis: Literal["story_points", "size_table"]
    inputs: dict[str, float | str | int]


def estimate_effort(
    story_points: float | None,
    category: Category | None,
    acceptance_criteria_count: int,
    weights: RiceWeights,
) -> EffortEstimate:
    """Estimate effort in person-weeks (story points first, size table otherwise)."""
    floor = weights.min_effort_weeks
    if story_points is not None:
        weeks = round(max(floor, story_points / weights.points_per_week), 4)
        return EffortEstimate(
            weeks,
            "story_points",
            {
                "story_points": story_points,
                "points_per_week": weights.points_per_week,
                "min_effort_weeks": floor,
            },
        )
    sized_as = category or UNKNOWN_CATEGORY_SIZE
    base = weights.size_weeks[sized_as]
    per_criterion = weights.weeks_per_criterion
    weeks = round(max(floor, base + per_criterion * acceptance_criteria_count), 4)
    return EffortEstimate(
        weeks,
        "size_table",
        {
            "size_category": sized_as,
            "size_weeks": base,
            "weeks_per_criterion": per_criterion,
            "acceptance_criteria_count": acceptance_criteria_count,
            "min_effort_weeks": floor,
        },
    )
