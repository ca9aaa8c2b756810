"""Paged reads behind the client: the full changelog, and the idempotency-marker lookups.

The marker lookups make a single attempt each: they run inside a write's retry unit, so
retrying them separately would multiply attempts.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote as urlquote

from tools.jira import idempotency, jql
from tools.jira.models import CreatedIssue
from tools.jira.parse import load
from tools.jira.transport import JiraTransport, Params
from tools.jira.wire import (
    ChangelogWire,
    CommentWire,
    PageBeanChangelogWire,
    PageOfCommentsWire,
    SearchPageWire,
)

API = "/rest/api/3"
_CHANGELOG_PAGE = 100
_COMMENT_PAGE = 100


def issue_path(key: str) -> str:
    """``/rest/api/3/issue/<key>`` with the key escaped."""
    return f"{API}/issue/{urlquote(key, safe='')}"


def changelog(t: JiraTransport, key: str) -> Iterator[ChangelogWire]:
    """Every history of an issue, oldest first, from the offset-paged changelog endpoint."""
    start = 0
    while True:
        params: Params = {"startAt": start, "maxResults": _CHANGELOG_PAGE}
        page = load(PageBeanChangelogWire, t.get_json(f"{issue_path(key)}/changelog", params))
        yield from page.values
        start += len(page.values)
        if page.is_last or not page.values or start >= page.total:
            return


def issue_labelled(t: JiraTransport, project_key: str, label: str) -> CreatedIssue | None:
    """The issue carrying ``label``, if any (one attempt)."""
    body = {"jql": jql.with_label(project_key, label), "maxResults": 1, "fields": ["id"]}
    page = load(SearchPageWire, t.send_json("POST", f"{API}/search/jql", json=body))
    if not page.issues:
        return None
    bean = page.issues[0]
    url = f"{t.base_url}{API}/issue/{bean.id}"
    return CreatedIssue(id=bean.id, key=bean.key, self_url=url, created=False)


def comment_marked(t: JiraTransport, key: str, marker: str) -> CommentWire | None:
    """The comment whose body carries ``marker``, if any (one attempt per page)."""
    start = 0
    while True:
        # Newest first: a retry's first attempt is among the latest comments.
        params: Params = {"startAt": start, "maxResults": _COMMENT_PAGE, "orderBy": "-created"}
        page = load(
            PageOfCommentsWire, t.send_json("GET", f"{issue_path(key)}/comment", params=params)
        )
        for wire in page.comments:
            if idempotency.has_marker(wire.body, marker):
                return wire
        start += len(page.comments)
        if not page.comments or start >= page.total:
            return None
