"""Jira sync: the project's issues and status transitions → tables and timeline events.

Incremental by ``updated``: JQL ``project = KEY AND updated >= "<cursor>" ORDER BY updated ASC``.
Jira compares to the minute, so the cursor is the newest ``updated`` seen minus one minute; the
upsert skips issues that come back unchanged.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from memory.source_models import JiraIssue, JiraTransition
from memory.sync.base import Progress, SyncWriter, batched, event, iso, latest
from tools.jira.models import JiraIssue as WireIssue
from tools.jira.models import StatusTransition
from tools.jira.protocol import JiraSource

BATCH = 500


def jql_for(project: str, since: datetime | None) -> str:
    """The search that returns the project's issues changed since ``since`` (all when None)."""
    where = f'project = "{project}"'
    if since is not None:
        where += f' AND updated >= "{since:%Y-%m-%d %H:%M}"'
    return where + " ORDER BY updated ASC"


def sync_jira(
    client: JiraSource, writer: SyncWriter, project: str, *, full: bool, progress: Progress
) -> None:
    """Bring the org's Jira tables and events for ``project`` up to date."""
    resource = f"issues:{project}"
    stamp = None if full else writer.cursor(resource).get("updated_since")
    since = datetime.fromisoformat(stamp) if stamp else None
    newest: datetime | None = None
    for batch in batched(iter(client.search(jql_for(project, since))), BATCH):
        writer.write(
            [
                (JiraIssue, [issue_row(writer.org_id, i) for i in batch], ("org_id", "key")),
                (
                    JiraTransition,
                    [transition_row(writer.org_id, i, t) for i in batch for t in i.transitions],
                    ("org_id", "id"),
                ),
            ],
            [e for i in batch for e in issue_events(writer.org_id, i)],
        )
        newest = latest(newest, (i.updated for i in batch))
        progress("jira issues", len(batch))
    if newest is not None:
        writer.save_cursor(resource, {"updated_since": iso(newest - timedelta(minutes=1))})


def issue_row(org_id: UUID, i: WireIssue) -> dict[str, Any]:
    """The ``jira_issues`` row of one issue (shared with the webhook receiver)."""
    return {
        "org_id": org_id,
        "key": i.key,
        "id": i.id,
        "issue_type": i.issue_type,
        "summary": i.summary,
        "status": i.status,
        "priority": i.priority,
        "labels": list(i.labels),
        "story_points": i.story_points,
        "epic_key": i.epic_key,
        "sprints": [s.name for s in i.sprints],
        "fix_versions": [v.name for v in i.fix_versions],
        "created": i.created,
        "updated": i.updated,
        "resolved": i.resolved,
    }


def transition_row(org_id: UUID, i: WireIssue, t: StatusTransition) -> dict[str, Any]:
    """The ``jira_transitions`` row of one status change."""
    return {
        "org_id": org_id,
        "id": f"{i.key}:{t.changelog_id}",
        "issue_key": i.key,
        "at": t.at,
        "from_status": t.from_status,
        "to_status": t.to_status,
    }


def issue_events(org_id: UUID, i: WireIssue) -> list[dict[str, Any]]:
    """``issue.created`` plus one ``issue.transitioned`` per status change."""
    links = {"jira_key": i.key, "issue_type": i.issue_type, "epic_key": i.epic_key}
    rows = [
        event(
            org_id,
            "jira",
            "issue.created",
            i.key,
            i.created,
            f"{i.key} {i.summary}",
            **links,
        )
    ]
    rows += [
        event(
            org_id,
            "jira",
            "issue.transitioned",
            f"{i.key}:{t.changelog_id}",
            t.at,
            f"{i.key} {t.from_status} → {t.to_status}",
            to_status=t.to_status,
            **links,
        )
        for t in i.transitions
    ]
    return rows
