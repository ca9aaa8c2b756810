"""GitHub sync: repositories' PRs, commits, releases, deployments (+ statuses) and issues.

Incremental per repository: PRs come newest-updated first and the walk stops at the stored
high-water mark; commits and issues use ``since``; releases and deployment lists are conditional
requests (a 304 costs nothing); statuses are fetched only for deployments without a final state.
``full`` ignores all of that and re-reads everything. PRs are linked to Jira by the issue keys in
their branch, title and body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select

from memory.source_models import (
    Commit,
    Deployment,
    DeploymentStatus,
    GitHubIssue,
    PullRequest,
    Release,
)
from memory.sync.base import Progress, SyncWriter, batched, event, iso
from tools.github import Deployment as WireDeployment
from tools.github import DeploymentStatus as WireStatus
from tools.github import GitHubSource
from tools.github import PullRequest as WirePR
from tools.github import Release as WireRelease

BATCH = 500
JIRA_KEY = re.compile(r"\b([A-Z][A-Z0-9]{1,9}-\d+)\b")
FINAL_STATES = ("success", "failure", "error", "inactive")


def jira_keys(*texts: str | None) -> list[str]:
    """Jira issue keys mentioned in branch names, titles or bodies, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for key in JIRA_KEY.findall((text or "").upper().replace("_", "-")):
            seen.setdefault(key, None)
    return list(seen)


def sync_github(
    client: GitHubSource, writer: SyncWriter, org: str, *, full: bool, progress: Progress
) -> None:
    """Bring the org's GitHub tables and events for every repository of ``org`` up to date."""
    for repo in client.list_org_repos(org):
        owner, name = repo.full_name.split("/", 1)
        state = {} if full else writer.cursor(f"repo:{repo.full_name}")
        started = datetime.now().astimezone()
        _pulls(client, writer, owner, name, state.get("pulls_updated"), progress)
        _commits(client, writer, owner, name, state.get("commits_since"), progress)
        _releases(client, writer, owner, name, full, progress)
        _deployments(client, writer, owner, name, full, progress)
        _issues(client, writer, owner, name, state.get("issues_since"), progress)
        newest_pr = _newest(writer, repo.full_name)
        writer.save_cursor(
            f"repo:{repo.full_name}",
            {
                "pulls_updated": iso(newest_pr),
                "commits_since": iso(started),
                "issues_since": iso(started),
            },
        )


def _since(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp) if stamp else None


def _newest(writer: SyncWriter, repo: str) -> datetime | None:
    with writer.transaction() as session:
        return session.execute(
            select(PullRequest.updated_at)
            .where(PullRequest.org_id == writer.org_id, PullRequest.repo == repo)
            .order_by(PullRequest.updated_at.desc())
            .limit(1)
        ).scalar_one_or_none()


def _until(prs: Iterable[WirePR], mark: datetime | None) -> Iterable[WirePR]:
    # Newest-updated first: everything after the high-water mark is already stored.
    for pr in prs:
        if mark is not None and pr.updated_at <= mark:
            return
        yield pr


def _pulls(
    client: GitHubSource, w: SyncWriter, owner: str, name: str, mark: str | None, progress: Progress
) -> None:
    repo = f"{owner}/{name}"
    found = _until(client.list_pull_requests(owner, name), _since(mark))
    for batch in batched(iter(found), BATCH):
        rows = [pr_row(w.org_id, repo, pr) for pr in batch]
        events = [e for pr in batch for e in pr_events(w.org_id, repo, pr)]
        w.write([(PullRequest, rows, ("org_id", "repo", "number"))], events)
        progress("github pull requests", len(batch))


