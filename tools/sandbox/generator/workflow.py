"""Issue timelines: To Do → In Progress → In Review → Done, cut at the sandbox's end."""

from __future__ import annotations

from random import Random

from tools.sandbox.generator.clock import END, after
from tools.sandbox.generator.issue_drafts import IssueDraft, Step
from tools.sandbox.generator.people import Team

_NEVER_STARTED = {"Story": 0.08, "Bug": 0.12, "Task": 0.10}
# Mean days in To Do: by type, and for bugs by priority.
_WAIT_DAYS = {"Story": 8.0, "Task": 6.0, "Highest": 0.3, "High": 2.0, "Medium": 8.0, "Low": 20.0}


def plan_work(rng: Random, team: Team, d: IssueDraft) -> None:
    """Plan To Do → In Progress → In Review → Done, keeping only what happened by END."""
    if rng.random() < _NEVER_STARTED[d.issue_type]:
        d.assignee = rng.choice(team.active("engineer", d.created)) if rng.random() < 0.4 else None
        return
    mean = _WAIT_DAYS[d.priority if d.issue_type == "Bug" else d.issue_type]
    started = after(rng, d.created, 0.5, 0.5 + 24 * rng.expovariate(1 / mean))
    dev = (d.points or 1.0) * rng.uniform(6, 20) if d.issue_type == "Story" else rng.uniform(1, 40)
    in_review = after(rng, started, dev * 0.8, dev * 1.2)
    done = after(rng, in_review, 1, 48)  # at least an hour of review, so a merge fits between
    d.assignee = rng.choice(team.active("engineer", started))
    reviewer = rng.choice(team.active("engineer", in_review))
    plan: list[Step] = [
        (started, "In Progress", d.assignee),
        (in_review, "In Review", d.assignee),
        (done, "Done", reviewer),
    ]
    d.steps = [s for s in plan if s[0] <= END]


def close_epic(rng: Random, epic: IssueDraft, children: list[IssueDraft]) -> None:
    """An epic starts with its first story and is done after its last one is."""
    owner = epic.reporter
    starts = [c.steps[0][0] for c in children if c.steps]
    if not starts:
        return
    plan: list[Step] = [(min(starts), "In Progress", owner)]
    if all(len(c.steps) == 3 for c in children):
        in_review = after(rng, max(c.steps[2][0] for c in children), 1, 24)
        plan += [(in_review, "In Review", owner), (after(rng, in_review, 2, 72), "Done", owner)]
    epic.steps = [s for s in plan if s[0] <= END]
