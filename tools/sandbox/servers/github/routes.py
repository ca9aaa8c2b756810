"""The ten GET operations of the GitHub subset, as pure functions of the request and the data.

Each returns a ``Reply`` (or raises ``GitHubHTTPError``); the endpoint wrapper in ``app.py`` adds
auth, the rate limit, ETags and headers. Private repositories are invisible without a token,
which GitHub answers with 404, not 401.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from tools.sandbox.model import GhIssue, GhPullRequest, GhRepo
from tools.sandbox.servers.github import queries
from tools.sandbox.servers.github import render_activity as activity
from tools.sandbox.servers.github import render_pulls as pulls
from tools.sandbox.servers.github.budget import Window
from tools.sandbox.servers.github.catalog import repo_key
from tools.sandbox.servers.github.paging import paginate
from tools.sandbox.servers.github.render_repos import Site, repository
from tools.sandbox.servers.github.wire import DOCS, not_found

_D = f"{DOCS}/"
DOCS_BY_OPERATION = {
    "repos/get": _D + "repos/repos#get-a-repository",
    "repos/list-for-org": _D + "repos/repos#list-organization-repositories",
    "pulls/list": _D + "pulls/pulls#list-pull-requests",
    "pulls/get": _D + "pulls/pulls#get-a-pull-request",
    "repos/list-commits": _D + "commits/commits#list-commits",
    "repos/list-releases": _D + "releases/releases#list-releases",
    "repos/list-deployments": _D + "deployments/deployments#list-deployments",
    "repos/list-deployment-statuses": _D + "deployments/statuses#list-deployment-statuses",
    "issues/list-for-repo": _D + "issues/issues#list-repository-issues",
    "rate-limit/get": _D + "rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user",
}


@dataclass(frozen=True)
class Call:
    request: Request
    site: Site
    authenticated: bool
    window: Window  # the caller's primary-limit window before this request
    docs: str

    def param(self, name: str) -> str:
        """A path parameter as text."""
        return str(self.request.path_params[name])

    def repo(self) -> GhRepo:
        """The repository in the path, or GitHub's 404 (private ones too, when anonymous)."""
        found = self.site.catalog.repo(self.param("owner"), self.param("repo"))
        if found is None or (found.private and not self.authenticated):
            raise not_found(self.docs)
        return found


@dataclass(frozen=True)
class Reply:
    data: Any
    link: str | None = None


def _page(call: Call, items: list[Any], render: Callable[[Any], Any]) -> Reply:
    page = paginate(call.request.url, items)
    return Reply([render(item) for item in page.items], page.link)


def get_repo(call: Call) -> Reply:
    """``GET /repos/{owner}/{repo}``: a full-repository."""
    return Reply(repository(call.site, call.repo()))


def list_org_repos(call: Call) -> Reply:
    """``GET /orgs/{org}/repos``: minimal-repositories the caller may see."""
    cat = call.site.catalog
    if call.param("org").casefold() != cat.org.casefold():
        raise not_found(call.docs)
    visible = [r for r in cat.repos.values() if call.authenticated or not r.private]
    chosen = queries.org_repos(call.request.query_params, visible)
    return _page(call, chosen, lambda r: repository(call.site, r, detail="minimal"))


def list_pulls(call: Call) -> Reply:
    """``GET /repos/{owner}/{repo}/pulls``."""
    repo = call.repo()
    items = call.site.catalog.pulls[repo_key(repo.name)]
    chosen = queries.pulls(call.request.query_params, items, call.site.catalog.org, call.docs)
    return _page(call, chosen, lambda p: pulls.pull_simple(call.site, repo, p))


def get_pull(call: Call) -> Reply:
    """``GET /repos/{owner}/{repo}/pulls/{pull_number}``."""
    repo = call.repo()
    found = call.site.catalog.pull(repo, int(call.param("pull_number")))
    if found is None:
        raise not_found(call.docs)
    return Reply(pulls.pull_full(call.site, repo, found))