def _commits(
    client: GitHubSource,
    w: SyncWriter,
    owner: str,
    name: str,
    since: str | None,
    progress: Progress,
) -> None:
    repo = f"{owner}/{name}"
    for batch in batched(iter(client.list_commits(owner, name, since=_since(since))), BATCH):
        rows = [
            {
                "org_id": w.org_id,
                "repo": repo,
                "sha": c.sha,
                "author": c.author.login if c.author else None,
                "message": c.commit.message,
                "committed_at": _commit_time(c),
            }
            for c in batch
        ]
        events = [
            event(
                w.org_id,
                "github",
                "commit",
                f"{repo}@{r['sha']}",
                r["committed_at"],
                r["message"].splitlines()[0] if r["message"] else r["sha"],
                repo=repo,
                sha=r["sha"],
                jira_keys=jira_keys(r["message"]),
            )
            for r in rows
        ]
        w.write([(Commit, rows, ("org_id", "repo", "sha"))], events)
        progress("github commits", len(batch))


def _commit_time(c: Any) -> datetime:
    actor = c.commit.committer or c.commit.author
    return actor.date if actor is not None and actor.date is not None else datetime.min


def _releases(
    client: GitHubSource, w: SyncWriter, owner: str, name: str, full: bool, progress: Progress
) -> None:
    repo = f"{owner}/{name}"
    found = client.list_releases(owner, name, skip_if_unchanged=not full)
    for batch in batched(iter(found), BATCH):
        rows = [release_row(w.org_id, repo, r) for r in batch]
        events = [release_event(w.org_id, repo, r) for r in batch]
        w.write([(Release, rows, ("org_id", "repo", "id"))], events)
        progress("github releases", len(batch))


def _final_deployments(w: SyncWriter, repo: str) -> set[int]:
    with w.transaction() as session:
        return set(
            session.execute(
                select(Deployment.id).where(
                    Deployment.org_id == w.org_id,
                    Deployment.repo == repo,
                    Deployment.state.in_(FINAL_STATES),
                )
            ).scalars()
        )


def _deployments(
    client: GitHubSource, w: SyncWriter, owner: str, name: str, full: bool, progress: Progress
) -> None:
    repo = f"{owner}/{name}"
    done = set() if full else _final_deployments(w, repo)
    # Never skipped on a 304: a new status does not change the deployment list's ETag, so the
    # (cached) list is walked to refresh every deployment that had no final state yet.
    found = client.list_deployments(owner, name)
    for batch in batched(iter(found), BATCH):
        rows, statuses, events = [], [], []
        for d in batch:
            if d.id in done:
                continue  # final state already stored; nothing can change
            history = list(client.list_deployment_statuses(owner, name, d.id))
            last = history[0] if history else None  # newest first
            rows.append(deployment_row(w.org_id, repo, d, last))
            statuses += [status_row(w.org_id, d.id, s) for s in history]
            events.append(deployment_created_event(w.org_id, repo, d))
            events += [deployment_status_event(w.org_id, repo, d, s) for s in history]
        w.write(
            [(Deployment, rows, ("org_id", "id")), (DeploymentStatus, statuses, ("org_id", "id"))],
            events,
        )
        w.report.counts.skipped += len(batch) - len(rows)
        w.report.counts.fetched += len(batch) - len(rows)
        progress("github deployments", len(batch))


def _issues(
    client: GitHubSource,
    w: SyncWriter,
    owner: str,
    name: str,
    since: str | None,
    progress: Progress,
) -> None:
    repo = f"{owner}/{name}"
    found = (
        i for i in client.list_issues(owner, name, since=_since(since)) if not i.is_pull_request
    )
    for batch in batched(found, BATCH):
        rows = [
            {
                "org_id": w.org_id,
                "repo": repo,
                "number": i.number,
                "title": i.title,
                "state": i.state,
                "labels": [lb.name for lb in i.labels],
                "created_at": i.created_at,
                "updated_at": i.updated_at,
                "closed_at": i.closed_at,
            }
            for i in batch
        ]
        events = [
            event(
                w.org_id,
                "github",
                "issue.opened",
                f"{repo}#{i.number}",
                i.created_at,
                i.title,
                repo=repo,
                issue=i.number,
            )
            for i in batch
        ]
        w.write([(GitHubIssue, rows, ("org_id", "repo", "number"))], events)
        progress("github issues", len(batch))


