"""Render a sandbox issue's fields as Jira does: system fields by name, custom ones by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.jira import adf
from tools.sandbox.model import JiraIssue, JiraSprint, JiraVersion
from tools.sandbox.servers.jira import workflow
from tools.sandbox.servers.jira.render import API, agile_time, jira_time, status, user
from tools.sandbox.servers.jira.store import JiraStore


@dataclass(frozen=True)
class CustomFields:
    story_points: str = "customfield_10016"
    sprint: str = "customfield_10020"


def fields(issue: JiraIssue, store: JiraStore, base: str, custom: CustomFields) -> dict[str, Any]:
    """Every field of the issue, keyed by field id."""
    type_id, level = workflow.ISSUE_TYPES[issue.issue_type]
    reporter = store.user(issue.reporter_account_id)
    assignee = store.user(issue.assignee_account_id)
    description = store.description_adf(issue.key)
    if description is None and issue.description:
        description = adf.from_text(issue.description)
    sprints = [s for s in (store.sprint(i) for i in issue.sprint_ids) if s is not None]
    versions = [v for v in (store.version(i) for i in issue.fix_version_ids) if v is not None]
    epic = store.get(issue.epic_key) if issue.epic_key else None
    return {
        "summary": issue.summary,
        "description": description,
        "status": status(issue.status, base),
        "issuetype": {
            "self": f"{base}{API}/issuetype/{type_id}",
            "id": type_id,
            "description": "",
            "iconUrl": f"{base}/images/icons/issuetypes/{issue.issue_type.lower()}.svg",
            "name": issue.issue_type,
            "subtask": False,
            "hierarchyLevel": level,
        },
        "priority": _priority(issue.priority, base),
        "labels": list(issue.labels),
        custom.story_points: issue.story_points,
        # Jira renders an empty multi-value custom field as null, not [].
        custom.sprint: [_sprint(s) for s in sprints] or None,
        "fixVersions": [_version(v, base) for v in versions],
        "created": jira_time(issue.created),
        "updated": jira_time(issue.updated),
        "resolutiondate": jira_time(issue.resolved) if issue.resolved else None,
        "resolution": _resolution(base) if issue.resolved else None,
        "assignee": user(assignee, base) if assignee else None,
        "reporter": user(reporter, base) if reporter else None,
        "creator": user(reporter, base) if reporter else None,
        "parent": _parent(epic, base) if epic else None,
        "project": project(store, base),
    }


def project(store: JiraStore, base: str) -> dict[str, Any]:
    """The project reference embedded in issues."""
    return {
        "self": f"{base}{API}/project/{workflow.PROJECT_ID}",
        "id": workflow.PROJECT_ID,
        "key": store.project_key,
        "name": store.company.jira_project_name,
        "projectTypeKey": "software",
        "simplified": False,
    }


def _priority(name: str, base: str) -> dict[str, Any]:
    pid = workflow.PRIORITIES.get(name, workflow.PRIORITIES[workflow.DEFAULT_PRIORITY])
    icon = f"{base}/images/icons/priorities/{name.lower()}.svg"
    return {"self": f"{base}{API}/priority/{pid}", "iconUrl": icon, "name": name, "id": pid}


def _resolution(base: str) -> dict[str, Any]:
    return {
        "self": f"{base}{API}/resolution/10000",
        "id": "10000",
        "description": "Work has been completed on this issue.",
        "name": "Done",
    }


def _sprint(s: JiraSprint) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "id": s.id,
        "name": s.name,
        "state": s.state,
        "boardId": 1,
        "goal": s.goal,
        "startDate": agile_time(s.start),
        "endDate": agile_time(s.end),
    }
    if s.state == "closed":
        rendered["completeDate"] = agile_time(s.end)
    return rendered


def _version(v: JiraVersion, base: str) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "self": f"{base}{API}/version/{v.id}",
        "id": v.id,
        "description": "",
        "name": v.name,
        "archived": False,
        "released": v.released,
    }
    if v.release_date is not None:
        rendered["releaseDate"] = v.release_date.isoformat()
    return rendered


def _parent(epic: JiraIssue, base: str) -> dict[str, Any]:
    type_id, _ = workflow.ISSUE_TYPES[epic.issue_type]
    return {
        "id": epic.id,
        "key": epic.key,
        "self": f"{base}{API}/issue/{epic.id}",
        "fields": {
            "summary": epic.summary,
            "status": status(epic.status, base),
            "priority": _priority(epic.priority, base),
            "issuetype": {"id": type_id, "name": epic.issue_type, "subtask": False},
        },
    }