def list_commits(call: Call) -> Reply:
    """``GET /repos/{owner}/{repo}/commits``."""
    repo = call.repo()
    key = repo_key(repo.name)
    cat = call.site.catalog
    query = call.request.query_params
    chosen = queries.commits(query, cat.commits[key], cat.pulls[key], repo, call.docs)
    return _page(call, chosen, lambda c: activity.commit(call.site, repo, c))


def list_releases(call: Call) -> Reply:
    """``GET /repos/{owner}/{repo}/releases``, newest first."""
    repo = call.repo()
    items = call.site.catalog.releases[repo_key(repo.name)]
    chosen = sorted(items, key=lambda r: (r.created_at, r.id), reverse=True)
    return _page(call, chosen, lambda r: activity.release(call.site, repo, r))


def list_deployments(call: Call) -> Reply:
    """``GET /repos/{owner}/{repo}/deployments``."""
    repo = call.repo()
    items = call.site.catalog.deployments[repo_key(repo.name)]
    chosen = queries.deployments(call.request.query_params, items)
    return _page(call, chosen, lambda d: activity.deployment(call.site, repo, d))


def list_deployment_statuses(call: Call) -> Reply:
    """``GET .../deployments/{deployment_id}/statuses``, newest first."""
    repo = call.repo()
    parent = call.site.catalog.deployment(repo, int(call.param("deployment_id")))
    if parent is None:
        raise not_found(call.docs)
    newest_first = list(reversed(parent.statuses))
    return _page(
        call, newest_first, lambda s: activity.deployment_status(call.site, repo, parent, s)
    )


def list_issues(call: Call) -> Reply:
    """``GET /repos/{owner}/{repo}/issues``: issues and pull requests together."""
    repo = call.repo()
    key = repo_key(repo.name)
    cat = call.site.catalog
    items: list[Any] = [*cat.issues[key], *cat.pulls[key]]
    chosen = queries.issues(call.request.query_params, items, call.docs)

    def render(item: GhIssue | GhPullRequest) -> Any:
        if isinstance(item, GhPullRequest):
            return pulls.pull_as_issue(call.site, repo, item)
        return pulls.issue(call.site, repo, item)

    return _page(call, chosen, render)


def rate_limit(call: Call) -> Reply:
    """Only ``core`` is metered in the sandbox; the other buckets report full budgets."""
    window = call.window
    core = {
        "limit": window.limit,
        "used": window.used,
        "remaining": window.remaining,
        "reset": window.reset,
    }
    resources = {"core": core}
    for name, limit in _UNMETERED.items():
        resources[name] = {"limit": limit, "used": 0, "remaining": limit, "reset": window.reset}
    return Reply({"resources": resources, "rate": core})


_UNMETERED = {
    "search": 30,
    "graphql": 5000,
    "integration_manifest": 5000,
    "source_import": 100,
    "code_search": 10,
    "actions_runner_registration": 10000,
    "scim": 15000,
    "dependency_snapshots": 100,
    "code_scanning_autofix": 10,
}


Handler = Callable[[Call], Reply]
ROUTES: list[tuple[str, str, Handler]] = [
    ("/repos/{owner}/{repo}", "repos/get", get_repo),
    ("/orgs/{org}/repos", "repos/list-for-org", list_org_repos),
    ("/repos/{owner}/{repo}/pulls", "pulls/list", list_pulls),
    ("/repos/{owner}/{repo}/pulls/{pull_number:int}", "pulls/get", get_pull),
    ("/repos/{owner}/{repo}/commits", "repos/list-commits", list_commits),
    ("/repos/{owner}/{repo}/releases", "repos/list-releases", list_releases),
    ("/repos/{owner}/{repo}/deployments", "repos/list-deployments", list_deployments),
    (
        "/repos/{owner}/{repo}/deployments/{deployment_id:int}/statuses",
        "repos/list-deployment-statuses",
        list_deployment_statuses,
    ),
    ("/repos/{owner}/{repo}/issues", "issues/list-for-repo", list_issues),
    ("/rate_limit", "rate-limit/get", rate_limit),
]
