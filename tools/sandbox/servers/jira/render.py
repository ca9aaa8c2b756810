"""Render sandbox records as Jira Cloud REST v3 JSON: users, statuses, changelogs, comments.

Timestamps use Jira's own form ``2024-03-05T10:12:33.000+0000`` (as in the vendor's examples);
sprint objects in the sprint custom field use ``...Z`` as Jira Software does. ``base`` is the URL
the client called, so ``self`` links point back at this server.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tools.sandbox.model import JiraIssue, JiraStatusChange, JiraUser
from tools.sandbox.servers.jira import workflow
from tools.sandbox.servers.jira.store import JiraStore, StoredComment

API = "/rest/api/3"
ISSUE_EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"


def jira_time(dt: datetime) -> str:
    """``yyyy-MM-dd'T'HH:mm:ss.SSSZ`` in UTC, as Jira sends it."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}+0000"


def agile_time(dt: datetime) -> str:
    """Jira Software's sprint dates: ISO 8601 in UTC with ``Z``."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def user(u: JiraUser, base: str) -> dict[str, Any]:
    """A ``UserDetails`` object."""
    return {
        "self": f"{base}{API}/user?accountId={u.account_id}",
        "accountId": u.account_id,
        "emailAddress": u.email,
        "avatarUrls": _avatars(base, u.account_id),
        "displayName": u.display_name,
        "active": True,
        "timeZone": "Etc/UTC",
        "accountType": "atlassian",
    }


def myself(u: JiraUser, base: str) -> dict[str, Any]:
    """A ``User`` object, as ``/myself`` returns it."""
    return {
        **user(u, base),
        "locale": "en_US",
        "groups": {"size": 2, "items": []},
        "applicationRoles": {"size": 1, "items": []},
        "expand": "groups,applicationRoles",
    }


def status(name: str, base: str) -> dict[str, Any]:
    """A ``StatusDetails`` object with its category."""
    s = workflow.status(name)
    return {
        "self": f"{base}{API}/status/{s.id}",
        "description": "",
        "iconUrl": f"{base}/images/icons/statuses/generic.png",
        "name": s.name,
        "id": s.id,
        "statusCategory": {
            "self": f"{base}{API}/statuscategory/{s.category.id}",
            "id": s.category.id,
            "key": s.category.key,
            "colorName": s.category.color,
            "name": s.category.name,
        },
    }


def select(all_fields: dict[str, Any], requested: Sequence[str]) -> dict[str, Any]:
    """Apply Jira's ``fields`` syntax: names, ``*all``/``*navigable``, ``-name``, ``id`` only."""
    wanted = [r.strip() for item in requested for r in item.split(",") if r.strip()]
    everything = any(r in ("*all", "*navigable") for r in wanted)
    chosen = dict(all_fields) if everything else {}
    for name in wanted:
        if name.startswith("-"):
            chosen.pop(name[1:], None)
        elif name in all_fields:
            chosen[name] = all_fields[name]
    return chosen


def changelog_entry(change: JiraStatusChange, store: JiraStore, base: str) -> dict[str, Any]:
    """A ``Changelog`` holding one status change."""
    author = store.user(change.author_account_id)
    entry: dict[str, Any] = {"id": change.id, "created": jira_time(change.at)}
    if author is not None:
        entry["author"] = user(author, base)
    entry["items"] = [
        {
            "field": "status",
            "fieldtype": "jira",
            "fieldId": "status",
            "from": workflow.status(change.from_status).id,
            "fromString": change.from_status,
            "to": workflow.status(change.to_status).id,
            "toString": change.to_status,
        }
    ]
    return entry


def comment(c: StoredComment, issue: JiraIssue, store: JiraStore, base: str) -> dict[str, Any]:
    """A ``Comment``."""
    author = store.user(c.author_account_id)
    rendered = user(author, base) if author else None
    return {
        "self": f"{base}{API}/issue/{issue.id}/comment/{c.id}",
        "id": c.id,
        "author": rendered,
        "body": c.body,
        "updateAuthor": rendered,
        "created": jira_time(c.created),
        "updated": jira_time(c.created),
        "jsdPublic": True,
    }


def _avatars(base: str, owner: str) -> dict[str, str]:
    sizes = {"48x48": "large", "24x24": "small", "16x16": "xsmall", "32x32": "medium"}
    return {k: f"{base}/secure/useravatar?size={v}&ownerId={owner}" for k, v in sizes.items()}
