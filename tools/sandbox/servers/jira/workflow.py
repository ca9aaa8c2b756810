"""The sandbox Jira site's fixed configuration: statuses, workflow, issue types and priorities.

Ids follow a fresh Jira Cloud software project; status category ids and keys are Jira's own
(2 ``new``, 4 ``indeterminate``, 3 ``done``). The workflow is simplified: any status can move to
any other, as in a team-managed project with global transitions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    id: int
    key: str
    name: str
    color: str


@dataclass(frozen=True)
class Status:
    id: str
    name: str
    category: Category
    transition_id: str  # the global transition that leads here


TODO = Category(2, "new", "To Do", "blue-gray")
IN_PROGRESS = Category(4, "indeterminate", "In Progress", "yellow")
DONE = Category(3, "done", "Done", "green")

STATUSES: dict[str, Status] = {
    s.name: s
    for s in (
        Status("10000", "To Do", TODO, "11"),
        Status("3", "In Progress", IN_PROGRESS, "21"),
        Status("10001", "In Review", IN_PROGRESS, "31"),
        Status("10002", "Done", DONE, "41"),
    )
}
STATUS_BY_TRANSITION: dict[str, Status] = {s.transition_id: s for s in STATUSES.values()}

# name -> (id, hierarchy level); Epics sit above stories, tasks and bugs.
ISSUE_TYPES: dict[str, tuple[str, int]] = {
    "Epic": ("10000", 1),
    "Story": ("10001", 0),
    "Task": ("10002", 0),
    "Bug": ("10004", 0),
}
PRIORITIES: dict[str, str] = {"Highest": "1", "High": "2", "Medium": "3", "Low": "4", "Lowest": "5"}
DEFAULT_PRIORITY = "Medium"
PROJECT_ID = "10000"
INITIAL_STATUS = "To Do"


def status(name: str) -> Status:
    """A status by name; unknown names fall back to the initial status."""
    return STATUSES.get(name, STATUSES[INITIAL_STATUS])
