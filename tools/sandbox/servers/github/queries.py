"""The list filters and sort orders GitHub applies for the query parameters of each list route.

Bad enum values and unreadable timestamps fail the way GitHub fails them (422 Validation Failed).
Parameters GitHub accepts but the sandbox has no data for (milestone, assignee, path) are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from starlette.datastructures import QueryParams

from tools.sandbox.model import GhCommit, GhDeployment, GhIssue, GhPullRequest, GhRepo
from tools.sandbox.servers.github.wire import GitHubHTTPError, invalid

Issueish = GhIssue | GhPullRequest


def choice(
    query: QueryParams, name: str, allowed: Sequence[str], default: str, resource: str, docs: str
) -> str:
    """The value of an enum parameter, its default when absent, 422 when not allowed."""
    value = query.get(name, default)
    if value not in allowed:
        raise invalid(resource, name, docs)
    return value


def timestamp(query: QueryParams, name: str, error: GitHubHTTPError) -> datetime | None:
    """An ISO 8601 parameter such as ``since`` (``Z`` or offset; naive means UTC)."""
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise error from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def direction(query: QueryParams, default: str, resource: str, docs: str) -> bool:
    """True for descending."""
    return choice(query, "direction", ("asc", "desc"), default, resource, docs) == "desc"


def _lenient(query: QueryParams, name: str, allowed: Sequence[str], default: str) -> str:
    value = query.get(name, default)
    return value if value in allowed else default


def org_repos(query: QueryParams, repos: list[GhRepo]) -> list[GhRepo]:
    """Unknown values fall back to the defaults (no 422 is declared for this operation)."""
    kinds = ("all", "public", "private", "forks", "sources", "member")
    kind = _lenient(query, "type", kinds, "all")
    sort = _lenient(query, "sort", ("created", "updated", "pushed", "full_name"), "created")
    order = _lenient(query, "direction", ("asc", "desc"), "asc" if sort == "full_name" else "desc")
    desc = order == "desc"
    if kind in ("public", "private"):
        repos = [r for r in repos if r.private == (kind == "private")]
    elif kind == "forks":
        repos = []  # the sandbox has no forks
    if sort == "full_name":
        return sorted(repos, key=lambda r: r.name.casefold(), reverse=desc)
    field = {"created": "created_at", "updated": "updated_at", "pushed": "pushed_at"}[sort]
    return sorted(repos, key=lambda r: (getattr(r, field), r.id), reverse=desc)


def pulls(
    query: QueryParams, items: list[GhPullRequest], org: str, docs: str
) -> list[GhPullRequest]:
    """``state``, ``head``, ``base`` filters; ``sort``/``direction`` with GitHub's defaults."""
    state = choice(query, "state", ("open", "closed", "all"), "open", "PullRequest", docs)
    sorts = ("created", "updated", "popularity", "long-running")
    sort = choice(query, "sort", sorts, "created", "PullRequest", docs)
    desc = direction(query, "desc" if sort == "created" else "asc", "PullRequest", docs)
    chosen = [p for p in items if state == "all" or p.state == state]
    head, base = query.get("head"), query.get("base")
    if head:
        owner, _, ref = head.rpartition(":")
        mine = owner.casefold() in ("", org.casefold())
        chosen = [p for p in chosen if mine and p.head_branch == ref]
    if base:
        chosen = [p for p in chosen if p.base_branch == base]
    # No comment counts in the sandbox: popularity and long-running order by creation.
    field = "updated_at" if sort == "updated" else "created_at"
    return sorted(chosen, key=lambda p: (getattr(p, field), p.number), reverse=desc)


def issues(query: QueryParams, items: list[Issueish], docs: str) -> list[Issueish]:
    """``state``, ``since``, ``labels``, ``creator`` filters and the sort, PRs included."""
    state = choice(query, "state", ("open", "closed", "all"), "open", "Issue", docs)
    sort = choice(query, "sort", ("created", "updated", "comments"), "created", "Issue", docs)
    desc = direction(query, "desc", "Issue", docs)
    since = timestamp(query, "since", invalid("Issue", "since", docs))
    labels = {name.strip() for name in query.get("labels", "").split(",") if name.strip()}
    creator = query.get("creator")
    chosen = [i for i in items if state == "all" or i.state == state]
    if since is not None:
        chosen = [i for i in chosen if i.updated_at >= since]
    if labels:
        chosen = [i for i in chosen if isinstance(i, GhIssue) and labels <= set(i.labels)]
    if creator:
        chosen = [i for i in chosen if i.author_login.casefold() == creator.casefold()]
    field = "updated_at" if sort == "updated" else "created_at"
    return sorted(chosen, key=lambda i: (getattr(i, field), i.number), reverse=desc)


def commits(
    query: QueryParams,
    history: list[GhCommit],
    pulls_: list[GhPullRequest],
    repo: GhRepo,
    docs: str,
) -> list[GhCommit]:
    """``history`` is newest first; ``sha`` may be the default branch, a PR branch or a sha."""
    start = query.get("sha")
    chosen = history
    if start and start != repo.default_branch:
        branch = next((p for p in pulls_ if p.head_branch == start), None)
        if branch is not None:
            chosen = [c for c in history if c.sha in set(branch.commit_shas)]
        else:
            prefix = start.lower()
            index = next((n for n, c in enumerate(history) if c.sha.startswith(prefix)), None)
            if index is None or len(prefix) < 7:
                raise GitHubHTTPError(404, f"No commit found for SHA: {start}", docs=docs)
            chosen = history[index:]
    since = timestamp(query, "since", GitHubHTTPError(400, "Invalid since", docs=docs))
    until = timestamp(query, "until", GitHubHTTPError(400, "Invalid until", docs=docs))
    author = query.get("author")
    if since is not None:
        chosen = [c for c in chosen if c.committed_at >= since]
    if until is not None:
        chosen = [c for c in chosen if c.committed_at <= until]
    if author:
        chosen = [c for c in chosen if c.author_login.casefold() == author.casefold()]
    return chosen


def deployments(query: QueryParams, items: list[GhDeployment]) -> list[GhDeployment]:
    """``sha``, ``ref``, ``task``, ``environment`` filters; newest first."""
    chosen = items
    for name in ("sha", "ref", "environment"):
        value = query.get(name)
        if value and value != "none":
            chosen = [d for d in chosen if getattr(d, name) == value]
    task = query.get("task")
    if task and task not in ("none", "deploy"):
        chosen = []  # every sandbox deployment has task "deploy"
    return sorted(chosen, key=lambda d: (d.created_at, d.id), reverse=True)
