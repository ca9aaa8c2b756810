"""The GitHub org: PRs from Jira work and chores, deployments, releases and issues, as records."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from tools.sandbox.generator.chores import GhIssueDraft, dependabot_prs, gh_issues
from tools.sandbox.generator.clock import stream
from tools.sandbox.generator.deploys import DeployDraft, deployments
from tools.sandbox.generator.people import Team
from tools.sandbox.generator.prs import PrDraft, prs_for_issues
from tools.sandbox.generator.releases import build_releases
from tools.sandbox.generator.repos import pick_repos, repo_models
from tools.sandbox.model import (
    GhCommit,
    GhDeployment,
    GhDeploymentStatus,
    GhIssue,
    GhPullRequest,
    GhRelease,
    GhRepo,
    JiraIssue,
    JiraSprint,
)


@dataclass(frozen=True)
class GithubPart:
    repos: list[GhRepo]
    commits: list[GhCommit]
    pull_requests: list[GhPullRequest]
    releases: list[GhRelease]
    deployments: list[GhDeployment]
    issues: list[GhIssue]


def build_github(
    seed: int,
    size: int,
    *,
    team: Team,
    issues: list[JiraIssue],
    sprints: list[JiraSprint],
    org: str,
    jira_site: str,
) -> GithubPart:
    """Everything in the GitHub org, consistent with the Jira issues' timelines."""
    specs = pick_repos(stream(seed, size, "repos"))
    prs = prs_for_issues(stream(seed, size, "prs"), issues, team, specs, jira_site)
    prs += dependabot_prs(stream(seed, size, "dependabot"), specs, team, size)
    deploys, reverts = deployments(stream(seed, size, "deploys"), specs, prs, team, size)
    prs += reverts
    tickets = gh_issues(stream(seed, size, "gh-issues"), specs, team, size)
    _number(prs, tickets)
    for pr in reverts:
        if pr.reverts is not None:
            pr.branch = f"revert-{pr.reverts.number}-{pr.reverts.branch}"
            pr.body = f"Reverts {org}/{pr.repo}#{pr.reverts.number}"
    releases = build_releases(stream(seed, size, "releases"), specs, prs, sprints, org)
    commits = _commits(prs, org)
    pushed = {c.repo: c.committed_at for c in commits}  # commits are in time order
    return GithubPart(
        repos=repo_models(stream(seed, size, "repo-ids"), specs, pushed),
        commits=commits,
        pull_requests=_pull_requests(prs),
        releases=releases,
        deployments=[_deployment(d) for d in deploys],
        issues=_issues(tickets),
    )


def _number(prs: list[PrDraft], tickets: list[GhIssueDraft]) -> None:
    # PRs and issues share one number sequence per repository, in creation order.
    counters: dict[str, count[int]] = {}
    items: list[PrDraft | GhIssueDraft] = [*prs, *tickets]
    for item in sorted(items, key=lambda i: i.created_at):
        item.number = next(counters.setdefault(item.repo, count(1)))


def _commits(prs: list[PrDraft], org: str) -> list[GhCommit]:
    out = []
    for pr in prs:
        branch = [(c.sha, c.author, c.message, c.at) for c in pr.commits]
        if pr.merged_at and pr.merge_sha and pr.merger:
            message = f"Merge pull request #{pr.number} from {org}/{pr.branch}\n\n{pr.title}"
            branch.append((pr.merge_sha, pr.merger, message, pr.merged_at))
        out += [
            GhCommit(
                sha=sha,
                repo=pr.repo,
                author_login=author,
                message=message,
                authored_at=at,
                committed_at=at,
                pr_number=pr.number,
            )
            for sha, author, message, at in branch
        ]
    return sorted(out, key=lambda c: c.committed_at)


def _pull_requests(prs: list[PrDraft]) -> list[GhPullRequest]:
    ordered = sorted(prs, key=lambda p: p.created_at)
    return [
        GhPullRequest(
            repo=pr.repo,
            number=pr.number,
            id=1_900_000_000 + n,
            title=pr.title,
            body=pr.body,
            author_login=pr.author,
            head_branch=pr.branch,
            state="closed" if pr.closed_at else "open",
            draft=pr.draft,
            created_at=pr.created_at,
            updated_at=pr.updated_at,
            closed_at=pr.closed_at,
            merged_at=pr.merged_at,
            merge_commit_sha=pr.merge_sha,
            first_commit_at=pr.commits[0].at,
            commit_shas=[c.sha for c in pr.commits],
            jira_keys=pr.jira_keys,
        )
        for n, pr in enumerate(ordered)
    ]


def _deployment(d: DeployDraft) -> GhDeployment:
    statuses = [
        # Status ids only need to grow within a deployment; derive them from its id.
        GhDeploymentStatus(id=d.id * 4 + i, state=state, created_at=at, description=text)
        for i, (state, at, text) in enumerate(d.statuses)
    ]
    return GhDeployment(
        repo=d.repo,
        id=d.id,
        sha=d.sha,
        ref=d.ref,
        environment=d.environment,
        creator_login=d.creator,
        created_at=d.created_at,
        updated_at=d.finished_at,
        statuses=statuses,
        restored_by=d.restored_by.id if d.restored_by else None,
        rollback_of=d.rollback_of.id if d.rollback_of else None,
    )


def _issues(tickets: list[GhIssueDraft]) -> list[GhIssue]:
    ordered = sorted(tickets, key=lambda t: t.created_at)
    return [
        GhIssue(
            repo=t.repo,
            number=t.number,
            id=2_600_000_000 + n,
            title=t.title,
            body=t.body,
            state="closed" if t.closed_at else "open",
            labels=t.labels,
            author_login=t.author,
            created_at=t.created_at,
            updated_at=t.updated_at,
            closed_at=t.closed_at,
        )
        for n, t in enumerate(ordered)
    ]
