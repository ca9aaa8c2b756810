"""The sandbox company's GitHub records, indexed the way the routes look them up.

GitHub matches owner and repository names case-insensitively; so does this index. Records whose
``repo`` field holds ``org/name`` or just ``name`` are both accepted.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from tools.sandbox.model import (
    GhCommit,
    GhDeployment,
    GhIssue,
    GhPullRequest,
    GhRelease,
    GhRepo,
    GhUser,
    SandboxCompany,
)


def node_id(kind: str, ident: int | str) -> str:
    """GitHub's legacy global node id, e.g. ``MDQ6VXNlcjE=`` for ``04:User1``."""
    return base64.b64encode(f"0{len(kind)}:{kind}{ident}".encode()).decode()


def stable_int(*parts: object, modulo: int = 90_000_000) -> int:
    """A deterministic positive number for records the model gives no id (org, labels)."""
    return 10_000_000 + zlib.crc32("/".join(map(str, parts)).encode()) % modulo


def stable_sha(*parts: object) -> str:
    """A deterministic 40-hex sha for git objects the model does not carry (trees, bases)."""
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


def repo_key(name: str) -> str:
    """The lookup key of a repository name (``org/name`` or ``name``, any case)."""
    return name.rsplit("/", 1)[-1].casefold()


@dataclass
class Catalog:
    """Lookups over one SandboxCompany; lists are kept in GitHub's default order."""

    company: SandboxCompany
    users: dict[str, GhUser] = field(default_factory=dict)
    repos: dict[str, GhRepo] = field(default_factory=dict)
    commits: dict[str, list[GhCommit]] = field(default_factory=lambda: defaultdict(list))
    pulls: dict[str, list[GhPullRequest]] = field(default_factory=lambda: defaultdict(list))
    issues: dict[str, list[GhIssue]] = field(default_factory=lambda: defaultdict(list))
    releases: dict[str, list[GhRelease]] = field(default_factory=lambda: defaultdict(list))
    deployments: dict[str, list[GhDeployment]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[str, str] = field(default_factory=dict)  # commit sha -> parent sha
    # Derived once: the routes render thousands of records and must not rescan lists per item.
    open_counts: dict[str, int] = field(default_factory=dict)
    deployment_ids: dict[int, GhDeployment] = field(default_factory=dict)
    bases: dict[tuple[str, int], str] = field(default_factory=dict)

    @classmethod
    def of(cls, company: SandboxCompany) -> Catalog:
        """Index ``company`` once; the server reads it for every request."""
        cat = cls(company)
        cat.users = {user.login: user for user in company.gh_users}
        cat.repos = {repo_key(repo.name): repo for repo in company.repos}
        for commit in company.commits:
            cat.commits[repo_key(commit.repo)].append(commit)
        for pr in company.pull_requests:
            cat.pulls[repo_key(pr.repo)].append(pr)
        for issue in company.gh_issues:
            cat.issues[repo_key(issue.repo)].append(issue)
        for release in company.releases:
            cat.releases[repo_key(release.repo)].append(release)
        for deployment in company.deployments:
            cat.deployments[repo_key(deployment.repo)].append(deployment)
        for history in cat.commits.values():
            # Newest first, as `git log` and GitHub list them; a linear history.
            history.sort(key=lambda c: (c.committed_at, c.sha), reverse=True)
            for newer, older in pairwise(history):
                cat.parents[newer.sha] = older.sha
        for key in cat.repos:
            # GitHub's open_issues_count counts open pull requests too.
            cat.open_counts[key] = sum(i.state == "open" for i in cat.issues[key]) + sum(
                p.state == "open" for p in cat.pulls[key]
            )
        cat.deployment_ids = {d.id: d for d in company.deployments}
        return cat

    @property
    def org(self) -> str:
        return self.company.github_org

    @property
    def org_id(self) -> int:
        return stable_int("org", self.org)

    def repo(self, owner: str, name: str) -> GhRepo | None:
        """The repository ``owner/name`` of this org, or None."""
        if owner.casefold() != self.org.casefold():
            return None
        return self.repos.get(repo_key(name))

    def user_id(self, login: str) -> int:
        """The user's id; a stable made-up one for logins the company does not list."""
        user = self.users.get(login)
        return user.id if user is not None else stable_int("user", login)

    def pull(self, repo: GhRepo, number: int) -> GhPullRequest | None:
        """Pull request ``number`` of ``repo``, or None."""
        return next((p for p in self.pulls[repo_key(repo.name)] if p.number == number), None)

    def deployment(self, repo: GhRepo, deployment_id: int) -> GhDeployment | None:
        """Deployment ``deployment_id`` of ``repo``, or None."""
        found = self.deployment_ids.get(deployment_id)
        return found if found is not None and repo_key(found.repo) == repo_key(repo.name) else None

    def base_sha(self, pr: GhPullRequest) -> str:
        """The default branch's newest commit when the PR was opened (outside the PR)."""
        memo = (repo_key(pr.repo), pr.number)
        if memo not in self.bases:
            self.bases[memo] = self._find_base(pr)
        return self.bases[memo]

    def _find_base(self, pr: GhPullRequest) -> str:
        own = set(pr.commit_shas)
        for commit in self.commits[repo_key(pr.repo)]:
            if commit.committed_at <= pr.created_at and commit.sha not in own:
                return commit.sha
        return stable_sha(pr.repo, pr.number, "base")

    def head_sha(self, pr: GhPullRequest) -> str:
        """The PR branch's last commit."""
        return pr.commit_shas[-1] if pr.commit_shas else stable_sha(pr.repo, pr.number, "head")
