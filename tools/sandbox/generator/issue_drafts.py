"""Jira issue drafts: what each epic, story, bug and task is about, before its timeline."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random
from typing import Literal

from tools.sandbox.generator.clock import END, START, between, seconds
from tools.sandbox.generator.people import Person, Role, Team
from tools.sandbox.generator.themes import (
    BUG_SYMPTOMS,
    COMPONENTS,
    STORY_SLICES,
    TASKS,
    THEMES,
    Theme,
)

IssueType = Literal["Epic", "Story", "Bug", "Task"]
Status = Literal["To Do", "In Progress", "In Review", "Done"]
Priority = Literal["Highest", "High", "Medium", "Low"]
PRIORITIES: tuple[Priority, ...] = ("Highest", "High", "Medium", "Low")
_PRIORITY_WEIGHTS = {"Story": (3, 20, 60, 17), "Bug": (10, 30, 45, 15), "Task": (2, 15, 63, 20)}
_FIBONACCI = (1.0, 2.0, 3.0, 5.0, 8.0, 13.0)
Step = tuple[datetime, Status, Person]


@dataclass
class IssueDraft:
    issue_type: IssueType
    theme: Theme
    phrase: str  # story phrase, bug "component|symptom", task text, or the epic's name
    area: str
    priority: Priority
    created: datetime
    reporter: Person
    points: float | None = None
    epic: IssueDraft | None = None
    assignee: Person | None = None
    steps: list[Step] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    summary: str = ""
    key: str = ""


def new_epic(rng: Random, team: Team) -> IssueDraft:
    """An epic on a product theme, owned by a product manager."""
    theme = rng.choice(THEMES)
    created = between(rng, START + timedelta(days=1), END - timedelta(days=30))
    pm = rng.choice(team.active("product", created))
    d = IssueDraft("Epic", theme, theme.epic, theme.area, "High", created, pm, assignee=pm)
    d.labels = [theme.area]
    return d


def new_story(rng: Random, team: Team, epics: list[IssueDraft]) -> IssueDraft:
    """A pointed story, mostly inside an epic and filed during the epic's active months."""
    parent = rng.choice(epics) if rng.random() < 0.88 else None
    if parent is None:
        theme, created = rng.choice(THEMES), _created(rng)
    else:
        window = parent.created + timedelta(days=rng.uniform(30, 150))
        theme, created = parent.theme, between(rng, parent.created, min(window, END - seconds(1)))
    role: Role = "product" if rng.random() < 0.7 else "engineer"
    reporter = rng.choice(team.active(role, created))
    priority = rng.choices(PRIORITIES, _PRIORITY_WEIGHTS["Story"])[0]
    points = rng.choices(_FIBONACCI, (10, 20, 25, 25, 15, 5))[0]
    phrase = rng.choice(theme.stories)
    return IssueDraft(
        "Story", theme, phrase, theme.area, priority, created, reporter, points, parent
    )


def new_bug_or_task(rng: Random, team: Team, kind: Literal["Bug", "Task"]) -> IssueDraft:
    """A bug or a housekeeping task on some component; mostly unpointed."""
    created = _created(rng)
    component, area = rng.choice(COMPONENTS)
    if kind == "Bug":
        phrase = f"{component}|{rng.choice(BUG_SYMPTOMS)}"
        reporter = rng.choice(team.active(rng.choice(("engineer", "product", "design")), created))
        points = rng.choice((1.0, 2.0, 3.0)) if rng.random() < 0.2 else None
    else:
        phrase = rng.choice(TASKS).replace("{c}", component)
        reporter = rng.choice(team.active("engineer", created))
        points = rng.choice((1.0, 2.0, 3.0)) if rng.random() < 0.4 else None
    priority = rng.choices(PRIORITIES, _PRIORITY_WEIGHTS[kind])[0]
    d = IssueDraft(kind, rng.choice(THEMES), phrase, area, priority, created, reporter, points)
    if kind == "Bug" and rng.random() < 0.15:
        d.labels.append("regression")
    return d


def _created(rng: Random) -> datetime:
    # Skewed later: a growing company files more issues each month.
    span = (END - seconds(1)) - (START + timedelta(days=1))
    return START + timedelta(days=1) + seconds(span.total_seconds() * rng.random() ** 0.85 / 3600)


def name_in_order(drafts: list[IssueDraft]) -> None:
    """Give summaries (and area labels) to drafts sorted by creation."""
    # Names are given in creation order so "(follow-up)" slices come after the first slice.
    uses: Counter[str] = Counter()
    for d in drafts:
        k = uses[d.phrase]
        uses[d.phrase] += 1
        if d.issue_type == "Epic":
            d.summary = d.phrase if k == 0 else f"{d.phrase} (phase {k + 1})"
        elif d.issue_type == "Story":
            suffix, area = STORY_SLICES[k % len(STORY_SLICES)]
            part = f" (part {k // len(STORY_SLICES) + 1})" if k >= len(STORY_SLICES) else ""
            d.summary, d.area = f"{d.phrase}{suffix}{part}", area or d.area
        elif d.issue_type == "Bug":
            component, symptom = d.phrase.split("|")
            d.summary = f"{component} {symptom}"
        else:
            d.summary = d.phrase
        d.labels.insert(0, d.area)
