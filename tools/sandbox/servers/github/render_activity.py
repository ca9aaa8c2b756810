"""Commits, releases, deployments and deployment statuses in GitHub's wire shape."""

from __future__ import annotations

from tools.sandbox.model import GhCommit, GhDeployment, GhDeploymentStatus, GhRelease, GhRepo
from tools.sandbox.servers.github.catalog import node_id, stable_sha
from tools.sandbox.servers.github.render_repos import Json, Site, iso, user


def _git_actor(site: Site, login: str, when: str | None) -> Json:
    known = site.catalog.users.get(login)
    name = known.name if known is not None else login
    email = known.email if known is not None else f"{login}@users.noreply.github.com"
    return {"name": name, "email": email, "date": when}


def commit(site: Site, repo: GhRepo, item: GhCommit) -> Json:
    """A ``commit`` as the commits list returns it (no stats or files)."""
    full = f"{site.catalog.org}/{repo.name}"
    api = f"{site.api}/repos/{full}"
    tree = stable_sha("tree", item.sha)
    parent = site.catalog.parents.get(item.sha)
    parents = [] if parent is None else [parent]
    return {
        "sha": item.sha,
        "node_id": node_id("Commit", item.sha),
        "url": f"{api}/commits/{item.sha}",
        "html_url": f"{site.web}/{full}/commit/{item.sha}",
        "comments_url": f"{api}/commits/{item.sha}/comments",
        "commit": {
            "url": f"{api}/git/commits/{item.sha}",
            "author": _git_actor(site, item.author_login, iso(item.authored_at)),
            "committer": _git_actor(site, item.author_login, iso(item.committed_at)),
            "message": item.message,
            "tree": {"sha": tree, "url": f"{api}/git/trees/{tree}"},
            "comment_count": 0,
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
                "verified_at": None,
            },
        },
        "author": user(site, item.author_login),
        "committer": user(site, item.author_login),
        "parents": [
            {
                "sha": sha,
                "url": f"{api}/commits/{sha}",
                "html_url": f"{site.web}/{full}/commit/{sha}",
            }
            for sha in parents
        ],
    }


def release(site: Site, repo: GhRepo, item: GhRelease) -> Json:
    """A ``release`` (no assets: the sandbox ships none)."""
    full = f"{site.catalog.org}/{repo.name}"
    api = f"{site.api}/repos/{full}"
    logins = sorted(site.catalog.users) or [site.catalog.org]
    return {
        "url": f"{api}/releases/{item.id}",
        "html_url": f"{site.web}/{full}/releases/tag/{item.tag_name}",
        "assets_url": f"{api}/releases/{item.id}/assets",
        "upload_url": f"https://uploads.github.com/repos/{full}/releases/{item.id}/assets{{?name,label}}",
        "tarball_url": f"{api}/tarball/{item.tag_name}",
        "zipball_url": f"{api}/zipball/{item.tag_name}",
        "id": item.id,
        "node_id": node_id("Release", item.id),
        "tag_name": item.tag_name,
        "target_commitish": item.target_commitish,
        "name": item.name,
        "body": item.body,
        "draft": item.draft,
        "prerelease": item.prerelease,
        "immutable": False,
        "created_at": iso(item.created_at),
        "updated_at": iso(item.published_at),
        "published_at": None if item.draft else iso(item.published_at),
        "author": user(site, logins[item.id % len(logins)]),
        "assets": [],
    }


def deployment(site: Site, repo: GhRepo, item: GhDeployment) -> Json:
    """A ``deployment``."""
    api = f"{site.api}/repos/{site.catalog.org}/{repo.name}"
    return {
        "url": f"{api}/deployments/{item.id}",
        "id": item.id,
        "node_id": node_id("Deployment", item.id),
        "sha": item.sha,
        "ref": item.ref,
        "task": "deploy",
        "payload": {},
        "original_environment": item.environment,
        "environment": item.environment,
        "description": f"Deploy {item.ref} to {item.environment}",
        "creator": user(site, item.creator_login),
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
        "statuses_url": f"{api}/deployments/{item.id}/statuses",
        "repository_url": api,
        "transient_environment": False,
        "production_environment": item.environment == "production",
        "performed_via_github_app": None,
    }


def deployment_status(
    site: Site, repo: GhRepo, parent: GhDeployment, item: GhDeploymentStatus
) -> Json:
    """A ``deployment-status``."""
    full = f"{site.catalog.org}/{repo.name}"
    api = f"{site.api}/repos/{full}"
    log = f"{site.web}/{full}/actions/runs/{parent.id}"
    return {
        "url": f"{api}/deployments/{parent.id}/statuses/{item.id}",
        "id": item.id,
        "node_id": node_id("DeploymentStatus", item.id),
        "state": item.state,
        "creator": user(site, parent.creator_login),
        "description": item.description,
        "environment": parent.environment,
        "target_url": log,
        "log_url": log,
        "created_at": iso(item.created_at),
        "updated_at": iso(item.created_at),
        "deployment_url": f"{api}/deployments/{parent.id}",
        "repository_url": api,
        "performed_via_github_app": None,
    }
