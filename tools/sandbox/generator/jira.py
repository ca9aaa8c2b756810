"""Jira issues: epics grouping pointed stories, bugs and tasks, each with a forward changelog."""

from __future__ import annotations

from datetime import timedelta
from random import Random

from tools.sandbox.generator import texts
from tools.sandbox.generator.clock import END, seconds
from tools.sandbox.generator.issue_drafts import (
    IssueDraft,
    Status,
    name_in_order,
    new_bug_or_task,
    new_epic,
    new_story,
)
from tools.sandbox.generator.people import Team
from tools.sandbox.generator.sprints import sprint_index, version_for
from tools.sandbox.generator.workflow import close_epic, plan_work
from tools.sandbox.model import JiraIssue, JiraSprint, JiraStatusChange, JiraVersion

_PER_SIZE = {"Epic": 30, "Story": 450, "Bug": 280, "Task": 180}


def build_issues(
    rng: Random,
    team: Team,
    size: int,
    project_key: str,
    sprints: list[JiraSprint],
    versions: list[JiraVersion],
) -> list[JiraIssue]:
    """About a thousand issues per unit of size, keyed in creation order like Jira does."""
    epics = [new_epic(rng, team) for _ in range(_PER_SIZE["Epic"] * size)]
    drafts = [*epics]
    drafts += [new_story(rng, team, epics) for _ in range(_PER_SIZE["Story"] * size)]
    drafts += [new_bug_or_task(rng, team, "Bug") for _ in range(_PER_SIZE["Bug"] * size)]
    drafts += [new_bug_or_task(rng, team, "Task") for _ in range(_PER_SIZE["Task"] * size)]
    drafts.sort(key=lambda d: d.created)
    for n, d in enumerate(drafts, 1):
        d.key = f"{project_key}-{n}"
    name_in_order(drafts)
    for d in drafts:
        if d.issue_type != "Epic":
            plan_work(rng, team, d)
    children: dict[int, list[IssueDraft]] = {id(e): [] for e in epics}
    for d in drafts:
        if d.epic is not None:
            children[id(d.epic)].append(d)
    for e in epics:
        close_epic(rng, e, children[id(e)])
    change_ids = _change_ids(drafts)
    return [_model(rng, n, d, sprints, versions, change_ids) for n, d in enumerate(drafts)]


def _change_ids(drafts: list[IssueDraft]) -> dict[tuple[int, int], str]:
    # Jira changelog ids grow with time across the whole project.
    order = sorted((s[0], n, i) for n, d in enumerate(drafts) for i, s in enumerate(d.steps))
    return {(n, i): str(30000 + k) for k, (_, n, i) in enumerate(order)}


def _model(
    rng: Random,
    n: int,
    d: IssueDraft,
    sprints: list[JiraSprint],
    versions: list[JiraVersion],
    change_ids: dict[tuple[int, int], str],
) -> JiraIssue:
    changes: list[JiraStatusChange] = []
    for i, (at, to_status, who) in enumerate(d.steps):
        from_status = changes[-1].to_status if changes else "To Do"
        change_id = change_ids[(n, i)]
        changes.append(
            JiraStatusChange(
                id=change_id,
                at=at,
                author_account_id=who.account_id,
                from_status=from_status,
                to_status=to_status,
            )
        )
    last = d.steps[-1][0] if d.steps else d.created
    status: Status = d.steps[-1][1] if d.steps else "To Do"
    resolved = last if status == "Done" else None
    return JiraIssue(
        id=str(10000 + n + 1),
        key=d.key,
        issue_type=d.issue_type,
        summary=d.summary,
        description=texts.issue_description(rng, d.issue_type, d.summary, d.phrase),
        status=status,
        priority=d.priority,
        labels=d.labels,
        story_points=d.points,
        epic_key=d.epic.key if d.epic else None,
        sprint_ids=_sprints(rng, d, sprints),
        fix_version_ids=[version_for(resolved, versions)]
        if resolved and d.issue_type != "Epic"
        else [],
        assignee_account_id=d.assignee.account_id if d.assignee else None,
        reporter_account_id=d.reporter.account_id,
        created=d.created,
        updated=min(END, last + seconds(rng.uniform(0, 4))),
        resolved=resolved,
        changelog=changes,
    )


def _sprints(rng: Random, d: IssueDraft, sprints: list[JiraSprint]) -> list[int]:
    if d.issue_type == "Epic":
        return []  # epics span sprints; Jira boards plan their stories, not them
    if d.steps:
        first = sprint_index(d.steps[0][0], sprints)
        last = sprint_index(d.steps[-1][0] if len(d.steps) == 3 else END, sprints)
        return [s.id for s in sprints[first : last + 1]]
    active = sprint_index(END, sprints)
    if d.created >= sprints[active].start - timedelta(days=14):
        roll = rng.random()
        if roll < 0.4:
            return [sprints[active].id]
        if roll < 0.6:
            return [sprints[-1].id]
    return []