# Per-record mappings, shared by the sync and the webhook receivers so both write the same rows.


def pr_row(org_id: UUID, repo: str, pr: WirePR) -> dict[str, Any]:
    """The ``pull_requests`` row of one PR."""
    return {
        "org_id": org_id,
        "repo": repo,
        "number": pr.number,
        "title": pr.title,
        "author": pr.user.login if pr.user else None,
        "head_branch": pr.head.ref,
        "state": pr.state,
        "created_at": pr.created_at,
        "updated_at": pr.updated_at,
        "merged_at": pr.merged_at,
        "closed_at": pr.closed_at,
        "merge_commit_sha": pr.merge_commit_sha,
        "jira_keys": jira_keys(pr.head.ref, pr.title, pr.body),
    }


def pr_events(org_id: UUID, repo: str, pr: WirePR) -> list[dict[str, Any]]:
    """``pr.opened``, plus ``pr.merged`` once the PR is merged."""
    links: dict[str, Any] = {
        "repo": repo,
        "pr": pr.number,
        "jira_keys": jira_keys(pr.head.ref, pr.title, pr.body),
    }
    external_id = f"{repo}#{pr.number}"
    rows = [event(org_id, "github", "pr.opened", external_id, pr.created_at, pr.title, **links)]
    if pr.merged_at is not None:
        rows.append(
            event(
                org_id,
                "github",
                "pr.merged",
                external_id,
                pr.merged_at,
                pr.title,
                sha=pr.merge_commit_sha,
                **links,
            )
        )
    return rows


def release_row(org_id: UUID, repo: str, r: WireRelease) -> dict[str, Any]:
    """The ``releases`` row of one release."""
    return {
        "org_id": org_id,
        "repo": repo,
        "id": r.id,
        "tag_name": r.tag_name,
        "published_at": r.published_at,
    }


def release_event(org_id: UUID, repo: str, r: WireRelease) -> dict[str, Any]:
    """The ``release.published`` event (at creation time while still a draft)."""
    return event(
        org_id,
        "github",
        "release.published",
        f"{repo}:{r.id}",
        r.published_at or r.created_at,
        f"{repo} {r.tag_name}",
        repo=repo,
        tag=r.tag_name,
        sha=r.target_commitish,
    )


def deployment_row(
    org_id: UUID, repo: str, d: WireDeployment, last: WireStatus | None
) -> dict[str, Any]:
    """The ``deployments`` row; ``last`` is its newest status (its outcome so far)."""
    return {
        "org_id": org_id,
        "id": d.id,
        "repo": repo,
        "sha": d.sha,
        "ref": d.ref,
        "environment": d.environment,
        "created_at": d.created_at,
        "state": last.state if last else None,
        "state_at": last.created_at if last else None,
    }


def status_row(org_id: UUID, deployment_id: int, s: WireStatus) -> dict[str, Any]:
    """The ``deployment_statuses`` row of one status."""
    return {
        "org_id": org_id,
        "id": s.id,
        "deployment_id": deployment_id,
        "state": s.state,
        "created_at": s.created_at,
    }


def _deployment_links(repo: str, d: WireDeployment) -> dict[str, Any]:
    return {"repo": repo, "deployment_id": d.id, "sha": d.sha, "environment": d.environment}


def deployment_created_event(org_id: UUID, repo: str, d: WireDeployment) -> dict[str, Any]:
    """The ``deployment.created`` event."""
    return event(
        org_id,
        "github",
        "deployment.created",
        str(d.id),
        d.created_at,
        f"{repo} → {d.environment} {d.ref}",
        **_deployment_links(repo, d),
    )


def deployment_status_event(
    org_id: UUID, repo: str, d: WireDeployment, s: WireStatus
) -> dict[str, Any]:
    """The ``deployment.<state>`` event of one status."""
    return event(
        org_id,
        "github",
        f"deployment.{s.state}",
        f"{d.id}:{s.id}",
        s.created_at,
        f"{repo} {d.environment} {s.state}",
        **_deployment_links(repo, d),
    )
