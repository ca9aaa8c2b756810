"""SQL for the dashboard's synced facts of one period: deals, deploys, PRs, issues, shipped.

Every query is scoped by org. Bounds are half-open: ``since <= t < until``. Each function returns
plain dicts shaped like ``agents.dashboard.facts``; no metric is computed here.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from memory.repositories.correlation import request_to_production
from memory.source_models import (
    Commit,
    Deal,
    DealStageChange,
    Deployment,
    Event,
    GitHubIssue,
    JiraIssue,
    PullRequest,
)

PRODUCTION, SUCCESS = "production", "success"
BUG_LABEL, JIRA_BUG = "bug", "Bug"


def newest_event_at(session: Session, org_id: uuid.UUID) -> datetime | None:
    """When the newest synced event of the org happened (None when nothing is synced)."""
    return session.execute(
        select(func.max(Event.occurred_at)).where(Event.org_id == org_id)
    ).scalar_one()


def deals(session: Session, org_id: uuid.UUID, until: datetime) -> list[dict[str, Any]]:
    """Deals created or closed before ``until``, each with its stage changes before ``until``."""
    history: dict[str, list[tuple[str, datetime]]] = {}
    for change in session.execute(
        select(DealStageChange.deal_id, DealStageChange.stage, DealStageChange.at)
        .where(DealStageChange.org_id == org_id, DealStageChange.at < until)
        .order_by(DealStageChange.deal_id, DealStageChange.at)
    ):
        history.setdefault(change.deal_id, []).append((change.stage, change.at))
    rows = session.execute(
        select(Deal)
        .where(
            Deal.org_id == org_id,
            or_(Deal.create_date < until, Deal.close_date < until),
        )
        .order_by(Deal.id)
    ).scalars()
    return [
        {
            "id": d.id,
            "company_id": d.company_id,
            "kind": d.kind,
            "amount": d.amount or 0.0,
            "created_at": d.create_date,
            "closed_at": d.close_date,
            "stage": d.stage,
            "stages": history.get(d.id, []),
        }
        for d in rows
    ]


def _finished() -> Any:
    return func.coalesce(Deployment.state_at, Deployment.created_at)


def production_deploys(
    session: Session, org_id: uuid.UUID, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """Production deploys created in the window; a failed one carries when service came back
    (the finish of the next successful production deploy of its repository)."""
    later = aliased(Deployment)
    restored = (
        select(func.min(func.coalesce(later.state_at, later.created_at)))
        .where(
            later.org_id == org_id,
            later.repo == Deployment.repo,
            later.environment == PRODUCTION,
            later.state == SUCCESS,
            later.created_at >= _finished(),
            later.id != Deployment.id,
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            Deployment.id,
            Deployment.repo,
            Deployment.created_at,
            Deployment.state,
            _finished().label("finished_at"),
            Commit.committed_at,
            restored.label("restored_at"),
        )
        .outerjoin(
            Commit,
            and_(
                Commit.org_id == org_id,
                Commit.repo == Deployment.repo,
                Commit.sha == Deployment.sha,
            ),
        )
        .where(
            Deployment.org_id == org_id,
            Deployment.environment == PRODUCTION,
            Deployment.created_at >= since,
            Deployment.created_at < until,
        )
        .order_by(Deployment.created_at, Deployment.id)
    )
    return [
        {**r._asdict(), "restored_at": r.restored_at if r.state != SUCCESS else None} for r in rows
    ]


def _first_live(
    session: Session, org_id: uuid.UUID, until: datetime
) -> dict[str, tuple[list[datetime], list[datetime]]]:
    """Per repository, successful production deploys finished before ``until`` in finish order:
    (running max of the deployed commit's time, finish time)."""
    deployed_at = _finished()
    rows = session.execute(
        select(Deployment.repo, Commit.committed_at, deployed_at.label("deployed_at"))
        .join(
            Commit,
            and_(
                Commit.org_id == Deployment.org_id,
                Commit.repo == Deployment.repo,
                Commit.sha == Deployment.sha,
            ),
        )
        .where(
            Deployment.org_id == org_id,
            Deployment.environment == PRODUCTION,
            Deployment.state == SUCCESS,
            deployed_at < until,
        )
        .order_by(deployed_at, Deployment.id)
    )
    live: dict[str, tuple[list[datetime], list[datetime]]] = {}
    for r in rows:
        newest, finished = live.setdefault(r.repo, ([], []))
        newest.append(max(r.committed_at, newest[-1]) if newest else r.committed_at)
        finished.append(r.deployed_at)
    return live


def pull_requests(
    session: Session, org_id: uuid.UUID, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """Merged PRs merged or first put live in the window; ``deployed_at`` is the finish of the
    first successful production deploy of the repository running a commit committed at or
    after the merge (as in ``correlation.request_to_production``), None if none before
    ``until``."""
    live = _first_live(session, org_id, until)
    rows = session.execute(
        select(PullRequest.repo, PullRequest.number, PullRequest.created_at, PullRequest.merged_at)
        .where(
            PullRequest.org_id == org_id,
            PullRequest.merged_at.is_not(None),
            PullRequest.merged_at < until,
        )
        .order_by(PullRequest.merged_at, PullRequest.repo, PullRequest.number)
    )
    out = []
    for r in rows:
        newest, finished = live.get(r.repo, ([], []))
        # The running max is sorted, so the first deploy carrying the merge is a bisection away.
        i = bisect_left(newest, r.merged_at)
        deployed_at = finished[i] if i < len(finished) else None
        if r.merged_at >= since or (deployed_at is not None and deployed_at >= since):
            out.append({**r._asdict(), "deployed_at": deployed_at})
    return out


def issues(
    session: Session, org_id: uuid.UUID, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """Jira and GitHub issues created or resolved in the window."""

    def touched(created: Any, resolved: Any) -> Any:
        return or_(
            and_(created >= since, created < until), and_(resolved >= since, resolved < until)
        )

    jira = session.execute(
        select(JiraIssue.key, JiraIssue.issue_type, JiraIssue.created, JiraIssue.resolved)
        .where(JiraIssue.org_id == org_id, touched(JiraIssue.created, JiraIssue.resolved))
        .order_by(JiraIssue.key)
    )
    github = session.execute(
        select(
            GitHubIssue.repo,
            GitHubIssue.number,
            GitHubIssue.labels,
            GitHubIssue.created_at,
            GitHubIssue.closed_at,
        )
        .where(GitHubIssue.org_id == org_id, touched(GitHubIssue.created_at, GitHubIssue.closed_at))
        .order_by(GitHubIssue.repo, GitHubIssue.number)
    )
    return [
        {
            "source": "jira",
            "key": r.key,
            "is_bug": r.issue_type == JIRA_BUG,
            "created_at": r.created,
            "resolved_at": r.resolved,
        }
        for r in jira
    ] + [
        {
            "source": "github",
            "key": f"{r.repo}#{r.number}",
            "is_bug": BUG_LABEL in r.labels,
            "created_at": r.created_at,
            "resolved_at": r.closed_at,
        }
        for r in github
    ]


def shipped_requests(
    session: Session, org_id: uuid.UUID, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """Customer requests (deal → Jira key) whose first production deploy fell in the window."""
    return [
        {
            "deal_id": s.deal_id,
            "jira_key": s.jira_key,
            "requested_at": s.requested_at,
            "deployed_at": s.deployed_at,
        }
        for s in request_to_production(session, org_id)
        if since <= s.deployed_at < until
    ]


def source_facts(
    session: Session, org_id: uuid.UUID, since: datetime, until: datetime
) -> dict[str, Any]:
    """Every synced fact the dashboard needs for the window, as ``SourceFacts`` fields."""
    return {
        "deals": deals(session, org_id, until),
        "deployments": production_deploys(session, org_id, since, until),
        "pull_requests": pull_requests(session, org_id, since, until),
        "issues": issues(session, org_id, since, until),
        "shipped": shipped_requests(session, org_id, since, until),
    }
