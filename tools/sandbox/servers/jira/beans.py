"""Assemble whole responses: an ``IssueBean`` with its embedded changelog, changelog pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tools.sandbox.model import JiraIssue
from tools.sandbox.servers.jira import issue_fields, render, workflow
from tools.sandbox.servers.jira.store import JiraStore

API = render.API


@dataclass(frozen=True)
class Site:
    """What every rendering needs: the state, the caller's base URL and the site settings."""

    store: JiraStore
    base: str
    custom: issue_fields.CustomFields
    # How many histories ``expand=changelog`` embeds; the rest must be paged from /changelog.
    embedded_changelog: int


def issue_bean(
    issue: JiraIssue, site: Site, *, fields: Sequence[str], expand: Sequence[str]
) -> dict[str, Any]:
    """An ``IssueBean``: selected fields, plus ``changelog`` when expanded."""
    all_fields = issue_fields.fields(issue, site.store, site.base, site.custom)
    bean: dict[str, Any] = {
        "expand": render.ISSUE_EXPAND,
        "id": issue.id,
        "self": f"{site.base}{API}/issue/{issue.id}",
        "key": issue.key,
        "fields": render.select(all_fields, fields),
    }
    if "changelog" in expand:
        bean["changelog"] = embedded_changelog(issue, site)
    return bean


def embedded_changelog(issue: JiraIssue, site: Site) -> dict[str, Any]:
    """``PageOfChangelogs``: the most recent histories first, cut at the embedding limit."""
    newest_first = list(reversed(issue.changelog))
    shown = newest_first[: site.embedded_changelog]
    return {
        "startAt": 0,
        "maxResults": len(shown),
        "total": len(newest_first),
        "histories": [render.changelog_entry(c, site.store, site.base) for c in shown],
    }


def changelog_page(issue: JiraIssue, site: Site, start: int, limit: int) -> dict[str, Any]:
    """``PageBeanChangelog``: oldest first, offset paged."""
    values = issue.changelog[start : start + limit]
    total = len(issue.changelog)
    path = f"{site.base}{API}/issue/{issue.key}/changelog"
    page: dict[str, Any] = {
        "self": f"{path}?startAt={start}&maxResults={limit}",
        "maxResults": limit,
        "startAt": start,
        "total": total,
        "isLast": start + len(values) >= total,
        "values": [render.changelog_entry(c, site.store, site.base) for c in values],
    }
    if not page["isLast"]:
        page["nextPage"] = f"{path}?startAt={start + limit}&maxResults={limit}"
    return page


def comments_page(
    issue: JiraIssue, site: Site, start: int, limit: int, newest_first: bool
) -> dict[str, Any]:
    """``PageOfComments``."""
    comments = site.store.comments(issue.key)
    if newest_first:
        comments.reverse()
    shown = comments[start : start + limit]
    return {
        "comments": [render.comment(c, issue, site.store, site.base) for c in shown],
        "maxResults": limit,
        "total": len(comments),
        "startAt": start,
    }


def transitions(issue: JiraIssue, site: Site) -> dict[str, Any]:
    """``Transitions``: every global transition except the one to the current status."""
    options = []
    for status in workflow.STATUSES.values():
        if status.name == issue.status:
            continue
        options.append(
            {
                "id": status.transition_id,
                "name": status.name,
                "to": render.status(status.name, site.base),
                "hasScreen": False,
                "isGlobal": True,
                "isInitial": False,
                "isAvailable": True,
                "isConditional": False,
                "looped": False,
            }
        )
    return {"expand": "transitions", "transitions": options}
