"""Jira deliveries → issue, transitions and events, parsed with ``tools.jira``'s own parser.

Applied: ``jira:issue_created`` and ``jira:issue_updated``. The payload's issue is parsed like a
search result; its status history is the changelog embedded in the issue (when present) plus the
delivery's own ``changelog``, which Jira sends without a date: the delivery's ``timestamp`` is
when the change happened. Every other event (comments, deletions, sprints...) is ignored.
"""

from __future__ import annotations

import uuid
from typing import Any

from api.webhooks.changes import Changes, Upsert, load
from devbizops.errors import InvalidInput
from memory.source_models import JiraIssue, JiraTransition
from memory.sync import jira as mapping
from tools.jira import parse
from tools.jira.errors import JiraError
from tools.jira.parse import FieldIds
from tools.jira.webhooks import JiraWebhookEvent
from tools.jira.wire import ChangelogWire, IssueBeanWire

HANDLED = ("jira:issue_created", "jira:issue_updated")
IDENTIFIER_HEADER = "x-atlassian-webhook-identifier"


def delivery_id(event: JiraWebhookEvent, headers: dict[str, str]) -> str:
    """Jira's per-webhook identifier (kept across retries), else one derived from the payload."""
    found = headers.get(IDENTIFIER_HEADER)
    if found:
        return found
    changelog = event.payload.get("changelog") or {}
    change = changelog.get("id", "") if isinstance(changelog, dict) else ""
    stamp = int(event.at.timestamp() * 1000)
    return f"{event.event}:{event.issue_id or event.issue_key}:{stamp}:{change}"


def field_ids(settings: dict[str, Any]) -> FieldIds:
    """Custom field ids from the connector's settings (Jira Cloud defaults otherwise)."""
    default = FieldIds()
    return FieldIds(
        story_points=str(settings.get("story_points_field") or default.story_points),
        sprint=str(settings.get("sprint_field") or default.sprint),
    )


def changes(org_id: uuid.UUID, event: JiraWebhookEvent, ids: FieldIds) -> Changes | None:
    """What the delivery changes; None when the event is not one we apply."""
    if event.event not in HANDLED:
        return None
    bean = load(IssueBeanWire, event.payload.get("issue"), "Jira issue")
    history = list(bean.changelog.histories) if bean.changelog else []
    raw_change = event.payload.get("changelog")
    if isinstance(raw_change, dict) and raw_change.get("id") not in {h.id for h in history}:
        dated = {**raw_change, "created": event.at, "author": event.payload.get("user")}
        history.append(load(ChangelogWire, dated, "Jira changelog"))
    try:
        issue = parse.issue(bean, ids, history)
    except JiraError as exc:
        raise InvalidInput(f"Jira issue payload: {exc.message}") from exc
    return Changes(
        [
            Upsert(
                JiraIssue,
                [mapping.issue_row(org_id, issue)],
                ("org_id", "key"),
                newer_than="updated",
            ),
            Upsert(
                JiraTransition,
                [mapping.transition_row(org_id, issue, t) for t in issue.transitions],
                ("org_id", "id"),
            ),
        ],
        mapping.issue_events(org_id, issue),
    )
