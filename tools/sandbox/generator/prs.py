"""Pull requests: one per worked Jira issue (mostly), their branch commits, and merges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from tools.sandbox.generator import texts
from tools.sandbox.generator.clock import END, between, sha
from tools.sandbox.generator.names import slug
from tools.sandbox.generator.people import Team
from tools.sandbox.generator.repos import RepoSpec, repo_for
from tools.sandbox.generator.themes import COMMIT_MESSAGES
from tools.sandbox.model import JiraIssue

_HAS_PR = {"Story": 0.8, "Bug": 0.55, "Task": 0.35}
_BRANCH_PREFIX = {"Story": "feature", "Bug": "fix", "Task": "chore"}
MINUTE = timedelta(minutes=1)


@dataclass
class CommitDraft:
    sha: str
    author: str
    message: str
    at: datetime


@dataclass
class PrDraft:
    repo: str
    title: str
    body: str
    author: str
    branch: str
    created_at: datetime
    commits: list[CommitDraft]
    jira_keys: list[str]
    merged_at: datetime | None = None
    closed_at: datetime | None = None
    merger: str | None = None
    merge_sha: str | None = None
    draft: bool = False
    reverts: PrDraft | None = None  # set on revert PRs opened to fix a failed deploy
    number: int = 0  # given per repository once every PR and issue exists
    labels: list[str] = field(default_factory=list)

    @property
    def updated_at(self) -> datetime:
        """The last thing that happened to the PR."""
        return max(self.created_at, self.commits[-1].at, self.closed_at or self.created_at)


def prs_for_issues(
    rng: Random, issues: list[JiraIssue], team: Team, repos: list[RepoSpec], jira_site: str
) -> list[PrDraft]:
    """PRs for worked issues: opened while In Progress, merged after In Review, before Done."""
    logins = {p.account_id: p.login for p in team.people}
    out: list[PrDraft] = []
    for issue in issues:
        times = {c.to_status: c for c in issue.changelog}
        start = times.get("In Progress")
        if issue.issue_type == "Epic" or start is None or rng.random() > _HAS_PR[issue.issue_type]:
            continue
        review, done = times.get("In Review"), times.get("Done")
        author = logins[issue.assignee_account_id or start.author_account_id]
        repo = repo_for(issue.labels[0], repos)
        in_review = review.at if review else None
        # A tenth of stories need a change in a second repository (API plus UI, usually).
        twin = issue.issue_type == "Story" and rng.random() < 0.1
        for where in [repo, "web" if repo != "web" else "api"][: 2 if twin else 1]:
            pr = _issue_pr(rng, issue, where, author, start.at, in_review, jira_site)
            if pr is None:
                continue
            if review is not None and done is not None:
                _merge(rng, pr, review.at, done.at, logins[done.author_account_id])
            else:
                add_commits(rng, pr, min(END, pr.created_at + timedelta(days=3)))
            if rng.random() < 0.04 and pr.created_at - start.at > 10 * MINUTE:
                out.append(_abandoned(rng, pr, start.at))
            out.append(pr)
    return out


def _issue_pr(
    rng: Random,
    issue: JiraIssue,
    repo: str,
    author: str,
    started: datetime,
    in_review: datetime | None,
    jira_site: str,
) -> PrDraft | None:
    limit = in_review or END
    first = started + (limit - started) * rng.uniform(0.05, 0.3)
    created = first + (limit - first) * rng.uniform(0.2, 0.9)
    first, created = first.replace(microsecond=0), created.replace(microsecond=0)
    if in_review is None and (created > END or rng.random() < 0.3):
        return None  # still being written locally: nothing pushed yet
    branch = f"{_BRANCH_PREFIX[issue.issue_type]}/{issue.key}-{slug(issue.summary, limit=30)}"
    commits = [CommitDraft(sha(rng), author, texts.first_commit(issue.summary), first)]
    return PrDraft(
        repo=repo,
        title=f"{issue.key}: {issue.summary}",
        body=texts.pr_body(issue.key, issue.summary, jira_site),
        author=author,
        branch=branch,
        created_at=created,
        commits=commits,
        jira_keys=[issue.key],
        draft=in_review is None and rng.random() < 0.5,
    )


def _merge(rng: Random, pr: PrDraft, in_review: datetime, done: datetime, merger: str) -> None:
    """Merge strictly between In Review and Done; add the review-round commits before that."""
    gap = (done - in_review).total_seconds()  # at least an hour (see jira._work)
    pr.merged_at = in_review + timedelta(seconds=max(1, int(gap * rng.uniform(0.2, 0.95))))
    pr.closed_at = pr.merged_at
    pr.merger, pr.merge_sha = merger, sha(rng)
    add_commits(rng, pr, pr.merged_at - MINUTE)


def add_commits(rng: Random, pr: PrDraft, until: datetime) -> None:
    """One to four more commits on the branch, between the first one and ``until``."""
    lo = pr.commits[0].at
    extra = sorted(between(rng, lo, max(lo, until)) for _ in range(rng.choice((0, 1, 1, 2, 3))))
    pr.commits += [CommitDraft(sha(rng), pr.author, rng.choice(COMMIT_MESSAGES), t) for t in extra]


def _abandoned(rng: Random, pr: PrDraft, started: datetime) -> PrDraft:
    """A first attempt, closed unmerged shortly before its replacement was opened."""
    first = between(rng, started, pr.created_at - 8 * MINUTE)
    created = between(rng, first + MINUTE, pr.created_at - 4 * MINUTE)
    commits = [CommitDraft(sha(rng), pr.author, pr.commits[0].message, first)]
    return PrDraft(
        repo=pr.repo,
        title=pr.title,
        body=pr.body,
        author=pr.author,
        branch=f"{pr.branch}-old",
        created_at=created,
        commits=commits,
        jira_keys=list(pr.jira_keys),
        closed_at=between(rng, created + MINUTE, pr.created_at - MINUTE),
    )


def revert_pr(rng: Random, original: PrDraft, opened: datetime, author: str) -> PrDraft:
    """GitHub's "Revert" PR for ``original``; branch and body need numbers, so come later."""
    title = f'Revert "{original.title}"'
    message = f"{title}\n\nThis reverts commit {original.merge_sha}."
    return PrDraft(
        repo=original.repo,
        title=title,
        body="",
        author=author,
        branch="",
        created_at=opened,
        commits=[CommitDraft(sha(rng), author, message, opened - 2 * MINUTE)],
        jira_keys=list(original.jira_keys),
        reverts=original,
    )
