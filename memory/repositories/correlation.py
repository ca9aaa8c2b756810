"""Correlation queries over the synced tables: requests that reached production, and ARR.

The definitions match ``tools.sandbox.truth`` exactly, so a synced sandbox reproduces its ground
truth: a (deal, Jira key) request is shipped when a merged PR names the key and a successful
production deployment of that PR's repository ran a commit committed at or after the merge.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import and_, any_, case, func, literal, select, true
from sqlalchemy.orm import Session

from memory.source_models import Commit, Deal, Deployment, JiraIssue, PullRequest

# Sign of a won deal's amount in ARR (a renewal's amount is its uplift).
DEAL_SIGN = {"new": 1, "expansion": 1, "renewal": 1, "contraction": -1, "churn": -1}
WON = "closedwon"


@dataclass(frozen=True)
class ShippedRequest:
    """One customer request (deal → Jira issue) traced to the deploy that put it live."""

    deal_id: str
    deal_name: str
    deal_stage: str
    deal_amount: float | None
    requested_at: datetime | None  # the deal's create date
    jira_key: str
    issue_summary: str
    pull_requests: tuple[str, ...]  # "owner/repo#number" of every merged PR naming the key
    deployment_id: int  # the first successful production deploy shipping one of them
    deployed_at: datetime

    @property
    def lead_time(self) -> timedelta | None:
        """From the request (deal created) to production, when the deal has a create date."""
        return None if self.requested_at is None else self.deployed_at - self.requested_at


def request_to_production(session: Session, org_id: uuid.UUID) -> list[ShippedRequest]:
    """Every requested Jira issue of the org's deals that reached production, oldest deal first."""
    requests = (
        select(
            Deal.id,
            Deal.name,
            Deal.stage,
            Deal.amount,
            Deal.create_date,
            func.unnest(Deal.requested_issue_keys).label("key"),
        )
        .where(Deal.org_id == org_id)
        .cte("requests")
    )
    deployed_at = func.coalesce(Deployment.state_at, Deployment.created_at)
    first_live = (
        select(Deployment.id.label("deployment_id"), deployed_at.label("deployed_at"))
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
            Deployment.repo == PullRequest.repo,
            Deployment.environment == "production",
            Deployment.state == "success",
            Commit.committed_at >= PullRequest.merged_at,
        )
        .order_by(deployed_at, Deployment.id)
        .limit(1)
        .lateral("first_live")
    )
    rows = session.execute(
        select(requests, JiraIssue.summary, PullRequest.repo, PullRequest.number, first_live)
        .join(JiraIssue, and_(JiraIssue.org_id == org_id, JiraIssue.key == requests.c.key))
        .join(
            PullRequest,
            and_(
                PullRequest.org_id == org_id,
                PullRequest.merged_at.is_not(None),
                requests.c.key == any_(PullRequest.jira_keys),
            ),
        )
        .join(first_live, true())
        .order_by(requests.c.create_date, requests.c.id, requests.c.key, first_live.c.deployed_at)
    ).all()
    shipped: dict[tuple[str, str], ShippedRequest] = {}
    for r in rows:
        pr = f"{r.repo}#{r.number}"
        found = shipped.get((r.id, r.key))
        if found is None:  # rows come earliest deploy first within a request
            shipped[(r.id, r.key)] = ShippedRequest(
                deal_id=r.id,
                deal_name=r.name,
                deal_stage=r.stage,
                deal_amount=r.amount,
                requested_at=r.create_date,
                jira_key=r.key,
                issue_summary=r.summary,
                pull_requests=(pr,),
                deployment_id=r.deployment_id,
                deployed_at=r.deployed_at,
            )
        elif pr not in found.pull_requests:
            shipped[(r.id, r.key)] = _with_pr(found, pr)
    return list(shipped.values())


def _with_pr(found: ShippedRequest, pr: str) -> ShippedRequest:
    return replace(found, pull_requests=tuple(sorted((*found.pull_requests, pr))))


def arr_at(session: Session, org_id: uuid.UUID, when: datetime) -> float:
    """ARR at ``when``: per CRM company, signed amounts of won deals closed at or before ``when``,
    floored at 0, summed over companies."""
    sign = case(
        *((Deal.kind == kind, literal(s)) for kind, s in DEAL_SIGN.items()), else_=literal(0)
    )
    per_company = (
        select(func.sum(sign * func.coalesce(Deal.amount, 0.0)).label("arr"))
        .where(
            Deal.org_id == org_id,
            Deal.stage == WON,
            Deal.close_date.is_not(None),
            Deal.close_date <= when,
        )
        .group_by(Deal.company_id)
        .subquery()
    )
    total = session.execute(
        select(func.coalesce(func.sum(func.greatest(per_company.c.arr, 0.0)), 0.0))
    ).scalar_one()
    return float(total)
