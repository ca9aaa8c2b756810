"""Users, the organisation and repositories in GitHub's wire shape (simple-user, *-repository)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from tools.sandbox.model import GhRepo
from tools.sandbox.servers.github.catalog import Catalog, node_id, repo_key

Json = dict[str, Any]


@dataclass(frozen=True)
class Site:
    """Where rendered URLs point: ``api`` is the server's own base URL (or api.github.com)."""

    catalog: Catalog
    api: str
    web: str = "https://github.com"


def iso(value: datetime | None) -> str | None:
    """GitHub's timestamp form: UTC, seconds, ``Z``."""
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def user(site: Site, login: str, *, kind: Literal["User", "Organization"] = "User") -> Json:
    """A ``simple-user`` for ``login`` (the org renders with ``type: Organization``)."""
    ident = site.catalog.org_id if kind == "Organization" else site.catalog.user_id(login)
    url = f"{site.api}/users/{login}"
    return {
        "login": login,
        "id": ident,
        "node_id": node_id(kind, ident),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{ident}?v=4",
        "gravatar_id": "",
        "url": url,
        "html_url": f"{site.web}/{login}",
        "followers_url": f"{url}/followers",
        "following_url": f"{url}/following{{/other_user}}",
        "gists_url": f"{url}/gists{{/gist_id}}",
        "starred_url": f"{url}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{url}/subscriptions",
        "organizations_url": f"{url}/orgs",
        "repos_url": f"{url}/repos",
        "events_url": f"{url}/events{{/privacy}}",
        "received_events_url": f"{url}/received_events",
        "type": kind,
        "user_view_type": "public",
        "site_admin": False,
    }


def org(site: Site) -> Json:
    """The organisation as the ``simple-user`` that owns its repositories."""
    return user(site, site.catalog.org, kind="Organization")


def _urls(site: Site, full_name: str) -> Json:
    api = f"{site.api}/repos/{full_name}"
    plain = "contributors deployments downloads events forks hooks languages merges"
    plain += " stargazers subscribers subscription tags teams"
    urls: Json = {f"{name}_url": f"{api}/{name}" for name in plain.split()}
    templated = {
        "archive_url": "/{archive_format}{/ref}",
        "assignees_url": "/assignees{/user}",
        "blobs_url": "/git/blobs{/sha}",
        "branches_url": "/branches{/branch}",
        "collaborators_url": "/collaborators{/collaborator}",
        "comments_url": "/comments{/number}",
        "commits_url": "/commits{/sha}",
        "compare_url": "/compare/{base}...{head}",
        "contents_url": "/contents/{+path}",
        "git_commits_url": "/git/commits{/sha}",
        "git_refs_url": "/git/refs{/sha}",
        "git_tags_url": "/git/tags{/sha}",
        "issue_comment_url": "/issues/comments{/number}",
        "issue_events_url": "/issues/events{/number}",
        "issues_url": "/issues{/number}",
        "keys_url": "/keys{/key_id}",
        "labels_url": "/labels{/name}",
        "milestones_url": "/milestones{/number}",
        "notifications_url": "/notifications{?since,all,participating}",
        "pulls_url": "/pulls{/number}",
        "releases_url": "/releases{/id}",
        "statuses_url": "/statuses/{sha}",
        "trees_url": "/git/trees{/sha}",
    }
    urls.update({key: api + suffix for key, suffix in templated.items()})
    return urls


def repository(site: Site, repo: GhRepo, *, detail: Literal["minimal", "full"] = "full") -> Json:
    """``minimal-repository`` (org listing) or ``full-repository`` (single GET, PR head/base)."""
    cat = site.catalog
    full_name = f"{cat.org}/{repo.name}"
    key = repo_key(repo.name)
    open_issues = cat.open_counts.get(key, 0)  # GitHub counts open PRs too
    host = site.web.split("://", 1)[-1]
    body: Json = {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": full_name,
        "private": repo.private,
        "owner": org(site),
        "html_url": f"{site.web}/{full_name}",
        "description": repo.description,
        "fork": False,
        "url": f"{site.api}/repos/{full_name}",
        **_urls(site, full_name),
        "git_url": f"git://{host}/{full_name}.git",
        "ssh_url": f"git@{host}:{full_name}.git",
        "clone_url": f"{site.web}/{full_name}.git",
        "svn_url": f"{site.web}/{full_name}",
        "mirror_url": None,
        "homepage": None,
        "language": repo.language,
        "size": 10 * len(cat.commits[key]),
        "forks_count": 0,
        "forks": 0,
        "stargazers_count": 0,
        "watchers_count": 0,
        "watchers": 0,
        "open_issues_count": open_issues,
        "open_issues": open_issues,
        "default_branch": repo.default_branch,
        "is_template": False,
        "topics": [],
        "has_issues": True,
        "has_projects": True,
        "has_wiki": False,
        "has_pages": False,
        "has_downloads": True,
        "has_discussions": False,
        "archived": False,
        "disabled": False,
        "visibility": "private" if repo.private else "public",
        "license": None,
        "allow_forking": False,
        "web_commit_signoff_required": False,
        "pushed_at": iso(repo.pushed_at),
        "created_at": iso(repo.created_at),
        "updated_at": iso(repo.updated_at),
        "permissions": {
            "admin": False,
            "maintain": False,
            "push": True,
            "triage": True,
            "pull": True,
        },
    }
    if detail == "full":
        body.update(
            allow_rebase_merge=True,
            allow_squash_merge=True,
            allow_merge_commit=True,
            allow_auto_merge=False,
            allow_update_branch=False,
            delete_branch_on_merge=True,
            use_squash_pr_title_as_default=False,
            organization=org(site),
            network_count=0,
            subscribers_count=len(cat.users),
        )
    return body
