"""Pull requests and issues in GitHub's wire shape (pull-request-simple, pull-request, issue)."""

from __future__ import annotations

from typing import Any

from tools.sandbox.model import GhIssue, GhPullRequest, GhRepo
from tools.sandbox.servers.github.catalog import node_id, stable_int, stable_sha
from tools.sandbox.servers.github.render_repos import Json, Site, iso, repository, user

# GitHub keeps issue ids and pull request ids apart; this keeps a PR's issue id off both.
_ISSUE_ID_OFFSET = 10_000_000_000


def _branch(site: Site, repo: GhRepo, ref: str, sha: str) -> Json:
    return {
        "label": f"{site.catalog.org}:{ref}",
        "ref": ref,
        "sha": sha,
        "user": user(site, site.catalog.org, kind="Organization"),
        "repo": repository(site, repo),
    }


def pull_simple(site: Site, repo: GhRepo, pr: GhPullRequest) -> Json:
    """A ``pull-request-simple`` (the list form)."""
    full = f"{site.catalog.org}/{repo.name}"
    api = f"{site.api}/repos/{full}"
    html = f"{site.web}/{full}/pull/{pr.number}"
    head_sha = site.catalog.head_sha(pr)
    links = {
        "self": f"{api}/pulls/{pr.number}",
        "html": html,
        "issue": f"{api}/issues/{pr.number}",
        "comments": f"{api}/issues/{pr.number}/comments",
        "review_comments": f"{api}/pulls/{pr.number}/comments",
        "review_comment": f"{api}/pulls/comments{{/number}}",
        "commits": f"{api}/pulls/{pr.number}/commits",
        "statuses": f"{api}/statuses/{head_sha}",
    }
    return {
        "url": links["self"],
        "id": pr.id,
        "node_id": node_id("PullRequest", pr.id),
        "html_url": html,
        "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch",
        "issue_url": links["issue"],
        "commits_url": links["commits"],
        "review_comments_url": links["review_comments"],
        "review_comment_url": links["review_comment"],
        "comments_url": links["comments"],
        "statuses_url": links["statuses"],
        "number": pr.number,
        "state": pr.state,
        "locked": False,
        "title": pr.title,
        "user": user(site, pr.author_login),
        "body": pr.body,
        "labels": [],
        "milestone": None,
        "active_lock_reason": None,
        "created_at": iso(pr.created_at),
        "updated_at": iso(pr.updated_at),
        "closed_at": iso(pr.closed_at),
        "merged_at": iso(pr.merged_at),
        "merge_commit_sha": pr.merge_commit_sha,
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "head": _branch(site, repo, pr.head_branch, head_sha),
        "base": _branch(site, repo, pr.base_branch, site.catalog.base_sha(pr)),
        "_links": {name: {"href": href} for name, href in links.items()},
        "author_association": "MEMBER",
        "auto_merge": None,
        "draft": pr.draft,
    }


def pull_full(site: Site, repo: GhRepo, pr: GhPullRequest) -> Json:
    """A ``pull-request`` (the single GET): the list form plus merge state and diff stats."""
    body = pull_simple(site, repo, pr)
    merged = pr.merged_at is not None
    is_open = pr.state == "open"
    seed = stable_int("diff", pr.repo, pr.number)
    body.update(
        merged=merged,
        mergeable=True if is_open else None,
        rebaseable=True if is_open else None,
        mergeable_state="clean" if is_open else "unknown",
        merged_by=user(site, pr.author_login) if merged else None,
        comments=0,
        review_comments=0,
        maintainer_can_modify=False,
        commits=max(1, len(pr.commit_shas)),
        additions=seed % 400 + 1,
        deletions=seed % 150,
        changed_files=seed % 12 + 1,
    )
    return body


def _label(site: Site, repo: GhRepo, name: str) -> Json:
    ident = stable_int("label", repo.name, name)
    return {
        "id": ident,
        "node_id": node_id("Label", ident),
        "url": f"{site.api}/repos/{site.catalog.org}/{repo.name}/labels/{name}",
        "name": name,
        "description": None,
        "color": stable_sha("color", name)[:6],
        "default": False,
    }


def _issue_common(site: Site, repo: GhRepo, number: int) -> Json:
    api = f"{site.api}/repos/{site.catalog.org}/{repo.name}"
    return {
        "url": f"{api}/issues/{number}",
        "repository_url": api,
        "labels_url": f"{api}/issues/{number}/labels{{/name}}",
        "comments_url": f"{api}/issues/{number}/comments",
        "events_url": f"{api}/issues/{number}/events",
        "timeline_url": f"{api}/issues/{number}/timeline",
        "number": number,
        "locked": False,
        "active_lock_reason": None,
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "comments": 0,
        "author_association": "MEMBER",
        "performed_via_github_app": None,
        "reactions": _no_reactions(f"{api}/issues/{number}/reactions"),
    }


def issue(site: Site, repo: GhRepo, item: GhIssue) -> Json:
    """An ``issue`` for a real issue."""
    body = _issue_common(site, repo, item.number)
    body.update(
        id=item.id,
        node_id=node_id("Issue", item.id),
        html_url=f"{site.web}/{site.catalog.org}/{repo.name}/issues/{item.number}",
        state=item.state,
        title=item.title,
        body=item.body,
        user=user(site, item.author_login),
        labels=[_label(site, repo, name) for name in item.labels],
        created_at=iso(item.created_at),
        updated_at=iso(item.updated_at),
        closed_at=iso(item.closed_at),
    )
    if item.state == "closed":
        # GitHub sends null while open, but the spec's enum lacks null: the key is left out.
        body["state_reason"] = "completed"
    return body


def pull_as_issue(site: Site, repo: GhRepo, pr: GhPullRequest) -> Json:
    """How a pull request appears in the issues list: an issue with a ``pull_request`` key."""
    body = _issue_common(site, repo, pr.number)
    html = f"{site.web}/{site.catalog.org}/{repo.name}/pull/{pr.number}"
    body.update(
        id=_ISSUE_ID_OFFSET + pr.id,
        node_id=node_id("PullRequest", pr.id),
        html_url=html,
        state=pr.state,
        title=pr.title,
        body=pr.body,
        user=user(site, pr.author_login),
        labels=[],
        draft=pr.draft,
        created_at=iso(pr.created_at),
        updated_at=iso(pr.updated_at),
        closed_at=iso(pr.closed_at),
        pull_request={
            "url": f"{site.api}/repos/{site.catalog.org}/{repo.name}/pulls/{pr.number}",
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": iso(pr.merged_at),
        },
    )
    return body


def _no_reactions(url: str) -> dict[str, Any]:
    counts = dict.fromkeys(
        ["+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"], 0
    )
    return {"url": url, "total_count": 0, **counts}
