"""Two-week Jira sprints and monthly fix versions across the sandbox window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from random import Random

from tools.sandbox.generator.clock import END, START
from tools.sandbox.generator.themes import THEMES
from tools.sandbox.model import JiraSprint, JiraVersion

SPRINT = timedelta(days=14)
FIRST_SPRINT = datetime(2025, 5, 5, 9, tzinfo=UTC)  # the first Monday in the window
FIRST_SPRINT_ID = 1


def build_sprints(rng: Random, project_key: str) -> list[JiraSprint]:
    """Back-to-back sprints from the first Monday: closed, one active at the end, one future."""
    sprints: list[JiraSprint] = []
    n = 0
    while True:
        start = FIRST_SPRINT + n * SPRINT
        # Ends an hour before the next one starts, so every moment belongs to at most one sprint.
        end = start + SPRINT - timedelta(hours=1)
        state = "future" if start > END else "closed" if end < END else "active"
        goal = f"{rng.choice(THEMES).epic}: ship the next slice"
        sprints.append(
            JiraSprint(
                id=FIRST_SPRINT_ID + n,
                name=f"{project_key} Sprint {n + 1}",
                state=state,
                start=start,
                end=end,
                goal=goal,
            )
        )
        if state == "future":
            return sprints
        n += 1


def sprint_index(when: datetime, sprints: list[JiraSprint]) -> int:
    """Index of the sprint running at ``when`` (clamped to the first and the last)."""
    n = int((when - FIRST_SPRINT) / SPRINT)
    return min(max(n, 0), len(sprints) - 1)


def build_versions() -> list[JiraVersion]:
    """One fix version per month ("2025.06"), released on its last day; next month unreleased."""
    versions: list[JiraVersion] = []
    year, month = START.year, START.month
    while True:
        last_day = _month_end(year, month)
        released = last_day <= END.date()
        versions.append(
            JiraVersion(
                id=str(10100 + len(versions)),
                name=f"{year:04d}.{month:02d}",
                released=released,
                release_date=last_day,
            )
        )
        if not released:
            return versions
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def version_for(when: datetime, versions: list[JiraVersion]) -> str:
    """Id of the fix version of the month ``when`` falls in."""
    name = f"{when.year:04d}.{when.month:02d}"
    return next(v.id for v in versions if v.name == name)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_next - timedelta(days=1)
